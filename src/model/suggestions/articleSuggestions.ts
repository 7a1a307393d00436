import * as l10n from '@vscode/l10n';
import type { ArticleModel } from '../article/articleModel';
import { buildReadingText, type ReadingText } from '../anchoring/readingText';
import type { EntityRecord, RejectedSuggestion } from '../format/annotationTypes';
import type { KnownEntity } from './entitiesKnownElsewhere';
import { rejectionKey } from '../format/rejectedSuggestions';
import { abbreviate } from '../text/abbreviate';
import { RelativeIntervals } from '../text/relativeIntervals';
import { analyseProse, type ProseText } from './proseAnalysis';
import { FUNCTION_WORDS } from './englishLexicon';
import { candidateEntities, fold, variantKey, type CandidateEntity, type Span } from './entityCandidates';
import { candidateClaims, type NamedSpan } from './claimCandidates';
import { aliasVariants, exclusionCandidates } from './aliasCandidates';
import type { PhraseTagger } from './phraseTagger';
import { type AliasSuggestion, type ClaimSuggestion, type EntitySuggestion, type ExclusionSuggestion, type SourceSpan, type Suggestion } from './suggestion';

// The suggestions for an article (issue 15): read on the text a reader sees, mapped to the source, never
// where the annotation file already has a mention or a claim, never one the analyst rejected.

export interface SuggestionOptions {
  tagger: PhraseTagger;
  /** The part of the article to look at, in source offsets (whole blocks around it are read); all of it by default. */
  from?: number;
  to?: number;
  /** The keys of suggestions rejected besides those the annotation file remembers (see rejectionKey). */
  rejected?: ReadonlySet<string>;
  /** Entities other articles of the corpus or their registries define: a suggested name that is one of them takes its kind and type. */
  knownElsewhere?: readonly KnownEntity[];
}

export interface SuggestionResult {
  /** In the order a view lists them: entities, aliases, exclusions, claims, each in text order. */
  suggestions: Suggestion[];
  /** Why none were looked for, when none were. */
  notLookedFor?: string;
}

/** Below this share of English function words, a text of some length is in another language. */
const ENGLISH_SHARE = 0.15;
const WORDS_TO_TELL_LANGUAGE = 40;

/** What there is to suggest while the annotation file does not parse: nothing, and why. */
export function unparsedAnnotationsResult(): SuggestionResult {
  return { suggestions: [], notLookedFor: l10n.t('The annotation file does not parse; fix it first.') };
}

