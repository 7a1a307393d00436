import { AliasMatcher, type AliasMatch, type AliasPattern } from './aliasMatcher';
import { MAX_ALIAS_LENGTH, rangeInAnnotationFile, type ParsedAnnotationFile } from './annotationFileParser';
import type { ClaimRecord, EntityRecord, NoteRecord, PassageSelector } from './annotationTypes';
import { parseArticle, type ParsedArticle } from './articleParser';
import { articleParagraphs, type ArticleParagraph } from './paragraphs';
import { CodePointIndex } from './codePointIndex';
import { IntervalSweep, type Interval } from './intervalSweep';
import { LineIndex } from './lineIndex';
import { anchoredPassages } from './anchoredPassages';
import { finishNow, STEPS_BETWEEN_PAUSES, type ResumableWork } from './resumableWork';
import { ARTICLE_SEARCH_LIMIT, findQuoteOccurrencesInSteps, MIN_FUZZY_SCORE, positionHint, resolvePassage, SearchBudget, type ResolvedAnchor } from './passageAnchor';
import type { Problem } from './problem';

/** A place where the article mentions an entity, in UTF-16 offsets of the article's text. */
export interface EntityMention {
  entityId: string;
  start: number;
  end: number;
  /** name or alias: found by matching; explicit: an anchored mention in the annotation file. */
  source: 'name' | 'alias' | 'explicit';
}

export interface ResolvedClaim {
  record: ClaimRecord;
  anchor: ResolvedAnchor;
}

export interface ResolvedNote {
  record: NoteRecord;
  anchor: ResolvedAnchor;
}

/** An entity's explicit mention or exclusion, anchored. */
export interface EntityPassage {
  entityId: string;
  selector: PassageSelector;
  anchor: ResolvedAnchor;
  /** Where the selector is in the annotation file. */
  path: Array<string | number>;
}

/** The part of a text that an edit changed: text before `start` and the last `suffixLength` characters are as they were. */
export interface ChangedSpan {
  start: number;
  suffixLength: number;
}

/** Everything the editor, the CLI and the exports show of one article: parsed and anchored once. */
export interface ArticleModel {
  article: ParsedArticle;
  annotationFile: ParsedAnnotationFile;
  matcher: AliasMatcher;
  /** Code point offsets of the article's text, for W3C positions. */
  codePoints: CodePointIndex;
  entities: EntityRecord[];
  entityById: ReadonlyMap<string, EntityRecord>;
  /** Sorted by start; never overlapping. */
  mentions: EntityMention[];
  mentionsByEntity: ReadonlyMap<string, EntityMention[]>;
  explicitMentions: EntityPassage[];
  exclusions: EntityPassage[];
  claims: ResolvedClaim[];
  notes: ResolvedNote[];
  /** The article's and the annotation file's problems, anchoring included. */
  problems: Problem[];
  /** The article's paragraphs as a reader numbers them (for citations); computed on first use. */
  readonly paragraphs: readonly ArticleParagraph[];
  /** For a model updated after an edit: each mention that only moved with the text, and the previous model's mention it was. */
  shiftedFrom?: ReadonlyMap<EntityMention, EntityMention>;
}

/** Above this many passages away from their hints, they are looked for in one pass over the text. */
const MANY_PASSAGES = 16;

/** Builds the matcher for an annotation file's entities; reuse it while the annotation file is unchanged. */
export function createEntityMatcher(entities: readonly EntityRecord[]): AliasMatcher {
  const patterns: AliasPattern[] = [];
  for (const entity of entities) {
    const caseSensitive = entity.caseSensitive !== false;
    for (const text of [entity.name, ...(entity.aliases ?? [])]) {
      // Over-long forms are reported by the loader; matching them would only cost memory.
      if (text.trim().length > 0 && text.length <= MAX_ALIAS_LENGTH) patterns.push({ text, key: entity.id, caseSensitive });
    }
  }
  return new AliasMatcher(patterns);
}

/**
 * Anchors an annotation file on its article: finds every mention (names and aliases, plus explicit
 * mentions, minus exclusions) in the article's body, resolves claim and note passages, and reports
 * passages that cannot be found at their place in the annotation file.
 */
