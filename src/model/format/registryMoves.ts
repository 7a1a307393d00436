import * as l10n from '@vscode/l10n';
import type { Edit, JSONPath } from 'jsonc-parser';
import { appendRecord, editsInTurn, orderedEntity, removeElement, setValue, slugId } from './annotationEdits';
import type { EditableAnnotationFile, Refusal } from './annotationOperations';
import type { EntityLink, EntityRecord, EntityRelation, PassageSelector } from './annotationTypes';

// Moving an article's entity into its folder's registry (issue 14), and merging the same entity found
// in several articles into one shared entity. Pure: the edits of the registry and of each annotation
// file, which the editor applies as one workspace edit (one step to undo).

/** An entity of an annotation file, to be moved. */
export interface EntityToMove {
  file: EditableAnnotationFile;
  entityId: string;
}

export interface RegistryMove {
  /** The shared entity's id in the registry. */
  id: string;
  /** Whether it was in the registry already (the moved entities were merged into it). */
  mergedInto: boolean;
  registryEdits: Edit[];
  /** The edits of each file, in the order of the moves. */
  fileEdits: Edit[][];
}

/**
 * Moves entities of annotation files into a registry as one shared entity:
 * - into the registry's entity with the first one's id or name if there is one, else as a new entity
 *   made from the first (its id kept unless the registry or `takenIds` has it);
 * - their names and aliases united as its aliases, a summary and links added where it has none;
 * - in each file, the entity's entry becomes its passages of the shared entity (its mentions and
 *   exclusions, kept) or goes when it has none, and references to its id (claimants, what claims are
 *   about, relations) are rewritten to the shared id.
 * Refused, with what to do, when a name would name another shared entity or a relation leads to an
 * entity no registry has.
 */
export function moveToRegistry(registry: EditableAnnotationFile, moves: readonly EntityToMove[], takenIds: ReadonlySet<string> = new Set()): RegistryMove | Refusal {
  const records: EntityRecord[] = [];
  for (const move of moves) {
    const record = move.file.annotations.entities.find((entity) => entity.id === move.entityId);
    if (!record) return { refuse: l10n.t('No entity "{0}" in the annotation file.', move.entityId) };
    records.push(record);
  }
  if (records.length === 0) return { refuse: l10n.t('No entity to move.') };
  const first = records[0];
  const shared = registry.annotations.entities;
  const existingIndex = shared.findIndex((entity) => entity.id === first.id || entity.name === first.name);
  const existing = existingIndex >= 0 ? shared[existingIndex] : undefined;
  const registryIds = new Set(shared.map((entity) => entity.id));
  // The first entity's id, unless the registry or another entity of the corpus has it.
  const taken = new Set([...registryIds, ...[...takenIds].filter((other) => !moves.some((move) => move.entityId === other))]);
  const id = existing ? existing.id : !taken.has(first.id) ? first.id : slugId(first.name, taken, 'entity');
  const name = existing ? existing.name : first.name;

  // Names and aliases, united, in the order they come.
  const aliases: string[] = [];
  for (const form of [...(existing?.aliases ?? []), ...records.flatMap((record) => [record.name, ...(record.aliases ?? [])])]) {
    if (form !== name && !aliases.includes(form)) aliases.push(form);
  }
  for (const form of [name, ...aliases]) {
    const owner = shared.find((entity) => entity.id !== id && (entity.name === form || entity.aliases?.includes(form)));
    if (owner) return { refuse: l10n.t('"{0}" already names {1} in the registry; a name or alias belongs to one entity only. Remove it from one of them first.', form, owner.name) };
  }
  const links: EntityLink[] = [...(existing?.links ?? [])];
  for (const link of records.flatMap((record) => record.links ?? [])) if (!links.some((known) => known.url === link.url)) links.push(link);
  // Relations go with the entity: only to entities the registry has (or this one).
  const relations: EntityRelation[] = [...(existing?.relations ?? [])];
  for (const record of records) {
    for (const relation of record.relations ?? []) {
      const target = moves.some((move) => move.entityId === relation.entity) ? id : relation.entity;
      if (target === id) continue;
      if (!registryIds.has(target)) return { refuse: l10n.t('{0} is related to "{1}", an entity of one article only. Move "{1}" to the registry first, or remove the relation.', record.name, relation.entity) };
      if (!relations.some((known) => known.type === relation.type && known.entity === target)) relations.push({ type: relation.type, entity: target });
    }
  }
  const summary = existing?.summary ?? records.find((record) => record.summary)?.summary;

  let registryEdits: Edit[];
  if (existing) {
    const at: JSONPath = ['entities', registry.sourceIndexes.entities[existingIndex]];
    const steps: Array<(current: string) => Edit[]> = [];
    if (aliases.length > (existing.aliases?.length ?? 0)) steps.push((current) => setValue(current, [...at, 'aliases'], aliases));
    if (summary !== existing.summary) steps.push((current) => setValue(current, [...at, 'summary'], summary));
    if (links.length > (existing.links?.length ?? 0)) steps.push((current) => setValue(current, [...at, 'links'], links));
    if (relations.length > (existing.relations?.length ?? 0)) steps.push((current) => setValue(current, [...at, 'relations'], relations));
    registryEdits = editsInTurn(registry.text, steps);
  } else {
    const record: EntityRecord = orderedEntity({
      ...first,
      id,
      aliases: aliases.length > 0 ? aliases : undefined,
      summary,
      links: links.length > 0 ? links : undefined,
      relations: relations.length > 0 ? relations : undefined,
      mentions: undefined,
      exclusions: undefined,
    });
    registryEdits = appendRecord(registry.text, 'entities', record);
  }

  const fileEdits = moves.map((move, k) => editsOfFile(move.file, records[k], id));
  return { id, mergedInto: existing !== undefined, registryEdits, fileEdits };
}

