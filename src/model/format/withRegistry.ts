import * as l10n from '@vscode/l10n';
import { rangeInAnnotationFile, type ParsedAnnotationFile } from './annotationFileParser';
import type { Problem } from './problem';
import type { EntityRecord } from './annotationTypes';
import { lastPathSegment } from './articlePaths';

/**
 * An article's annotation file with the entities of its folder's registry (a file read by
 * parseRegistry): the file's own entities first, so that their entry paths stay as they are, then the
 * registry's. An id defined in both places is an error at both, and the file's own entity is the one
 * used. References to the registry's ids (claimants, what claims are about, relations) are no longer
 * unknown. Returns the merged file and the problems to show in the registry.
 */
export function withRegistry(file: ParsedAnnotationFile, registry: ParsedAnnotationFile): { file: ParsedAnnotationFile; registryProblems: Problem[] } {
  const annotations = file.annotations;
  const shared = registry.annotations?.entities ?? [];
  if (!annotations || shared.length === 0) return { file, registryProblems: [] };
  const registryName = lastPathSegment(registry.fileName);
  const fileName = lastPathSegment(file.fileName);
  const ownIds = new Map(annotations.entities.map((entity, kept) => [entity.id, kept]));
  const lookup = registryLookup(registry);
  const problems: Problem[] = [];
  const registryProblems: Problem[] = [];
  let merged: EntityRecord[];
  let sourceIndexes: number[];
  // The usual case lists the entities with passages here as it merges; the other leaves it to entitiesWithPassagesOf.
  let withPassages: number[] | undefined;
  let sharedIds: ReadonlySet<string>;
  if (!annotations.entities.some((entity) => lookup.ids.has(entity.id))) {
    // The usual case, no id in both places: the registry's entities as they are, but those this article
    // has passages of. (Linear in this file's entries, not the registry's: a thousand articles share it.)
    const own = annotations.entities.length;
    merged = annotations.entities.concat(shared);
    sourceIndexes = file.sourceIndexes.entities.concat(lookup.notInFile);
    withPassages = [];
    for (let kept = 0; kept < own; kept++) if (hasPassages(merged[kept])) withPassages.push(kept);
    for (const passages of file.sharedPassages) {
      const at = lookup.indexOf.get(passages.id);
      if (at === undefined) continue;
      merged[own + at] = { ...shared[at], mentions: passages.mentions, exclusions: passages.exclusions };
      sourceIndexes[own + at] = passages.sourceIndex;
      if (hasPassages(merged[own + at])) withPassages.push(own + at);
    }
    withPassages.sort((a, b) => a - b);
    sharedIds = lookup.ids;
  } else {
    merged = [...annotations.entities];
    sourceIndexes = [...file.sourceIndexes.entities];
    const ids = new Set<string>();
    // This article's passages of a registry's entity: its explicit mentions and exclusions here.
    const passagesOf = new Map(file.sharedPassages.map((passages) => [passages.id, passages]));
    shared.forEach((entity, kept) => {
      const own = ownIds.get(entity.id);
      if (own === undefined) {
        const passages = passagesOf.get(entity.id);
        merged.push(passages ? { ...entity, mentions: passages.mentions, exclusions: passages.exclusions } : entity);
        // The entity's passages are at their entry in this file; its record is in the registry.
        sourceIndexes.push(passages ? passages.sourceIndex : NOT_IN_FILE);
        ids.add(entity.id);
        return;
      }
      problems.push({
        file: file.fileName,
        severity: 'error',
        code: 'duplicate-id',
        message: l10n.t('The id "{0}" is also defined in the registry {1}; an id is defined in one place only. Remove one of them, or rename this one.', entity.id, registryName),
        ...rangeInAnnotationFile(file, ['entities', file.sourceIndexes.entities[own], 'id']),
      });
      registryProblems.push({
        file: registry.fileName,
        severity: 'error',
        code: 'duplicate-id',
        message: l10n.t('The id "{0}" is also defined in {1}; an id is defined in one place only. Remove one of them, or rename that one.', entity.id, fileName),
        ...rangeInAnnotationFile(registry, ['entities', registry.sourceIndexes.entities[kept], 'id']),
      });
    });
    sharedIds = ids;
  }
  // The places that name a registry id were reported as unknown when the file was read alone.
  const registryIds = lookup.ids;
  const known = new Set<string>();
  const place = (path: Array<string | number>) => known.add(path.join('/'));
  annotations.claims.forEach((claim, kept) => {
    const index = file.sourceIndexes.claims[kept];
    if (claim.claimant && registryIds.has(claim.claimant)) place(['claims', index, 'claimant']);
    (claim.about ?? []).forEach((id, k) => registryIds.has(id) && place(['claims', index, 'about', k]));
  });
  annotations.entities.forEach((entity, kept) => {
    (entity.relations ?? []).forEach((relation, k) => registryIds.has(relation.entity) && place(['entities', file.sourceIndexes.entities[kept], 'relations', k, 'entity']));
  });
  for (const passages of file.sharedPassages) if (registryIds.has(passages.id) && !ownIds.has(passages.id)) place(['entities', passages.sourceIndex, 'id']);
  // By path, not by line and column: a file read without positions is not placed for this (see quickJsonValue).
  const stillProblems = file.problems.filter((problem) => problem.code !== 'unknown-id' || problem.jsonPath === undefined || !known.has(problem.jsonPath.join('/')));
  return {
    file: { ...file, annotations: { ...annotations, entities: merged }, entitiesWithPassages: withPassages, sourceIndexes: { ...file.sourceIndexes, entities: sourceIndexes }, problems: [...stillProblems, ...problems], registry, sharedEntityIds: sharedIds, ownEntityCount: annotations.entities.length },
    registryProblems,
  };
}

