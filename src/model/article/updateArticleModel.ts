import type { PassageSelector } from '../format/annotationTypes';
import type { ArticleModel, ChangedSpan } from './articleModel';
import { parseArticle, type ParsedArticle } from './articleParser';
import { assembleModel, keptMatches, partsOf, withExplicitMentions } from './assembleModel';
import { RelativeIntervals } from '../text/relativeIntervals';
import { readBlocksInSteps, readingMatches, topLevelBlocks, type TextBlock } from './readingMatches';
import { buildReadingText } from '../anchoring/readingText';
import { anchoredPassages } from './anchoredPassages';
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
  // A passage the edit touched that is found only on the reading text (a quote copied from what a reader
  // sees), or an orphan that markup typed near it may have brought back, is looked for as a fresh build does.
  let readAgain = false;
  // What a reader sees around the edit: its lines, as far on each side as any passage's quote reaches,
  // read on their own (enough to tell that a passage may read word for word there), once and only when
  // a passage needs it.
  let readingAroundEdit: string | undefined;
  const readingAround = (): string => {
    if (readingAroundEdit === undefined) {
      const reach = Math.min(MAX_SPAN_CHARS, 2 * anchoredPassages(previous).reduce((longest, passage) => Math.max(longest, passage.selector.exact.length), 0));
      readingAroundEdit = buildReadingText(text, lineStartAt(text, Math.max(previous.article.bodyStart, start - reach)), lineEndAt(text, Math.min(text.length, newEnd + reach))).text;
    }
    return readingAroundEdit;
  };
  const follow = (anchor: ResolvedAnchor, selector: PassageSelector): ResolvedAnchor => {
    const map = (offset: number) => (offset <= start ? offset : offset >= oldEnd ? offset + delta : start);
    if (anchor.status === 'orphan') {
      // It was nowhere in the old text, so it can only be in text the edit touched.
      const from = Math.max(0, start - selector.exact.length);
      const to = Math.min(text.length, newEnd + selector.exact.length);
      const found = resolvePassage(text, selector, undefined, from, to, budget);
      if (found.status !== 'orphan') {
        moved = true;
        return withStatus(found, selector, 'moved');
      }
      if (readingAround().includes(selector.exact)) readAgain = true;
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
    if (anchor.end <= start || anchor.start >= oldEnd) {
      // A passage found only as a reader sees it (across markup) reads so because of the markup around
      // it: an edit elsewhere in its block ("`" closing a code span, or no longer) may change that.
      if (anchor.status !== 'fuzzy' && oldText.slice(anchor.start, anchor.end) !== selector.exact && sameBlock(previous, anchor, start, oldEnd)) readAgain = true;
      if (anchor.end <= start) return withStatus(anchor, selector, anchor.status);
      return withStatus({ ...anchor, start: anchor.start + delta, end: anchor.end + delta }, selector, anchor.status);
    }
    // Typing inside a passage usually leaves its quote nowhere word for word (it is then found
    // approximately); but it may now read word for word across markup, as a fresh build would find it.
    if (!text.includes(selector.exact) && readingAround().includes(selector.exact)) readAgain = true;
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
  if (readAgain) return yield* rebuild();
  const article: ParsedArticle = { ...previous.article, source };
  // An edit within a line, away from where block markers are, cannot change where blocks begin and end.
  const structural = /[\r\n]/.test(text.slice(start, newEnd)) || /[\r\n]/.test(oldText.slice(start, oldEnd)) || start - lineStartAt(text, start) < 4;
  const span = matchEverything ? undefined : blocksToReadAgain(previous, text, start, oldEnd, delta, structural);
  if (!span) {
    const blocks = topLevelBlocks(text, article.bodyStart, text.length);
    yield;
    const { matches } = yield* readBlocksInSteps(previous.matcher, text, blocks);
    const matched = yield* withExplicitMentions(yield* keptMatches(matches, explicitMentions, exclusions, previous.entityById), explicitMentions);
    return yield* assembleModel({ ...partsOf(previous), article, blocks: RelativeIntervals.of(blocks), explicitMentions, exclusions, claims, notes }, RelativeIntervals.of(matched));
  }

  // The mentions in the span read again are found again; those before it stay, those after it move
  // with the text (their pages' bases do). Explicit mentions did not move (else everything is matched again).
  const { from: zoneStart, to: zoneEnd, blocks } = span;
  const oldZoneEnd = zoneEnd - delta;
  const old = previous.mentions;
  const zoneMatches = yield* keptMatches(readingMatches(previous.matcher, text, zoneStart, zoneEnd), explicitMentions, exclusions, previous.entityById);
  const zoneMentions = yield* withExplicitMentions(zoneMatches, explicitMentions, zoneStart, zoneEnd);
  // Mentions that overlap the span (an explicit one may cross its edge) are replaced by what was found in it.
  const first = Math.min(old.firstEndingAfter(zoneStart), zoneMentions.length > 0 ? old.firstEndingAfter(zoneMentions[0].start) : Infinity);
  const last = Math.max(old.firstStartingFrom(oldZoneEnd), zoneMentions.length > 0 ? old.firstStartingFrom(zoneMentions[zoneMentions.length - 1].end - delta) : 0);
  const mentions = old.splice(first, Math.max(first, last), delta, zoneMentions);
  return yield* assembleModel({ ...partsOf(previous), article, blocks, explicitMentions, exclusions, claims, notes }, mentions);
}

/** Whether an edit of old text [start, oldEnd) touches the top-level block that holds a passage. */
function sameBlock(previous: ArticleModel, anchor: { start: number; end: number }, start: number, oldEnd: number): boolean {
  const block = previous.blocks.at(previous.blocks.firstEndingAfter(anchor.start));
  if (!block || block.start > anchor.start) return false;
  return start <= block.end && oldEnd >= block.start;
}

/** Beyond this, an edited span is not read again on its own: the whole body is. */
const MAX_SPAN_CHARS = 256 * 1024;

/**
 * The span of the new text whose names are looked for again after an edit, and the body's blocks after
 * it: the blocks the edit touched, one more on each side (an edit may join or split blocks), and any
 * list, quote, fence or HTML block next to them (a blank line does not end those). Undefined when the
 * span cannot be read on its own (its last block could run on into the text after it): then the whole
 * body is read again.
 */
function blocksToReadAgain(previous: ArticleModel, text: string, start: number, oldEnd: number, delta: number, structural: boolean): { from: number; to: number; blocks: RelativeIntervals<TextBlock> } | undefined {
  const old = previous.blocks;
  const bodyStart = previous.article.bodyStart;
  const count = old.length;
  const block = (index: number) => old.at(index)!;
  // The first block that ends at or after the edit, and the last that starts before its end.
  let first = old.firstEndingAfter(start - 1);
  let last = first;
  while (last + 1 < count && block(last + 1).start <= oldEnd) last++;
  if (!structural && first === last && first < count && block(first).start <= start && oldEnd <= block(first).end) {
    // The edit stayed within a line of one block: that block alone is read again, if it is still one
    // block over the same lines (typing can make an HTML line or a list marker plain text).
    // The last block is read to the end of the text: an unclosed fence there takes in the blank lines after it.
    const edited = block(first);
    const from = edited.start;
    const to = first + 1 === count ? text.length : edited.end + delta;
    if (to - from > MAX_SPAN_CHARS) return undefined;
    // Read alone only if blank lines set it off from the blocks around it: without one, a quote or list
    // that the edit turns from an HTML line into a paragraph takes in the next line (lazy continuation).
    const setOff = (a: number, b: number) => /\n[ \t]*\r?\n/.test(text.slice(a, b + 1));
    const alone = (first === 0 || setOff(block(first - 1).end, from)) && (first + 1 === count || setOff(edited.end + delta, block(first + 1).start + delta - 1));
    const again = alone ? topLevelBlocks(text, from, to) : [];
    // Of the same kind too: a line that stops being a fence or a heading may join the paragraph before it.
    if (again.length === 1 && again[0].start === from && again[0].end === edited.end + delta && again[0].kind === edited.kind) {
      return { from, to, blocks: old.splice(first, first + 1, delta, again) };
    }
  }
  first = Math.max(0, first - 1);
  last = Math.min(count - 1, last + 1);
  while (first > 0 && block(first - 1).open) first--;
  while (last + 1 < count && block(last + 1).open) last++;
  const oldFrom = count > 0 ? Math.min(block(first).start, start) : start;
  const oldTo = count > 0 ? Math.max(block(last).end, oldEnd) : oldEnd;
  const from = Math.max(bodyStart, lineStartAt(text, Math.min(oldFrom, start)));
  const after = last + 1 < count ? block(last + 1) : undefined;
  // Up to the block after; the last block to the end of the text (an unclosed fence takes in the blank lines after it).
  const to = after ? Math.min(text.length, lineEndAt(text, oldTo >= oldEnd ? oldTo + delta : oldEnd + delta)) : text.length;
  if (to - from > MAX_SPAN_CHARS) return undefined;
  // The span must be set off from the blocks around it by blank lines, and end with a block that ends.
  const before = count > 0 && first > 0 ? block(first - 1) : undefined;
  if (before && !/\n[ \t]*\r?\n/.test(text.slice(before.end, from + 1))) return undefined;
  if (after && !/\n[ \t]*\r?\n/.test(text.slice(to, after.start + delta))) return undefined;
  const blocks = topLevelBlocks(text, from, to);
  // A list, quote, fence or HTML block at the end may run on into the block after it, unless it is the
  // one that was there, untouched by the edit, and ended before that block then.
  const end = blocks[blocks.length - 1];
  const untouched = count > 0 && block(last).start >= oldEnd && end !== undefined && end.start === block(last).start + delta && end.end === block(last).end + delta;
  if (after && end?.open && !untouched) return undefined;
  return { from, to, blocks: count === 0 ? RelativeIntervals.of(blocks) : old.splice(first, last + 1, delta, blocks) };
}
