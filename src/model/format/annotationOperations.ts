import * as l10n from '@vscode/l10n';
import type { Edit } from 'jsonc-parser';
import { appendRecord, editsInTurn, orderedClaim, orderedEntity, orderedNote, removeElement, setValue, slugId } from './annotationEdits';
import type { ParsedAnnotationFile } from './annotationFileParser';
import { rejectionKey } from './rejectedSuggestions';
import type { AnnotationFile, Collection, EntityKind, EntityRecord, EntityType, PassageSelector, RejectedSuggestion, Stance } from './annotationTypes';

// What the annotating commands do to an annotation file, as pure functions: each takes the file as it is
// now and what the user chose, and returns the edits of its text (one undoable change) or a refusal that
// says why nothing can change. The editor applies the edits through one writer; tests call these directly.

/** An annotation file that parses: its text, its records, and where each kept record is in the file. */
export interface EditableAnnotationFile {
  text: string;
  annotations: AnnotationFile;
  sourceIndexes: ParsedAnnotationFile['sourceIndexes'];
  /** Its passages of registry entities (see SharedEntityPassages). */
  sharedPassages?: ParsedAnnotationFile['sharedPassages'];
}

export interface Refusal {
  refuse: string;
}

export type EditsOrRefusal = Edit[] | Refusal;

export function isRefusal(result: EditsOrRefusal): result is Refusal {
  return !Array.isArray(result);
}

/** The kinds of annotation a command can point at. */
export type AnnotationKind = 'entity' | 'claim' | 'note';

/** A new entity as the user describes it (its id is made from its name). */
export type NewEntity = Omit<EntityRecord, 'id'>;

/** The JSON path of a kept record in the file (kept records skip entries the loader dropped). */
function pathOf(file: EditableAnnotationFile, collection: Collection, index: number): [Collection, number] {
  return [collection, file.sourceIndexes[collection][index]];
}

function entityNamed(file: EditableAnnotationFile, name: string, except?: string): EntityRecord | undefined {
  return file.annotations.entities.find((entity) => entity.id !== except && (entity.name === name || entity.aliases?.includes(name)));
}

function newEntityRecord(file: EditableAnnotationFile, entity: NewEntity, takenIds: Iterable<string> = []): EntityRecord {
  return orderedEntity({ ...entity, id: slugId(entity.name, new Set([...file.annotations.entities.map((e) => e.id), ...takenIds]), 'entity') });
}

/**
 * Marks a passage as a new entity. If its name differs from the passage's text, that text becomes an
 * alias, so that the passage stays a mention. In a registry, `takenIds` are the ids its articles use
 * already (an id defined in both places is an error), and `takenNames` their entities' names and aliases.
 */
export function addEntity(file: EditableAnnotationFile, entity: NewEntity, mentionText: string, taken: { ids?: Iterable<string>; names?: ReadonlySet<string> } = {}): EditsOrRefusal {
  if (entityNamed(file, entity.name) || taken.names?.has(entity.name)) return { refuse: l10n.t('An entity is already named "{0}". Add the selection as an alias of it instead.', entity.name) };
  const aliases = mentionText !== entity.name ? [mentionText] : undefined;
  return appendRecord(file.text, 'entities', newEntityRecord(file, { ...entity, aliases }, taken.ids));
}

export function addAlias(file: EditableAnnotationFile, entityId: string, alias: string): EditsOrRefusal {
  const owner = entityNamed(file, alias);
  if (owner) return { refuse: l10n.t('"{0}" already names {1}; a name or alias belongs to one entity only.', alias, owner.name) };
  const index = file.annotations.entities.findIndex((entity) => entity.id === entityId);
  if (index === -1) return { refuse: l10n.t('No entity "{0}" in the annotation file.', entityId) };
  return setValue(file.text, [...pathOf(file, 'entities', index), 'aliases'], [...(file.annotations.entities[index].aliases ?? []), alias]);
}

export interface NewClaim {
  /** An entity id, null for no one in particular, or a new entity to create as the claimant. */
  claimant: string | null | { create: NewEntity };
  about: readonly string[];
  summary: string;
  passage: PassageSelector;
  /** When the claim answers another. */
  answering?: { claimId: string; stance: Stance };
}