/** The source index of a registry entity in a merged file: it has no entry there. */
const NOT_IN_FILE = -1;

/** What merging needs of a registry, made once per registry read and shared by its articles. */
export interface RegistryLookup {
  ids: ReadonlySet<string>;
  /** Each entity's index among the registry's kept entities. */
  indexOf: ReadonlyMap<string, number>;
  byId: ReadonlyMap<string, EntityRecord>;
  /** NOT_IN_FILE for each of them: the merged files' source indexes. */
  notInFile: readonly number[];
}

const registryLookups = new WeakMap<ParsedAnnotationFile, RegistryLookup>();

export function registryLookup(registry: ParsedAnnotationFile): RegistryLookup {
  let lookup = registryLookups.get(registry);
  if (!lookup) {
    const entities = registry.annotations?.entities ?? [];
    lookup = {
      ids: new Set(entities.map((entity) => entity.id)),
      indexOf: new Map(entities.map((entity, kept) => [entity.id, kept])),
      byId: new Map(entities.map((entity) => [entity.id, entity])),
      notInFile: entities.map(() => NOT_IN_FILE),
    };
    registryLookups.set(registry, lookup);
  }
  return lookup;
}

function hasPassages(entity: EntityRecord): boolean {
  return (entity.mentions?.length ?? 0) > 0 || (entity.exclusions?.length ?? 0) > 0;
}

/** The kept indexes of the entities with passages in the file (explicit mentions or exclusions): all that hold any for a merged file. */
export function entitiesWithPassagesOf(file: ParsedAnnotationFile): readonly number[] {
  if (file.entitiesWithPassages) return file.entitiesWithPassages;
  const entities = file.annotations?.entities ?? [];
  return entities.flatMap((entity, kept) => (hasPassages(entity) ? [kept] : []));
}

/** How many of a merged file's entities are its own: they come first, the registry's after them. */
export function ownEntityCountOf(file: ParsedAnnotationFile): number {
  return file.ownEntityCount ?? file.annotations?.entities.length ?? 0;
}

/** An entity by id, as a Map would answer (the last of an id wins); all a model needs of one. */
export type EntityLookup = Pick<ReadonlyMap<string, EntityRecord>, 'get'>;

/**
 * The entities of a merged file by id, without a map of the registry's thousands for each article: its
 * own entities and the registry entities it has passages of, then the registry's shared map.
 */
export function entityLookupOf(file: ParsedAnnotationFile): EntityLookup {
  const entities = file.annotations?.entities ?? [];
  const lookup = file.registry && registryLookup(file.registry);
  if (!lookup || file.sharedEntityIds !== lookup.ids) return new Map(entities.map((entity) => [entity.id, entity]));
  const own = ownEntityCountOf(file);
  const near = new Map<string, EntityRecord>();
  for (let kept = 0; kept < own; kept++) near.set(entities[kept].id, entities[kept]);
  for (const passages of file.sharedPassages) {
    const at = lookup.indexOf.get(passages.id);
    if (at !== undefined) near.set(passages.id, entities[own + at]);
  }
  const shared = lookup.byId;
  return { get: (id: string) => near.get(id) ?? shared.get(id) };
}

/**
 * Whether the entity kept at `kept` in a merged file comes from its registry (its record is there; the
 * file may hold its passages in this article).
 */
export function isFromRegistry(file: ParsedAnnotationFile, kept: number): boolean {
  return kept >= ownEntityCountOf(file) && kept < (file.annotations?.entities.length ?? 0);
}