/** In one annotation file: references to the entity rewritten to the shared id, its entry made its passages there (or removed). */
function editsOfFile(file: EditableAnnotationFile, record: EntityRecord, sharedId: string): Edit[] {
  const { annotations, sourceIndexes } = file;
  const steps: Array<(current: string) => Edit[]> = [];
  const oldId = record.id;
  if (oldId !== sharedId) {
    annotations.claims.forEach((claim, kept) => {
      const at: JSONPath = ['claims', sourceIndexes.claims[kept]];
      if (claim.claimant === oldId) steps.push((current) => setValue(current, [...at, 'claimant'], sharedId));
      if (claim.about?.includes(oldId)) steps.push((current) => setValue(current, [...at, 'about'], [...new Set(claim.about!.map((about) => (about === oldId ? sharedId : about)))]));
    });
    annotations.entities.forEach((entity, kept) => {
      if (entity === record || !entity.relations?.some((relation) => relation.entity === oldId)) return;
      const relations = entity.relations.map((relation) => (relation.entity === oldId ? { ...relation, entity: sharedId } : relation));
      steps.push((current) => setValue(current, ['entities', sourceIndexes.entities[kept], 'relations'], relations));
    });
  }
  const index = sourceIndexes.entities[annotations.entities.indexOf(record)];
  const passages = file.sharedPassages?.find((entry) => entry.id === sharedId);
  const mentions: PassageSelector[] = [...(passages?.mentions ?? []), ...(record.mentions ?? [])];
  const exclusions: PassageSelector[] = [...(passages?.exclusions ?? []), ...(record.exclusions ?? [])];
  const entry = { id: sharedId, ...(mentions.length > 0 ? { mentions } : {}), ...(exclusions.length > 0 ? { exclusions } : {}) };
  if (passages) {
    // The file has passages of the shared entity already: this entity's join them, and its entry goes.
    steps.push((current) => setValue(current, ['entities', passages.sourceIndex], entry));
    steps.push((current) => removeElement(current, ['entities', index]));
  } else if (mentions.length > 0 || exclusions.length > 0) {
    steps.push((current) => setValue(current, ['entities', index], entry));
  } else {
    steps.push((current) => removeElement(current, ['entities', index]));
  }
  return editsInTurn(file.text, steps);
}

export function isRefusalOfMove(result: RegistryMove | Refusal): result is Refusal {
  return 'refuse' in result;
}