export function buildArticleModel(article: ParsedArticle, annotationFile: ParsedAnnotationFile, matcher?: AliasMatcher, searchLimit = ARTICLE_SEARCH_LIMIT): ArticleModel {
  return finishNow(buildArticleModelInSteps(article, annotationFile, matcher, searchLimit));
}

/** buildArticleModel, pausing now and then (see resumableWork). */
export function* buildArticleModelInSteps(article: ParsedArticle, annotationFile: ParsedAnnotationFile, matcher?: AliasMatcher, searchLimit = ARTICLE_SEARCH_LIMIT): ResumableWork<ArticleModel> {
  const annotations = annotationFile.annotations;
  const entities = annotations?.entities ?? [];
  const text = article.text;
  const codePoints = new CodePointIndex(text);
  // Claims first, then notes, then explicit mentions and exclusions: if the search budget runs out, the
  // passages a reader cares most about were looked for.
  const budget = new SearchBudget(searchLimit);
  // Passages not at their hint are looked for word for word: all at once when there are many.
  const selectors = [
    ...(annotations?.claims ?? []).map((record) => record.passage),
    ...(annotations?.notes ?? []).map((record) => record.passage),
    ...entities.flatMap((entity) => [...(entity.mentions ?? []), ...(entity.exclusions ?? [])]),
  ];
  const hints = new Map<PassageSelector, number | undefined>();
  const astray: PassageSelector[] = [];
  let steps = 0;
  for (const selector of selectors) {
    if (++steps % STEPS_BETWEEN_PAUSES === 0) yield;
    const hint = positionHint(selector, codePoints);
    hints.set(selector, hint);
    if (hint === undefined || !text.startsWith(selector.exact, hint)) astray.push(selector);
  }
  const occurrences = astray.length > MANY_PASSAGES ? yield* findQuoteOccurrencesInSteps(text, astray.map((selector) => selector.exact)) : undefined;
  const resolve = (selector: PassageSelector) => resolvePassage(text, selector, hints.get(selector), 0, text.length, budget, occurrences?.get(selector.exact));
  // A passage away from its hint may cost a search: pause after each of those, and every so often.
  function* resolveAll<T>(items: readonly T[], selectorOf: (item: T) => PassageSelector): ResumableWork<ResolvedAnchor[]> {
    const anchors: ResolvedAnchor[] = [];
    for (const item of items) {
      const anchor = resolve(selectorOf(item));
      anchors.push(anchor);
      if (anchor.status !== 'exact' || ++steps % STEPS_BETWEEN_PAUSES === 0) yield;
    }
    return anchors;
  }
  const claimRecords = annotations?.claims ?? [];
  const claimAnchors = yield* resolveAll(claimRecords, (record) => record.passage);
  const claims = claimRecords.map((record, k) => ({ record, anchor: claimAnchors[k] }));
  const noteRecords = annotations?.notes ?? [];
  const noteAnchors = yield* resolveAll(noteRecords, (record) => record.passage);
  const notes = noteRecords.map((record, k) => ({ record, anchor: noteAnchors[k] }));

  const explicitMentions: EntityPassage[] = [];
  const exclusions: EntityPassage[] = [];
  for (let keptIndex = 0; keptIndex < entities.length; keptIndex++) {
    const entity = entities[keptIndex];
    const entityPath = ['entities', annotationFile.sourceIndexes.entities[keptIndex]];
    const mentionAnchors = yield* resolveAll(entity.mentions ?? [], (selector) => selector);
    (entity.mentions ?? []).forEach((selector, index) => explicitMentions.push({ entityId: entity.id, selector, anchor: mentionAnchors[index], path: [...entityPath, 'mentions', index] }));
    const exclusionAnchors = yield* resolveAll(entity.exclusions ?? [], (selector) => selector);
    (entity.exclusions ?? []).forEach((selector, index) => exclusions.push({ entityId: entity.id, selector, anchor: exclusionAnchors[index], path: [...entityPath, 'exclusions', index] }));
  }
  const entityMatcher = matcher ?? createEntityMatcher(entities);
  const entityById = new Map(entities.map((entity) => [entity.id, entity]));
  const found = yield* entityMatcher.findAllInSteps(text, article.bodyStart);
  const matched = yield* keptMatches(found, explicitMentions, exclusions, entityById);
  return yield* assembleModel({ article, annotationFile, matcher: entityMatcher, codePoints, entities, entityById, explicitMentions, exclusions, claims, notes }, matched);
}

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
  const oldText = previous.article.text;
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

  const codePoints = previous.codePoints.afterEdit(text, start, suffixLength);
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
  const article = withText(previous.article, text);
  if (matchEverything) {
    const found = yield* previous.matcher.findAllInSteps(text, article.bodyStart);
    const matched = yield* keptMatches(found, explicitMentions, exclusions, previous.entityById);
    return yield* assembleModel({ ...partsOf(previous), article, codePoints, explicitMentions, exclusions, claims, notes }, matched);
  }

  const zoneStart = Math.max(previous.article.bodyStart, lineStart(text, start));
  const zoneEnd = lineEnd(text, newEnd);
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
  const model = yield* assembleModel({ ...partsOf(previous), article, codePoints, explicitMentions, exclusions, claims, notes }, matched);
  model.shiftedFrom = shiftedFrom;
  return model;
}