/** Adds a claim (and its new claimant, if one is to be created), in one change. */
export function addClaim(file: EditableAnnotationFile, claim: NewClaim): EditsOrRefusal {
  const { annotations } = file;
  if (claim.answering && !annotations.claims.some((c) => c.id === claim.answering!.claimId)) return { refuse: l10n.t('No claim "{0}" to answer.', claim.answering.claimId) };
  const steps: Array<(current: string) => Edit[]> = [];
  let claimant: string | null;
  if (claim.claimant !== null && typeof claim.claimant === 'object') {
    const created = claim.claimant.create;
    if (entityNamed(file, created.name)) return { refuse: l10n.t('An entity is already named "{0}"; choose it from the list.', created.name) };
    const entity = newEntityRecord(file, created);
    claimant = entity.id;
    steps.push((current) => appendRecord(current, 'entities', entity));
  } else {
    claimant = claim.claimant;
  }
  const record = orderedClaim({
    id: slugId(claim.summary, new Set(annotations.claims.map((c) => c.id)), 'claim'),
    claimant,
    about: claim.about.length > 0 ? [...claim.about] : undefined,
    summary: claim.summary.trim(),
    passage: claim.passage,
    answers: claim.answering?.claimId,
    stance: claim.answering?.stance,
  });
  steps.push((current) => appendRecord(current, 'claims', record));
  return editsInTurn(file.text, steps);
}

/** Adds a note on a passage, dated `created` (YYYY-MM-DD). */
export function addNote(file: EditableAnnotationFile, note: { passage: PassageSelector; text: string; created: string }): EditsOrRefusal {
  const id = slugId(`note ${note.text}`, new Set(file.annotations.notes.map((n) => n.id)), 'note');
  return appendRecord(file.text, 'notes', orderedNote({ id, passage: note.passage, text: note.text.trim(), created: note.created }));
}

/**
 * Adds explicit mentions of an entity (after those it has). Of a registry's entity (`shared`), they are
 * this article's passages of it: added to its entry of passages here, made if it has none yet.
 */
export function addMentions(file: EditableAnnotationFile, entityId: string, selectors: readonly PassageSelector[], options: { shared?: boolean } = {}): EditsOrRefusal {
  const index = file.annotations.entities.findIndex((e) => e.id === entityId);
  if (index !== -1) return setValue(file.text, [...pathOf(file, 'entities', index), 'mentions'], [...(file.annotations.entities[index].mentions ?? []), ...selectors]);
  if (!options.shared) return { refuse: l10n.t('No entity "{0}".', entityId) };
  const passages = file.sharedPassages?.find((entry) => entry.id === entityId);
  if (passages) return setValue(file.text, ['entities', passages.sourceIndex, 'mentions'], [...(passages.mentions ?? []), ...selectors]);
  return appendRecord(file.text, 'entities', { id: entityId, mentions: selectors });
}

/**
 * Deletes an annotation. Claims that answered a deleted claim become top-level (their answer and stance
 * go with it); an entity that claims, claims are about, or other entities relate to is refused.
 */
export function deleteAnnotation(file: EditableAnnotationFile, kind: AnnotationKind, id: string): EditsOrRefusal {
  const { annotations, text } = file;
  if (kind === 'note') {
    const index = annotations.notes.findIndex((n) => n.id === id);
    if (index === -1) return { refuse: l10n.t('No note "{0}".', id) };
    return removeElement(text, pathOf(file, 'notes', index));
  }
  if (kind === 'claim') {
    const index = annotations.claims.findIndex((c) => c.id === id);
    if (index === -1) return { refuse: l10n.t('No claim "{0}".', id) };
    const steps: Array<(current: string) => Edit[]> = [];
    annotations.claims.forEach((claim, i) => {
      if (claim.answers !== id) return;
      steps.push((current) => setValue(current, [...pathOf(file, 'claims', i), 'answers'], undefined));
      if (claim.stance) steps.push((current) => setValue(current, [...pathOf(file, 'claims', i), 'stance'], undefined));
    });
    steps.push((current) => removeElement(current, pathOf(file, 'claims', index)));
    return editsInTurn(text, steps);
  }
  const index = annotations.entities.findIndex((e) => e.id === id);
  if (index === -1) return { refuse: l10n.t('No entity "{0}".', id) };
  const uses = annotations.claims.filter((c) => c.claimant === id || c.about?.includes(id)).length;
  const related = annotations.entities.filter((e) => e.relations?.some((r) => r.entity === id)).length;
  if (uses + related > 0) {
    return { refuse: l10n.t('{0} is used by {1} claims and {2} relations. Change those first (the Claims view lists them), then delete it.', annotations.entities[index].name, uses, related) };
  }
  return removeElement(text, pathOf(file, 'entities', index));
}