/** The suggestions for an article, or the reason there are none. */
export function suggestionsFor(model: ArticleModel, options: SuggestionOptions): SuggestionResult {
  if (!model.annotationFile.annotations) return unparsedAnnotationsResult();
  const reading = readingOf(model, options.from, options.to);
  if (!reading) return { suggestions: [] };
  const prose = analyseProse(reading.text);
  // The rules read English; on another language or script they would offer noise.
  if (prose.words.length >= WORDS_TO_TELL_LANGUAGE && prose.words.filter((word) => FUNCTION_WORDS.has(word.text.toLowerCase())).length < ENGLISH_SHARE * prose.words.length) {
    return { suggestions: [], notLookedFor: l10n.t('Suggestions are made for English text, and this does not read as English.') };
  }
  const toSource = (span: Span): SourceSpan => ({ start: reading.toSource(span.start), end: reading.toSourceEnd(span.end) });
  // Only the mentions around a span are read: in a long article, suggestions are for the part on screen.
  const mentioned = (span: SourceSpan) => isTaken(model.mentions.between(span.start, span.end), span);
  const entities = model.entities;
  const byName = namesOf(entities);
  const rejected = new Set([...(options.rejected ?? []), ...(model.annotationFile.annotations.rejectedSuggestions ?? []).map(rejectionKey)]);

  const knownElsewhere = new Map((options.knownElsewhere ?? []).map((entity) => [fold(entity.name), entity]));
  const entitySuggestions: EntitySuggestion[] = [];
  const aliasSuggestions = new Map<string, AliasSuggestion>();
  const addAlias = (entityId: string, alias: string, spans: readonly SourceSpan[], why: string) => {
    const free = spans.filter((span) => !mentioned(span));
    if (free.length === 0 || byName.exact.has(alias)) return;
    const rejection: RejectedSuggestion = { kind: 'alias', entity: entityId, alias };
    const key = rejectionKey(rejection);
    const known = aliasSuggestions.get(key);
    if (known) known.occurrences = mergeSpans(known.occurrences, free);
    else aliasSuggestions.set(key, { kind: 'alias', key, rejection, entityId, alias, occurrences: free, why });
  };

  const candidates = candidateEntities(prose, options.tagger, model.article.metadata.authors);
  /** Candidates that are existing entities, by name: their forms speak for that entity. */
  const owners = new Map<string, string>();
  for (const candidate of candidates) {
    const forms = candidate.forms.map((form) => ({ text: form.text, spans: form.spans.map(toSource) }));
    // A candidate some form of which is an existing entity's name: its other forms are that entity's aliases.
    const owner = forms.map((form) => byName.exact.get(form.text) ?? byName.folded.get(fold(form.text)) ?? byName.variants.get(variantKey(form.text))).find((id) => id !== undefined);
    if (owner !== undefined) {
      owners.set(candidate.name, owner);
      for (const form of forms) if (!byName.exact.has(form.text)) addAlias(owner, form.text, form.spans, byName.folded.get(fold(form.text)) === owner ? l10n.t('the name written otherwise') : l10n.t('another form of the name, beside it'));
      continue;
    }
    const occurrences = mergeSpans([], forms.flatMap((form) => form.spans)).filter((span) => !mentioned(span));
    if (occurrences.length === 0) continue;
    const rejection: RejectedSuggestion = { kind: 'entity', name: candidate.name };
    // A name another article already annotates is that entity: its kind and type, not a guess.
    const known = forms.map((form) => knownElsewhere.get(fold(form.text))).find((entity) => entity !== undefined);
    entitySuggestions.push({
      kind: 'entity',
      key: rejectionKey(rejection),
      rejection,
      name: candidate.name,
      entityKind: known?.kind ?? candidate.entityKind,
      type: known?.type ?? candidate.type,
      aliases: forms.map((form) => form.text).filter((text) => text !== candidate.name),
      occurrences,
      why: known ? l10n.t('annotated in {0}', known.where) : candidate.why,
    });
  }
  for (const variant of aliasVariants(prose, entities)) addAlias(variant.entityId, variant.alias, variant.spans.map(toSource), variant.why);

  const exclusions = exclusionCandidates(model, reading).map((candidate): ExclusionSuggestion => {
    const rejection: RejectedSuggestion = { kind: 'exclusion', entity: candidate.entityId, quote: model.article.source.text.slice(candidate.span.start, candidate.span.end), context: candidate.context };
    return { kind: 'exclusion', key: rejectionKey(rejection), rejection, entityId: candidate.entityId, occurrence: candidate.span, why: candidate.why };
  });

  const claims = claimSuggestions(model, prose, reading, candidates, owners, toSource);
  return { suggestions: [...entitySuggestions, ...aliasSuggestions.values(), ...exclusions, ...claims].filter((suggestion) => !rejected.has(suggestion.key)) };
}

/** The reading text of the whole body, or of the blocks around [from, to). */
function readingOf(model: ArticleModel, from: number | undefined, to: number | undefined): ReadingText | undefined {
  const { text } = model.article.source;
  if (from === undefined && to === undefined) return model.readingText;
  const blocks = model.blocks.between(from ?? 0, to ?? text.length);
  if (blocks.length === 0) return undefined;
  return buildReadingText(text, blocks[0].start, blocks[blocks.length - 1].end);
}

