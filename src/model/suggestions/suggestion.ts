import type { EntityKind, EntityType, RejectedSuggestion, Stance } from '../format/annotationTypes';

// What the suggestions (issue 15) offer an analyst to accept or reject, in source offsets of the article.

export interface SourceSpan {
  start: number;
  end: number;
}

/** A name the annotation file does not cover yet, with a guessed kind and type. */
/** What every suggestion has: its key, and what is stored when it is rejected (see rejectionKey). */
interface SuggestionBase {
  key: string;
  rejection: RejectedSuggestion;
}

export interface EntitySuggestion extends SuggestionBase {
  kind: 'entity';
  name: string;
  entityKind: EntityKind;
  type: EntityType;
  /** Other forms found for it: an acronym defined beside it, a surname, the name with a title. */
  aliases: string[];
  /** Where the article names it, by the name or an alias; in text order. */
  occurrences: SourceSpan[];
  /** Why it is offered, for the card and the view. */
  why: string;
}

/** Another form of an existing entity's name that the article uses. */
export interface AliasSuggestion extends SuggestionBase {
  kind: 'alias';
  entityId: string;
  alias: string;
  occurrences: SourceSpan[];
  why: string;
}

/** A place where a name or alias of an entity names something else. */
export interface ExclusionSuggestion extends SuggestionBase {
  kind: 'exclusion';
  entityId: string;
  occurrence: SourceSpan;
  why: string;
}

/** A passage attributed to someone by a reporting verb or quotation. */
export interface ClaimSuggestion extends SuggestionBase {
  kind: 'claim';
  passage: SourceSpan;
  /** The entity it is attributed to: an existing entity's id, or the name of a suggested one (`claimantName` only). */
  claimantId?: string;
  claimantName?: string;
  summary: string;
  /** The claim it answers, by id, and how, when its verb says so ("denied", "confirmed"). */
  answers?: string;
  /** The suggested claim it answers, by key, when that one is not accepted yet. */
  answersSuggestion?: string;
  stance?: Stance;
  why: string;
}

export type Suggestion = EntitySuggestion | AliasSuggestion | ExclusionSuggestion | ClaimSuggestion;

export type SuggestionKind = Suggestion['kind'];

/** The kinds in the order a view lists them. */
export const SUGGESTION_KINDS: readonly SuggestionKind[] = ['entity', 'alias', 'exclusion', 'claim'];