/**
 * Renames an entity: only its display name changes, never the article. The old name becomes an alias,
 * so the article's mentions of it stay mentions.
 */
export function renameEntity(file: EditableAnnotationFile, entityId: string, newName: string): EditsOrRefusal {
  const index = file.annotations.entities.findIndex((e) => e.id === entityId);
  if (index === -1) return { refuse: l10n.t('No entity "{0}".', entityId) };
  const entity = file.annotations.entities[index];
  const owner = entityNamed(file, newName, entityId);
  if (owner) return { refuse: l10n.t('"{0}" already names {1}.', newName, owner.name) };
  const at = pathOf(file, 'entities', index);
  const aliases = [entity.name, ...(entity.aliases ?? []).filter((alias) => alias !== newName && alias !== entity.name)];
  return editsInTurn(file.text, [(current) => setValue(current, [...at, 'name'], newName), (current) => setValue(current, [...at, 'aliases'], aliases)]);
}

/** Sets an entity's or claim's summary (an entity's may be emptied), or a note's text. */
export function editText(file: EditableAnnotationFile, kind: AnnotationKind, id: string, value: string): EditsOrRefusal {
  const collection: Collection = kind === 'claim' ? 'claims' : kind === 'note' ? 'notes' : 'entities';
  const index = (file.annotations[collection] as Array<{ id: string }>).findIndex((record) => record.id === id);
  if (index === -1) return { refuse: kind === 'entity' ? l10n.t('No entity "{0}".', id) : kind === 'claim' ? l10n.t('No claim "{0}".', id) : l10n.t('No note "{0}".', id) };
  if (kind !== 'entity' && !value.trim()) return { refuse: kind === 'note' ? l10n.t('A note needs its text.') : l10n.t('A claim needs a summary.') };
  return setValue(file.text, [...pathOf(file, collection, index), kind === 'note' ? 'text' : 'summary'], value.trim() || undefined);
}

export function changeEntityType(file: EditableAnnotationFile, entityId: string, kind: EntityKind, type: EntityType): EditsOrRefusal {
  const index = file.annotations.entities.findIndex((e) => e.id === entityId);
  if (index === -1) return { refuse: l10n.t('No entity "{0}".', entityId) };
  const at = pathOf(file, 'entities', index);
  return editsInTurn(file.text, [(current) => setValue(current, [...at, 'kind'], kind), (current) => setValue(current, [...at, 'type'], type)]);
}

/** The claim fields that are changed on their own. */
export interface ClaimFieldValues {
  claimant: string | null;
  stance: Stance;
  about: readonly string[];
}

/** Sets one field of a claim; an empty "about" is removed. A stance is refused on a claim that answers nothing. */
export function setClaimField<F extends keyof ClaimFieldValues>(file: EditableAnnotationFile, claimId: string, field: F, value: ClaimFieldValues[F]): EditsOrRefusal {
  const index = file.annotations.claims.findIndex((c) => c.id === claimId);
  if (index === -1) return { refuse: l10n.t('No claim "{0}".', claimId) };
  const claim = file.annotations.claims[index];
  if (field === 'stance' && claim.answers === undefined) return { refuse: l10n.t('"{0}" answers no claim, so it has no stance. Use Answer Claim to make a claim answer another.', claim.summary) };
  const stored = Array.isArray(value) && value.length === 0 ? undefined : value;
  return setValue(file.text, [...pathOf(file, 'claims', index), field], stored);
}

/** Remembers rejected suggestions in the file, so that they are not offered again (those it has already are skipped). */
export function rejectSuggestions(file: EditableAnnotationFile, rejections: readonly RejectedSuggestion[]): EditsOrRefusal {
  const known = new Set((file.annotations.rejectedSuggestions ?? []).map(rejectionKey));
  const fresh = rejections.filter((rejection) => {
    const key = rejectionKey(rejection);
    if (known.has(key)) return false;
    known.add(key);
    return true;
  });
  if (fresh.length === 0) return [];
  return editsInTurn(file.text, fresh.map((rejection) => (current: string) => appendRecord(current, 'rejectedSuggestions', rejection)));
}
