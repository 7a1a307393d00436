import type { AliasMatch } from '../anchoring/aliasMatcher';
import type { EntityRecord } from '../format/annotationTypes';
import type { ArticleModel, EntityMention, EntityPassage, ModelParts } from './articleModel';
import { IntervalSweep, type Interval } from '../text/intervalSweep';
import { modelProblems } from './modelProblems';
import { CitableBlocks } from './citableBlocks';
import { buildReadingText, type ReadingText } from '../anchoring/readingText';
import { STEPS_BETWEEN_PAUSES, type ResumableWork } from '../text/resumableWork';

// The last step of building or updating a model: the mentions kept from the alias matches, their index
// by entity, and every problem.

/** The parts a model is assembled from (not a spread: it would build the lazy mention index). */
export function partsOf(model: ArticleModel): ModelParts {
  const { article, annotationFile, matcher, blocks, entities, entityById, explicitMentions, exclusions, claims, notes } = model;
  return { article, annotationFile, matcher, blocks, entities, entityById, explicitMentions, exclusions, claims, notes };
}

/** The mentions, their index by entity, and every problem, from anchored parts and the alias matches kept. */
export function* assembleModel(parts: ModelParts, matched: EntityMention[]): ResumableWork<ArticleModel> {
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
  let citableBlocks: CitableBlocks | undefined;
  let readingText: ReadingText | undefined;
  const { article, annotationFile, matcher, blocks, entities, entityById, explicitMentions, exclusions, claims, notes } = parts;
  return {
    article,
    annotationFile,
    matcher,
    blocks,
    entities,
    entityById,
    explicitMentions,
    exclusions,
    claims,
    notes,
    mentions,
    get citableBlocks() {
      return (citableBlocks ??= new CitableBlocks(article));
    },
    get readingText() {
      return (readingText ??= buildReadingText(article.source.text, article.bodyStart));
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
export function* keptMatches(
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
    kept.push({ entityId: match.pattern.key, start: match.start, end: match.end, source: entity?.name.normalize('NFC') === match.pattern.text ? 'name' : 'alias' });
  }
  return kept;
}