/** The parts a model is assembled from (not a spread: it would build the lazy mention index). */
function partsOf(model: ArticleModel): ModelParts {
  const { article, annotationFile, matcher, codePoints, entities, entityById, explicitMentions, exclusions, claims, notes } = model;
  return { article, annotationFile, matcher, codePoints, entities, entityById, explicitMentions, exclusions, claims, notes };
}

type ModelParts = Pick<ArticleModel, 'article' | 'annotationFile' | 'matcher' | 'codePoints' | 'entities' | 'entityById' | 'explicitMentions' | 'exclusions' | 'claims' | 'notes'>;

/** The mentions, their index by entity, and every problem, from anchored parts and the alias matches kept. */
function* assembleModel(parts: ModelParts, matched: EntityMention[]): ResumableWork<ArticleModel> {
  const explicit: EntityMention[] = [];
  for (const passage of parts.explicitMentions) {
    if (passage.anchor.status !== 'orphan') explicit.push({ entityId: passage.entityId, start: passage.anchor.start, end: passage.anchor.end, source: 'explicit' });
  }
  // Both in text order already (alias matches as found, explicit ones once sorted): merged, not sorted again.
  const byPlace = (a: EntityMention, b: EntityMention) => a.start - b.start || b.end - a.end;
  let mentions = matched;
  if (explicit.length > 0) {
    explicit.sort(byPlace);
    mentions = [];
    let k = 0;
    for (let i = 0; i < matched.length; i++) {
      if (i % STEPS_BETWEEN_PAUSES === STEPS_BETWEEN_PAUSES - 1) yield;
      while (k < explicit.length && byPlace(explicit[k], matched[i]) < 0) mentions.push(explicit[k++]);
      mentions.push(matched[i]);
    }
    while (k < explicit.length) mentions.push(explicit[k++]);
  }
  const problems = yield* modelProblems(parts);
  // Indexed on first use: painting after a keystroke does not need these, hovers, trees and citations do.
  let mentionsByEntity: Map<string, EntityMention[]> | undefined;
  let paragraphs: ArticleParagraph[] | undefined;
  const { article, annotationFile, matcher, codePoints, entities, entityById, explicitMentions, exclusions, claims, notes } = parts;
  return {
    article,
    annotationFile,
    matcher,
    codePoints,
    entities,
    entityById,
    explicitMentions,
    exclusions,
    claims,
    notes,
    mentions,
    get paragraphs() {
      return (paragraphs ??= articleParagraphs(article));
    },
    get mentionsByEntity() {
      if (!mentionsByEntity) {
        mentionsByEntity = new Map();
        for (const mention of mentions) {
          const list = mentionsByEntity.get(mention.entityId);
          if (list) list.push(mention);
          else mentionsByEntity.set(mention.entityId, [mention]);
        }
      }
      return mentionsByEntity;
    },
    problems,
  };
}

/**
 * Alias matches that no explicit mention covers and no exclusion of their entity removes. Matches come
 * in text order, so the passages are swept alongside them: linear in matches plus passages.
 */
