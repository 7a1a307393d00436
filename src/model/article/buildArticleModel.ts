import { AliasMatcher, type AliasPattern } from '../anchoring/aliasMatcher';
import type { ParsedAnnotationFile } from '../format/annotationFileParser';
import { entitiesWithPassagesOf, entityLookupOf, ownEntityCountOf } from '../format/withRegistry';
import { MAX_ALIAS_LENGTH } from '../format/annotationTypes';
import type { EntityRecord, PassageSelector } from '../format/annotationTypes';
import type { ArticleModel, EntityPassage } from './articleModel';
import type { ParsedArticle } from './articleParser';
import { assembleModel, keptMatches, withExplicitMentions } from './assembleModel';
import { RelativeIntervals } from '../text/relativeIntervals';
import { readBlocksInSteps, topLevelBlocksAndPairs } from './readingMatches';
import { surrogatePairStarts } from '../text/codePointIndex';
import { ARTICLE_SEARCH_LIMIT, findQuoteOccurrencesInSteps, positionHint, resolvePassage, SearchBudget, type ResolvedAnchor } from '../anchoring/passageAnchor';
import { finishNow, STEPS_BETWEEN_PAUSES, type ResumableWork } from '../text/resumableWork';

/** Above this many passages away from their hints, they are looked for in one pass over the text. */
const MANY_PASSAGES = 16;

/** Builds the matcher for an annotation file's entities; reuse it while the annotation file is unchanged. */
export function createEntityMatcher(entities: readonly EntityRecord[]): AliasMatcher {
  return new AliasMatcher(entityPatterns(entities));
}

/** The names and aliases of entities, as the matcher takes them. */
export function entityPatterns(entities: readonly EntityRecord[]): AliasPattern[] {
  const patterns: AliasPattern[] = [];
  for (const entity of entities) {
    const caseSensitive = entity.caseSensitive !== false;
    const ignoreAccents = entity.ignoreAccents === true;
    const name = entity.name.normalize('NFC');
    for (const text of [entity.name, ...(entity.aliases ?? [])]) {
      // Over-long forms are reported by the loader; matching them would only cost memory.
      // Compared in one Unicode normalisation, NFC, as the text is (see readingMatches).
      const normalized = text.normalize('NFC');
      if (text.trim().length > 0 && text.length <= MAX_ALIAS_LENGTH) patterns.push({ text: normalized, key: entity.id, caseSensitive, ignoreAccents, isName: normalized === name });
    }
  }
  return patterns;
}

/** The matchers of registries' entities, each made once per registry read and shared by its articles. */
const registryMatchers = new WeakMap<ParsedAnnotationFile, AliasMatcher>();

/**
 * The matcher of an annotation file merged with its registry (see withRegistry): the file's own
 * entities' automata, with the registry's, made once for all the articles that share it. (An id
 * defined in both places, an error, matches the names of both under that id.)
 */
export function createMatcherWithRegistry(file: ParsedAnnotationFile): AliasMatcher {
  return finishNow(createMatcherWithRegistryInSteps(file));
}