function claimSuggestions(model: ArticleModel, prose: ProseText, reading: ReadingText, candidates: readonly CandidateEntity[], owners: ReadonlyMap<string, string>, toSource: (span: Span) => SourceSpan): ClaimSuggestion[] {
  const names: NamedSpan[] = [];
  const personIds = new Set(model.entities.filter((entity) => entity.type === 'person').map((entity) => entity.id));
  const first = reading.toSource(0);
  const last = reading.toSourceEnd(reading.text.length);
  for (const mention of model.mentions.between(first, last)) names.push({ start: reading.toReading(mention.start), end: reading.toReading(mention.end), who: mention.entityId, person: personIds.has(mention.entityId) });
  // Candidates' names where no mention is: those that are mentions speak for their entity already.
  const mentionSpans = RelativeIntervals.of(names.map(({ start, end }) => ({ start, end })).sort((a, b) => a.start - b.start));
  for (const candidate of candidates) {
    const owner = owners.get(candidate.name);
    const who = owner ?? `\u0000${candidate.name}`;
    const person = owner !== undefined ? personIds.has(owner) : candidate.type === 'person';
    for (const form of candidate.forms) for (const span of form.spans) if (!isTaken(mentionSpans.between(span.start, span.end), span)) names.push({ ...span, who, person });
  }
  const anchored = model.claims.filter((claim) => claim.anchor.status !== 'orphan').map((claim) => ({ record: claim.record, start: claim.anchor.start!, end: claim.anchor.end! }));
  const earlier = anchored.map(({ record, start, end }) => ({ id: record.id, claimant: record.claimant, start: reading.toReading(start), end: reading.toReading(end) }));
  const found = candidateClaims(prose, names, earlier);
  const passages = found.map((claim) => toSource(claim.passage));
  // A passage the file has a claim on already is not offered; an answer to it answers that claim.
  const existing = passages.map((passage) => anchored.find((other) => other.start < passage.end && passage.start < other.end)?.record.id);
  const suggestions: Array<ClaimSuggestion | undefined> = found.map((claim, k) => {
    const passage = passages[k];
    if (existing[k] !== undefined) return undefined;
    const suggested = claim.claimant?.startsWith('\u0000');
    const claimantName = suggested ? claim.claimant!.slice(1) : claim.claimant !== undefined ? model.entityById.get(claim.claimant)?.name : undefined;
    const rejection: RejectedSuggestion = { kind: 'claim', quote: reading.text.slice(claim.passage.start, claim.passage.end) };
    return {
      kind: 'claim',
      key: rejectionKey(rejection),
      rejection,
      passage,
      claimantId: suggested ? undefined : claim.claimant,
      claimantName,
      summary: abbreviate(reading.text.slice(claim.passage.start, claim.passage.end), 100),
      stance: claim.stance,
      why: claim.cue === undefined ? l10n.t('a quotation') : l10n.t('attributed by "{0}"', claim.cue),
    };
  });
  // An answer to an earlier suggestion names it by its key until that one is accepted.
  return suggestions.flatMap((suggestion, k): ClaimSuggestion[] => {
    if (!suggestion) return [];
    const answers = found[k].answers;
    if (answers && 'id' in answers) return [{ ...suggestion, answers: answers.id }];
    const answered = answers && 'candidate' in answers ? suggestions[answers.candidate] : undefined;
    if (answered) return [{ ...suggestion, answersSuggestion: answered.key }];
    const answeredClaim = answers && 'candidate' in answers ? existing[answers.candidate] : undefined;
    if (answeredClaim !== undefined) return [{ ...suggestion, answers: answeredClaim }];
    return [{ ...suggestion, stance: undefined }];
  });
}

/** Names and aliases of entities: exactly as written, and folded (case and accents). */
function namesOf(entities: readonly EntityRecord[]): { exact: Map<string, string>; folded: Map<string, string>; variants: Map<string, string> } {
  const exact = new Map<string, string>();
  const folded = new Map<string, string>();
  const variants = new Map<string, string>();
  for (const entity of entities) {
    for (const name of [entity.name, ...(entity.aliases ?? [])]) {
      if (!exact.has(name)) exact.set(name, entity.id);
      if (!folded.has(fold(name))) folded.set(fold(name), entity.id);
      const variant = variantKey(name);
      if (variant && !variants.has(variant)) variants.set(variant, entity.id);
    }
  }
  return { exact, folded, variants };
}

/**
 * Whether a span is an existing mention's, or crosses one, given the mentions that overlap it: a longer
 * name around a mention ("the Islamic Republic of Iran" around "Iran") is free, as the matcher would prefer it.
 */
function isTaken(overlapping: readonly SourceSpan[], span: SourceSpan): boolean {
  return overlapping.some((mention) => (mention.start <= span.start && mention.end >= span.end) || mention.start < span.start || mention.end > span.end);
}

/** Spans of both lists in text order, the longest where they overlap. */
function mergeSpans(a: readonly SourceSpan[], b: readonly SourceSpan[]): SourceSpan[] {
  const all = [...a, ...b].sort((x, y) => x.start - y.start || y.end - x.end);
  const merged: SourceSpan[] = [];
  let reached = -1;
  for (const span of all) {
    if (span.start < reached) continue;
    merged.push(span);
    reached = span.end;
  }
  return merged;
}