function* keptMatches(
  matches: AliasMatch[],
  explicitMentions: readonly EntityPassage[],
  exclusions: readonly EntityPassage[],
  entityById: ReadonlyMap<string, EntityRecord>,
): ResumableWork<EntityMention[]> {
  const anchored = (passages: readonly EntityPassage[]) =>
    passages.filter((passage) => passage.anchor.status !== 'orphan').sort((a, b) => a.anchor.start! - b.anchor.start!);
  const anchorOf = (passage: EntityPassage) => passage.anchor as Interval;
  const explicit = new IntervalSweep(anchored(explicitMentions), anchorOf);
  const excluded = new IntervalSweep(anchored(exclusions), anchorOf);
  const kept: EntityMention[] = [];
  let steps = 0;
  for (const match of matches) {
    if (++steps % STEPS_BETWEEN_PAUSES === 0) yield;
    if (excluded.overlapping(match).some((passage) => passage.entityId === match.pattern.key)) continue;
    if (explicit.overlapping(match).length > 0) continue;
    const entity = entityById.get(match.pattern.key);
    kept.push({ entityId: match.pattern.key, start: match.start, end: match.end, source: entity?.name === match.pattern.text ? 'name' : 'alias' });
  }
  return kept;
}

function* modelProblems(parts: ModelParts): ResumableWork<Problem[]> {
  const { article, annotationFile } = parts;
  const problems: Problem[] = [...article.problems, ...annotationFile.problems];
  const annotations = annotationFile.annotations;
  const expectedArticle = lastPathSegment(article.fileName);
  if (annotations && annotations.article !== expectedArticle) {
    problems.push({
      file: annotationFile.fileName,
      severity: 'warning',
      code: 'article-name',
      message: `"article" is "${annotations.article}", but this file sits beside ${expectedArticle}, the article it annotates.`,
      ...rangeInAnnotationFile(annotationFile, ['article']),
    });
  }
  let steps = 0;
  for (const passage of parts.exclusions) {
    if (++steps % 64 === 0) yield; // each looks at the lines of its passage again
    if (passage.anchor.status !== 'orphan' && !excludesAMatch(parts, passage)) {
      problems.push({
        file: annotationFile.fileName,
        severity: 'warning',
        code: 'exclusion-unused',
        message: `This exclusion of "${passage.entityId}" covers no match of its name or aliases; it has no effect.`,
        ...rangeInAnnotationFile(annotationFile, [...passage.path, 'exact']),
      });
    }
  }
  for (const passage of anchoredPassages(parts)) {
    if (++steps % STEPS_BETWEEN_PAUSES === 0) yield;
    const position = passage.selector.position;
    if (position && position.start <= position.end && position.end > parts.codePoints.codePointLength) {
      problems.push({
        file: annotationFile.fileName,
        severity: 'warning',
        code: 'position-past-end',
        message: `The position of ${passage.what} ends at ${position.end}, past the end of the article (${parts.codePoints.codePointLength} code points); it is ignored as a hint.`,
        ...rangeInAnnotationFile(annotationFile, [...passage.path, 'position']),
      });
    }
    if (passage.anchor.status !== 'orphan') continue;
    // Kept as an orphan on purpose: shown, but not as an error.
    const kept = passage.selector.orphaned === true;
    const quote = abbreviate(passage.selector.exact);
    problems.push({
      file: annotationFile.fileName,
      severity: kept ? 'info' : 'error',
      code: 'quote-not-found',
      message: kept
        ? `The passage of ${passage.what} is gone from the article and kept as an orphan: "${quote}".`
        : passage.anchor.searchStopped
          ? `The passage of ${passage.what} is not in the article word for word, and the search for similar text stopped at its bound before it had looked everywhere: "${quote}". (In the editor, Re-check Anchors searches further.) Re-anchor it (quick fix), fix the quote, or keep it as an orphan.`
          : `The passage of ${passage.what} is not in the article: "${quote}". Re-anchor it (quick fix), fix the quote, or keep it as an orphan.`,
      ...rangeInAnnotationFile(annotationFile, [...passage.path, 'exact']),
    });
    // And in the article, where the passage was last seen.
    const { near, candidate } = passage.anchor;
    if (near === undefined) continue;
    const at = article.lineIndex.locationAt(near);
    const end = candidate && candidate.start === near ? article.lineIndex.locationAt(candidate.end) : { line: at.line, column: at.column + Math.min(passage.selector.exact.length, article.lineIndex.lineText(at.line).length - at.column) };
    problems.push({
      file: article.fileName,
      severity: kept ? 'info' : 'warning',
      code: 'passage-lost',
      message: `The passage of ${passage.what} was here and is gone: "${quote}".${candidate ? ` The closest text scores ${candidate.score.toFixed(2)}, under the ${MIN_FUZZY_SCORE} needed.` : ''}`,
      start: at,
      end: end.line === at.line && end.column <= at.column ? { line: at.line, column: at.column + 1 } : end,
    });
  }
  return problems;
}

