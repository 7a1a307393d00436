import type { AliasMatcher } from '../anchoring/aliasMatcher';
import type { ParsedAnnotationFile } from '../format/annotationFileParser';
import type { EntityLookup } from '../format/withRegistry';
import type { ClaimRecord, EntityRecord, NoteRecord, PassageSelector } from '../format/annotationTypes';
import type { ParsedArticle } from './articleParser';
import type { CitableBlocks } from './citableBlocks';
import type { ReadingText } from '../anchoring/readingText';
import type { ResolvedAnchor } from '../anchoring/passageAnchor';
import type { Problem } from '../format/problem';
import type { TextBlock } from './readingMatches';
import type { RelativeIntervals } from '../text/relativeIntervals';

// What an article is once its annotations are anchored on it: the types. It is built by
// buildArticleModel, updated after an edit by updateArticleModel, checked by modelProblems, and read
// through modelQueries.

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
  entities: EntityRecord[];
  entityById: EntityLookup;
  /** Sorted by start; never overlapping. Kept relative to pages, so that an edit moves the later ones at the cost of a number per page. */
  mentions: RelativeIntervals<EntityMention>;
  /** The body's top-level blocks, where names were looked for (see readingMatches), kept as the mentions are. */
  blocks: RelativeIntervals<TextBlock>;
  mentionsByEntity: ReadonlyMap<string, EntityMention[]>;
  explicitMentions: EntityPassage[];
  exclusions: EntityPassage[];
  claims: ResolvedClaim[];
  notes: ResolvedNote[];
  /** The article's and the annotation file's problems, anchoring included. */
  problems: Problem[];
  /** The article's paragraphs, list items and table cells as a reader finds them (for citations' locators); computed on first use. */
  readonly citableBlocks: CitableBlocks;
  /** What a reader sees of the body, mapped to the source (for citations and exports); computed on first use. */
  readonly readingText: ReadingText;
}

/** What a model is assembled from (see assembleModel). */
export type ModelParts = Pick<ArticleModel, 'article' | 'annotationFile' | 'matcher' | 'blocks' | 'entities' | 'entityById' | 'explicitMentions' | 'exclusions' | 'claims' | 'notes'>;