/** createMatcherWithRegistry, pausing now and then: a registry's thousands of aliases take tens of milliseconds to compile. */
export function* createMatcherWithRegistryInSteps(file: ParsedAnnotationFile): ResumableWork<AliasMatcher> {
  const entities = file.annotations?.entities ?? [];
  const registry = file.registry;
  if (!registry?.annotations) return yield* AliasMatcher.compileInSteps(entityPatterns(entities));
  let shared = registryMatchers.get(registry);
  if (!shared) {
    shared = yield* AliasMatcher.compileInSteps(entityPatterns(registry.annotations.entities));
    registryMatchers.set(registry, shared);
  }
  // The file's own entities come first, as in the merged file, so that they win a tie the same way.
  return AliasMatcher.union([createEntityMatcher(entities.slice(0, ownEntityCountOf(file))), shared]);
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
  const { text } = article.source;
  // The blocks first: reading prose for them finds its surrogate pairs, which the code point index
  // (for the passages' positions) would otherwise make a pass of its own for.
  const { blocks, pairStarts } = topLevelBlocksAndPairs(text, article.bodyStart, text.length);
  if (pairStarts) article.source.knowSurrogatePairs([...surrogatePairStarts(text, 0, article.bodyStart), ...pairStarts]);
  yield;
  const { codePoints } = article.source;
  // Claims first, then notes, then explicit mentions and exclusions: if the search budget runs out, the
  // passages a reader cares most about were looked for.
  const budget = new SearchBudget(searchLimit);
  // Passages not at their hint are looked for word for word: all at once when there are many.
  const selectors = [...(annotations?.claims ?? []).map((record) => record.passage), ...(annotations?.notes ?? []).map((record) => record.passage)];
  // Most entities, a registry's thousands among them, have no passages here: only those that have are read.
  const withPassages = entitiesWithPassagesOf(annotationFile);
  for (const kept of withPassages) {
    const entity = entities[kept];
    if (entity.mentions) selectors.push(...entity.mentions);
    if (entity.exclusions) selectors.push(...entity.exclusions);
  }
  const hints = new Map<PassageSelector, number | undefined>();
  const astray: PassageSelector[] = [];
  const pace = { steps: 0 };
  for (const selector of selectors) {
    if (++pace.steps % STEPS_BETWEEN_PAUSES === 0) yield;
    const hint = positionHint(selector, codePoints);
    hints.set(selector, hint);
    if (hint === undefined || !text.startsWith(selector.exact, hint)) astray.push(selector);
  }
  const occurrences = astray.length > MANY_PASSAGES ? yield* findQuoteOccurrencesInSteps(text, astray.map((selector) => selector.exact)) : undefined;
  yield;
  // A quote that is not in the source word for word may be what a reader sees (copied from a preview or
  // the published page, across a link or emphasis): looked for on the reading text, before any approximate search.
  // One reading of the blocks finds those quotes and the names a reader sees.
  const notInSource = astray.filter((selector) => (occurrences ? (occurrences.get(selector.exact)?.length ?? 0) === 0 : !text.includes(selector.exact)));
  const entityMatcher = matcher ?? (yield* createMatcherWithRegistryInSteps(annotationFile));
  yield;
  const read = yield* readBlocksInSteps(entityMatcher, text, blocks, [...new Set(notInSource.map((selector) => selector.exact))]);
  const resolve = (selector: PassageSelector): ResolvedAnchor => {
    const hint = hints.get(selector);
    const onReading = nearest(read.quotes.get(selector.exact), hint);
    if (onReading) return { status: onReading.start === hint ? 'exact' : 'moved', start: onReading.start, end: onReading.end };
    return resolvePassage(text, selector, hint, 0, text.length, budget, occurrences?.get(selector.exact));
  };
  const resolveAll = <T>(items: readonly T[], selectorOf: (item: T) => PassageSelector) => resolveAllInSteps(items, selectorOf, resolve, pace);
  const claimRecords = annotations?.claims ?? [];
  const claimAnchors = yield* resolveAll(claimRecords, (record) => record.passage);
  const claims = claimRecords.map((record, k) => ({ record, anchor: claimAnchors[k] }));
  const noteRecords = annotations?.notes ?? [];
  const noteAnchors = yield* resolveAll(noteRecords, (record) => record.passage);
  const notes = noteRecords.map((record, k) => ({ record, anchor: noteAnchors[k] }));

  const explicitMentions: EntityPassage[] = [];
  const exclusions: EntityPassage[] = [];
  for (const keptIndex of withPassages) {
    const entity = entities[keptIndex];
    const entityPath = ['entities', annotationFile.sourceIndexes.entities[keptIndex]];
    const mentionAnchors = yield* resolveAll(entity.mentions ?? [], (selector) => selector);
    (entity.mentions ?? []).forEach((selector, index) => explicitMentions.push({ entityId: entity.id, selector, anchor: mentionAnchors[index], path: [...entityPath, 'mentions', index] }));
    const exclusionAnchors = yield* resolveAll(entity.exclusions ?? [], (selector) => selector);
    (entity.exclusions ?? []).forEach((selector, index) => exclusions.push({ entityId: entity.id, selector, anchor: exclusionAnchors[index], path: [...entityPath, 'exclusions', index] }));
  }
  const entityById = entityLookupOf(annotationFile);
  const matched = yield* withExplicitMentions(yield* keptMatches(read.matches, explicitMentions, exclusions, entityById), explicitMentions);
  const parts = { article, annotationFile, matcher: entityMatcher, blocks: RelativeIntervals.of(blocks), entities, entityById, explicitMentions, exclusions, claims, notes };
  return yield* assembleModel(parts, RelativeIntervals.of(matched));
}

/**
 * The anchors of items' passages, in order. A passage away from its hint may cost a search: pauses after
 * each of those, and every so often (`pace` counts the steps across calls). Not a generator nested in the
 * model's build: a generator function made per call keeps what its scope holds (the article's text among
 * it) past the young generation's collections, as everything then reachable from it.
 */
function* resolveAllInSteps<T>(items: readonly T[], selectorOf: (item: T) => PassageSelector, resolve: (selector: PassageSelector) => ResolvedAnchor, pace: { steps: number }): ResumableWork<ResolvedAnchor[]> {
  const anchors: ResolvedAnchor[] = [];
  for (const item of items) {
    const anchor = resolve(selectorOf(item));
    anchors.push(anchor);
    if (anchor.status !== 'exact' || ++pace.steps % STEPS_BETWEEN_PAUSES === 0) yield;
  }
  return anchors;
}

/** Of places in the text, the one nearest `hint` (the first without one). */
export function nearest<T extends { start: number }>(places: readonly T[] | undefined, hint: number | undefined): T | undefined {
  if (!places || places.length === 0) return undefined;
  if (hint === undefined) return places[0];
  return places.reduce((best, place) => (Math.abs(place.start - hint) < Math.abs(best.start - hint) ? place : best));
}