/** Whether an exclusion removes some match of its entity: matched again on its own lines, which is where such a match can be. */
function excludesAMatch(parts: ModelParts, exclusion: EntityPassage): boolean {
  if (exclusion.anchor.status === 'orphan') return false;
  const { text, bodyStart } = parts.article;
  // Its lines, or as much of them as a chain of overlapping matches could reach in any real text: an
  // article of one huge line with thousands of exclusions would otherwise be scanned once for each.
  const from = Math.max(bodyStart, exclusion.anchor.start - EXCLUSION_CONTEXT, parts.matcher.spansLines ? 0 : lineStart(text, exclusion.anchor.start));
  const to = Math.min(text.length, exclusion.anchor.end + EXCLUSION_CONTEXT, parts.matcher.spansLines ? text.length : lineEnd(text, exclusion.anchor.end));
  return parts.matcher.findAll(text, from, to).some((match) => match.pattern.key === exclusion.entityId && overlaps(exclusion.anchor, match));
}

/** How far around an exclusion excludesAMatch looks for the match it removes (aliases are at most 200 characters). */
const EXCLUSION_CONTEXT = 2000;

/** The same article with new text; its line index is built only if something asks for it. */
function withText(article: ParsedArticle, text: string): ParsedArticle {
  let lineIndex: LineIndex | undefined;
  // Not a spread: it would run the getter of an article made here before, and index the old text.
  const { fileName, metadata, bodyStart, problems } = article;
  return {
    fileName,
    text,
    metadata,
    bodyStart,
    problems,
    get lineIndex() {
      return (lineIndex ??= new LineIndex(text));
    },
  };
}

// indexOf and lastIndexOf, not a loop: on a line of megabytes they are many times faster.
function lineStart(text: string, offset: number): number {
  if (offset <= 0) return 0;
  return Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1;
}

function lineEnd(text: string, offset: number): number {
  const lineFeed = text.indexOf('\n', offset);
  const carriageReturn = text.indexOf('\r', offset);
  if (lineFeed === -1) return carriageReturn === -1 ? text.length : carriageReturn;
  return carriageReturn === -1 ? lineFeed : Math.min(lineFeed, carriageReturn);
}

/** The index of the first mention (mentions are sorted by start and never overlap) that ends after `offset`. */
export function firstMentionEndingAfter(mentions: readonly EntityMention[], offset: number): number {
  let low = 0;
  let high = mentions.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (mentions[middle].end <= offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** How a claimant is shown: the entity's name, its id if the entity is missing, "unattributed" for null. */
export function claimantName(model: ArticleModel, claimant: string | null | undefined): string {
  if (claimant === null || claimant === undefined) return 'unattributed';
  return model.entityById.get(claimant)?.name ?? claimant;
}

function overlaps(a: { start?: number; end?: number }, b: { start: number; end: number }): boolean {
  return a.start !== undefined && a.end !== undefined && a.start < b.end && b.start < a.end;
}

function abbreviate(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** The file name at the end of a path or URI (decoded, since URIs percent-encode it). */
function lastPathSegment(path: string): string {
  const segment = path.split(/[\\/]/).pop() ?? path;
  try {
    return /^[a-z][a-z0-9+.-]*:/i.test(path) ? decodeURIComponent(segment) : segment;
  } catch {
    return segment;
  }
}
