import * as l10n from '@vscode/l10n';
// The annotation format, version 1: what NAME.annotations.json holds beside NAME.md.
// Pure data: no behaviour, no imports, so that every layer (CLI, extension, tests) shares it.

export const ANNOTATION_FORMAT_VERSION = 1;

/** The text of a new annotation file, with nothing in it yet, for the article named `article` (beside it). */
export function emptyAnnotationFileText(article: string): string {
  return `${JSON.stringify({ version: ANNOTATION_FORMAT_VERSION, article, entities: [], claims: [], notes: [] }, null, 2)}\n`;
}

export const ENTITY_KINDS = ['actor', 'system'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

export const ACTOR_TYPES = [
  'state',
  'government',
  'agency',
  'military',
  'person',
  'organization',
  'company',
  'media',
  'group',
  'alliance',
] as const;
export const SYSTEM_TYPES = [
  'server',
  'website',
  'portal',
  'database',
  'network',
  'software',
  'infrastructure',
] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];
export type SystemType = (typeof SYSTEM_TYPES)[number];
export type EntityType = ActorType | SystemType;

export const RELATION_TYPES = ['partOf', 'affiliatedWith', 'leads', 'operatedBy', 'governs', 'linkedTo'] as const;
export type RelationType = (typeof RELATION_TYPES)[number];

export const STANCES = ['disputes', 'supports', 'qualifies'] as const;
export type Stance = (typeof STANCES)[number];

/**
 * A W3C TextQuoteSelector (exact, prefix, suffix) with a TextPositionSelector hint.
 * Positions count Unicode code points of the Markdown file's text, front matter included,
 * as the W3C model defines them; `end` is exclusive.
 */
export interface PassageSelector {
  exact: string;
  prefix?: string;
  suffix?: string;
  position?: { start: number; end: number };
  /** Set by "Keep as orphan": the passage is known to be gone; the annotation is kept and shown, without an error. */
  orphaned?: boolean;
}

export interface EntityLink {
  title: string;
  url: string;
}

export interface EntityRelation {
  type: RelationType;
  /** An entity id, in this file or, later, in the folder's shared registry. */
  entity: string;
}

export interface EntityRecord {
  id: string;
  kind: EntityKind;
  type: EntityType;
  name: string;
  aliases?: string[];
  /** Case-sensitive matching of name and aliases is the default, so "US" never matches "us". */
  caseSensitive?: boolean;
  /** Whether the name and aliases match with or without accents ("Kosovë" and "Kosove"); default false. */
  ignoreAccents?: boolean;
  summary?: string;
  links?: EntityLink[];
  relations?: EntityRelation[];
  /** Passages that mention the entity without using its name or an alias. */
  mentions?: PassageSelector[];
  /** Name or alias matches that are not this entity. */
  exclusions?: PassageSelector[];
}

export interface ClaimRecord {
  id: string;
  /** The entity that makes the claim; null for claims that nobody in particular makes ("it is widely thought"). */
  claimant: string | null;
  about?: string[];
  summary: string;
  passage: PassageSelector;
  /** For a counterclaim or a support: the id of the claim it answers. */
  answers?: string;
  stance?: Stance;
}

export interface NoteRecord {
  id: string;
  passage: PassageSelector;
  text: string;
  author?: string;
  /** ISO 8601 date or date-time. */
  created?: string;
}

export interface AnnotationFile {
  $schema?: string;
  version: number;
  /** The article's file name, relative to the annotation file. */
  article: string;
  /** Reserved: a shared entity registry for a folder of articles, relative to this file. */
  registry?: string;
  entities: EntityRecord[];
  claims: ClaimRecord[];
  notes: NoteRecord[];
  /** Suggestions the analyst rejected, so that they are not offered again (issue 15). */
  rejectedSuggestions?: RejectedSuggestion[];
}

/**
 * A rejected suggestion, by what it said rather than where it was, so that the rejection holds after
 * the article is edited: a name, an entity's alias, a place a name names something else (its words and
 * the word before them), a claim's passage (as a reader sees it).
 */
export type RejectedSuggestion =
  | { kind: 'entity'; name: string }
  | { kind: 'alias'; entity: string; alias: string }
  | { kind: 'exclusion'; entity: string; quote: string; context: string }
  | { kind: 'claim'; quote: string };

/** The file's three arrays of records. */
export const COLLECTIONS = ['entities', 'claims', 'notes'] as const;
export type Collection = (typeof COLLECTIONS)[number];

/** What an entry of a collection is called in messages, in the user's language. */
export function entryName(collection: Collection): string {
  return collection === 'entities' ? l10n.t('entity') : collection === 'claims' ? l10n.t('claim') : l10n.t('note');
}

/** Longer names and aliases are reported and not matched: no name is this long, and each costs the matcher memory. */
export const MAX_ALIAS_LENGTH = 200;
