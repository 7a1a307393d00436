import type { PassageSelector } from '../format/annotationTypes';
import type { ArticleModel, ChangedSpan, EntityMention } from './articleModel';
import { parseArticle, type ParsedArticle } from './articleParser';
import { assembleModel, keptMatches, partsOf } from './assembleModel';
import { buildArticleModelInSteps } from './buildArticleModel';
import { lineEndAt, lineStartAt } from '../text/lineIndex';
import { ARTICLE_SEARCH_LIMIT, positionHint, resolvePassage, SearchBudget, type ResolvedAnchor } from '../anchoring/passageAnchor';
import { finishNow, type ResumableWork } from '../text/resumableWork';

/**
 * The model of the article after an edit, from the model before it: anchors outside the changed span
 * move with the text, anchors it touched are resolved again near where they were, and aliases are
 * matched again only on the changed lines (a match never crosses a line break). Costs in proportion to
 * the edit, not to the article, except where the edit touches the front matter or moves an explicit
 * mention or exclusion to another place, which rebuild everything.
 */
export function updateArticleModel(previous: ArticleModel, text: string, changed: ChangedSpan, searchLimit = ARTICLE_SEARCH_LIMIT): ArticleModel {
  return finishNow(updateArticleModelInSteps(previous, text, changed, searchLimit));
}

/** updateArticleModel, pausing now and then (see resumableWork): a small edit never pauses, a rebuild may. */
export function* updateArticleModelInSteps(previous: ArticleModel, text: string, changed: ChangedSpan, searchLimit = ARTICLE_SEARCH_LIMIT): ResumableWork<ArticleModel> {
  const oldText = previous.article.source.text;
  const start = Math.min(changed.start, oldText.length, text.length);
  const suffixLength = Math.min(changed.suffixLength, oldText.length - start, text.length - start);
  const delta = text.length - oldText.length;
  const oldEnd = oldText.length - suffixLength;
  const newEnd = text.length - suffixLength;
  const rebuild = () => buildArticleModelInSteps(parseArticle(text, previous.article.fileName), previous.annotationFile, previous.matcher, searchLimit);
  const budget = new SearchBudget(searchLimit);
  // An edit at or before the body's start may change the front matter, or make one.
  const firstLineEnd = text.indexOf('\n');
  if (start <= Math.max(previous.article.bodyStart, firstLineEnd === -1 ? text.length : firstLineEnd) || previous.matcher.spansLines) return yield* rebuild();

  const source = previous.article.source.afterEdit(text, start, suffixLength);
  const { codePoints } = source;
  let moved = false;
  // Exact when at the selector's own position hint, moved when elsewhere (as a fresh build says).
  const withStatus = (found: ResolvedAnchor, selector: PassageSelector, previousStatus: ResolvedAnchor['status']): ResolvedAnchor => {
    if (found.status === 'orphan' || found.status === 'fuzzy') return found;
    if (previousStatus === 'fuzzy' || previousStatus === 'orphan') previousStatus = 'moved';
    const hint = positionHint(selector, codePoints);
    const status = hint === undefined ? previousStatus : hint === found.start ? 'exact' : 'moved';
    return status === found.status ? found : { status, start: found.start, end: found.end };
  };
  const follow = (anchor: ResolvedAnchor, selector: PassageSelector): ResolvedAnchor => {
    const map = (offset: number) => (offset <= start ? offset : offset >= oldEnd ? offset + delta : start);
    if (anchor.status === 'orphan') {
      // It was nowhere in the old text, so it can only be in text the edit touched.
      const found = resolvePassage(text, selector, undefined, Math.max(0, start - selector.exact.length), Math.min(text.length, newEnd + selector.exact.length), budget);
      if (found.status !== 'orphan') {
        moved = true;
        return withStatus(found, selector, 'moved');
      }
      // Still lost: its last known place and candidate move with the text (a candidate the edit touched is dropped).
      const { candidate, near } = anchor;
      const keepCandidate = candidate && (candidate.end <= start || candidate.start >= oldEnd);
      return {
        status: 'orphan',
        near: near === undefined ? undefined : map(near),
        candidate: keepCandidate ? { start: map(candidate.start), end: map(candidate.end), score: candidate.score } : undefined,
        ...(anchor.searchStopped ? { searchStopped: true as const } : {}),
      };
    }
    if (anchor.end <= start) return withStatus(anchor, selector, anchor.status);
    if (anchor.start >= oldEnd) return withStatus({ ...anchor, start: anchor.start + delta, end: anchor.end + delta }, selector, anchor.status);
    const found = resolvePassage(text, selector, Math.min(anchor.start, text.length), 0, text.length, budget);
    moved ||= found.status === 'orphan' || found.start !== anchor.start;
    if (found.status === 'orphan' && found.near === undefined) return { ...found, near: Math.min(anchor.start, text.length) };
    return withStatus(found, selector, 'moved');
  };
  const explicitMentions = previous.explicitMentions.map((passage) => ({ ...passage, anchor: follow(passage.anchor, passage.selector) }));
  const exclusions = previous.exclusions.map((passage) => ({ ...passage, anchor: follow(passage.anchor, passage.selector) }));
  // Explicit mentions and exclusions decide which matches count everywhere: if one moved, match everything again.
  const matchEverything = moved;
  const claims = previous.claims.map((claim) => ({ record: claim.record, anchor: follow(claim.anchor, claim.record.passage) }));
  const notes = previous.notes.map((note) => ({ record: note.record, anchor: follow(note.anchor, note.record.passage) }));
  const article: ParsedArticle = { ...previous.article, source };
  if (matchEverything) {
    const found = yield* previous.matcher.findAllInSteps(text, article.bodyStart);
    const matched = yield* keptMatches(found, explicitMentions, exclusions, previous.entityById);
    return yield* assembleModel({ ...partsOf(previous), article, explicitMentions, exclusions, claims, notes }, matched);
  }

  const zoneStart = Math.max(previous.article.bodyStart, lineStartAt(text, start));
  const zoneEnd = lineEndAt(text, newEnd);
  const oldZoneEnd = zoneEnd - delta;
  const matched: EntityMention[] = [];
  let k = 0;
  const old = previous.mentions;
  for (; k < old.length && old[k].end <= zoneStart; k++) if (old[k].source !== 'explicit') matched.push(old[k]);
  for (const mention of yield* keptMatches(previous.matcher.findAll(text, zoneStart, zoneEnd), explicitMentions, exclusions, previous.entityById)) matched.push(mention);
  const shiftedFrom = new Map<EntityMention, EntityMention>();
  for (; k < old.length; k++) {
    const mention = old[k];
    if (mention.source === 'explicit' || mention.start < oldZoneEnd) continue;
    const shifted: EntityMention = delta === 0 ? mention : { entityId: mention.entityId, start: mention.start + delta, end: mention.end + delta, source: mention.source };
    if (shifted !== mention) shiftedFrom.set(shifted, mention);
    matched.push(shifted);
  }
  const model = yield* assembleModel({ ...partsOf(previous), article, explicitMentions, exclusions, claims, notes }, matched);
  model.shiftedFrom = shiftedFrom;
  return model;
}
