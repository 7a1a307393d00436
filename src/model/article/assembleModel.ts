import type { AliasMatch, AliasPattern } from '../anchoring/aliasMatcher';
import type { EntityLookup } from '../format/withRegistry';
import type { ArticleModel, EntityMention, EntityPassage, ModelParts } from './articleModel';
import type { ParsedArticle } from './articleParser';
import type { Problem } from '../format/problem';
import { IntervalSweep, type Interval } from '../text/intervalSweep';
import { modelProblems } from './modelProblems';
import { CitableBlocks } from './citableBlocks';
import { buildReadingText, type ReadingText } from '../anchoring/readingText';
import { STEPS_BETWEEN_PAUSES, type ResumableWork } from '../text/resumableWork';
import type { RelativeIntervals } from '../text/relativeIntervals';

// The last step of building or updating a model: the mentions kept from the alias matches, their index
// by entity, and every problem.

/** The parts a model is assembled from (not a spread: it would build the lazy mention index). */
export function partsOf(model: ArticleModel): ModelParts {
  const { article, annotationFile, matcher, blocks, entities, entityById, explicitMentions, exclusions, claims, notes } = model;
  return { article, annotationFile, matcher, blocks, entities, entityById, explicitMentions, exclusions, claims, notes };
}

/**
 * The alias matches kept, with the explicit mentions that anchor between `from` and `to` merged in,
 * in text order. Both come in text order already (alias matches as found, explicit ones once sorted):
 * merged, not sorted again.
 */
export function* withExplicitMentions(matched: EntityMention[], explicitMentions: readonly EntityPassage[], from = 0, to = Infinity): ResumableWork<EntityMention[]> {
  const explicit: EntityMention[] = [];
  for (const passage of explicitMentions) {
    const { anchor } = passage;
    if (anchor.status !== 'orphan' && anchor.end > from && anchor.start < to) explicit.push({ entityId: passage.entityId, start: anchor.start, end: anchor.end, source: 'explicit' });
  }
  if (explicit.length === 0) return matched;
  const byPlace = (a: EntityMention, b: EntityMention) => a.start - b.start || b.end - a.end;
  explicit.sort(byPlace);
  const mentions: EntityMention[] = [];
  let k = 0;
  for (let i = 0; i < matched.length; i++) {
    if (i % STEPS_BETWEEN_PAUSES === STEPS_BETWEEN_PAUSES - 1) yield;
    while (k < explicit.length && byPlace(explicit[k], matched[i]) < 0) mentions.push(explicit[k++]);
    mentions.push(matched[i]);
  }
  while (k < explicit.length) mentions.push(explicit[k++]);
  return mentions;
}

/** The model from anchored parts and its mentions (explicit ones included): their index by entity, and every problem. */
export function* assembleModel(parts: ModelParts, mentions: RelativeIntervals<EntityMention>): ResumableWork<ArticleModel> {
  const problems = yield* modelProblems(parts);
  return new AssembledModel(parts, mentions, problems);
}

/**
 * An article model whose indexes are made on first use: painting after a keystroke does not need them,
 * hovers, trees and citations do. A class, with its getters on the prototype: getters written in an
 * object literal are made per object and kept in the old generation, which then held every article's text
 * (and model) past the young generation's collections, until a full one (a corpus of 1,000 articles
 * promoted about 110 MB more per index).
 */
class AssembledModel implements ArticleModel {
  readonly article: ParsedArticle;
  readonly annotationFile: ModelParts['annotationFile'];
  readonly matcher: ModelParts['matcher'];
  readonly blocks: ModelParts['blocks'];
  readonly entities: ModelParts['entities'];
  readonly entityById: ModelParts['entityById'];
  readonly explicitMentions: ModelParts['explicitMentions'];
  readonly exclusions: ModelParts['exclusions'];
  readonly claims: ModelParts['claims'];
  readonly notes: ModelParts['notes'];
  private byEntity: Map<string, EntityMention[]> | undefined;
  private blocksForCitations: CitableBlocks | undefined;
  private reading: ReadingText | undefined;

  constructor(
    parts: ModelParts,
    readonly mentions: RelativeIntervals<EntityMention>,
    readonly problems: Problem[],
  ) {
    ({
      article: this.article,
      annotationFile: this.annotationFile,
      matcher: this.matcher,
      blocks: this.blocks,
      entities: this.entities,
      entityById: this.entityById,
      explicitMentions: this.explicitMentions,
      exclusions: this.exclusions,
      claims: this.claims,
      notes: this.notes,
    } = parts);
  }

  get citableBlocks(): CitableBlocks {
    return (this.blocksForCitations ??= new CitableBlocks(this.article));
  }

  get readingText(): ReadingText {
    return (this.reading ??= buildReadingText(this.article.source.text, this.article.bodyStart));
  }

  get mentionsByEntity(): ReadonlyMap<string, EntityMention[]> {
    if (!this.byEntity) {
      this.byEntity = new Map();
      for (const mention of this.mentions.all()) {
        const list = this.byEntity.get(mention.entityId);
        if (list) list.push(mention);
        else this.byEntity.set(mention.entityId, [mention]);
      }
    }
    return this.byEntity;
  }
}

/**
 * Alias matches that no explicit mention covers and no exclusion of their entity removes. Matches come
 * in text order, so the passages are swept alongside them: linear in matches plus passages.
 */
export function* keptMatches(
  matches: AliasMatch[],
  explicitMentions: readonly EntityPassage[],
  exclusions: readonly EntityPassage[],
  entityById: EntityLookup,
): ResumableWork<EntityMention[]> {
  const anchored = (passages: readonly EntityPassage[]) =>
    passages.filter((passage) => passage.anchor.status !== 'orphan').sort((a, b) => a.anchor.start! - b.anchor.start!);
  const anchorOf = (passage: EntityPassage) => passage.anchor as Interval;
  const explicit = new IntervalSweep(anchored(explicitMentions), anchorOf);
  const excluded = new IntervalSweep(anchored(exclusions), anchorOf);
  const kept: EntityMention[] = [];
  const passages = explicitMentions.length + exclusions.length > 0;
  // Whether a pattern is its entity's name: asked once per pattern, not once per match.
  const sourceOf = new Map<AliasPattern, EntityMention['source']>();
  let steps = 0;
  for (const match of matches) {
    if (++steps % STEPS_BETWEEN_PAUSES === 0) yield;
    if (passages && excluded.overlapping(match).some((passage) => passage.entityId === match.pattern.key)) continue;
    if (passages && explicit.overlapping(match).length > 0) continue;
    const { isName } = match.pattern;
    let source: EntityMention['source'] | undefined = isName === undefined ? sourceOf.get(match.pattern) : isName ? 'name' : 'alias';
    if (source === undefined) {
      source = entityById.get(match.pattern.key)?.name.normalize('NFC') === match.pattern.text ? 'name' : 'alias';
      sourceOf.set(match.pattern, source);
    }
    kept.push({ entityId: match.pattern.key, start: match.start, end: match.end, source });
  }
  return kept;
}
