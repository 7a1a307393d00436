import * as l10n from '@vscode/l10n';
import { rangeInAnnotationFile, type ParsedAnnotationFile } from './annotationFileParser';
import type { Problem } from './problem';
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
  const problems: Problem[] = [];
  const registryProblems: Problem[] = [];
  const merged = [...annotations.entities];
  const sourceIndexes = [...file.sourceIndexes.entities];
  const sharedIds = new Set<string>();
  // This article's passages of a registry's entity: its explicit mentions and exclusions here.
  const passagesOf = new Map(file.sharedPassages.map((passages) => [passages.id, passages]));
  shared.forEach((entity, kept) => {
    const own = ownIds.get(entity.id);
    if (own === undefined) {
      const passages = passagesOf.get(entity.id);
      merged.push(passages ? { ...entity, mentions: passages.mentions, exclusions: passages.exclusions } : entity);
      // The entity's passages are at their entry in this file; its record is in the registry.
      sourceIndexes.push(passages ? passages.sourceIndex : NOT_IN_FILE);
      sharedIds.add(entity.id);
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
  // The places that name a registry id were reported as unknown when the file was read alone.
  const registryIds = new Set(shared.map((entity) => entity.id));
  const known = new Set<string>();
  const place = (path: Array<string | number>) => {
    const { start } = rangeInAnnotationFile(file, path);
    known.add(`${start.line}:${start.column}`);
  };
  annotations.claims.forEach((claim, kept) => {
    const index = file.sourceIndexes.claims[kept];
    if (claim.claimant && registryIds.has(claim.claimant)) place(['claims', index, 'claimant']);
    (claim.about ?? []).forEach((id, k) => registryIds.has(id) && place(['claims', index, 'about', k]));
  });
  annotations.entities.forEach((entity, kept) => {
    (entity.relations ?? []).forEach((relation, k) => registryIds.has(relation.entity) && place(['entities', file.sourceIndexes.entities[kept], 'relations', k, 'entity']));
  });
  for (const passages of file.sharedPassages) if (registryIds.has(passages.id) && !ownIds.has(passages.id)) place(['entities', passages.sourceIndex, 'id']);
  const stillProblems = file.problems.filter((problem) => problem.code !== 'unknown-id' || !known.has(`${problem.start.line}:${problem.start.column}`));
  return {
    file: { ...file, annotations: { ...annotations, entities: merged }, sourceIndexes: { ...file.sourceIndexes, entities: sourceIndexes }, problems: [...stillProblems, ...problems], registry, sharedEntityIds: sharedIds },
    registryProblems,
  };
}

/** The source index of a registry entity in a merged file: it has no entry there. */
const NOT_IN_FILE = -1;

/**
 * Whether the entity kept at `kept` in a merged file comes from its registry (its record is there; the
 * file may hold its passages in this article).
 */
export function isFromRegistry(file: ParsedAnnotationFile, kept: number): boolean {
  const entity = file.annotations?.entities[kept];
  return entity !== undefined && (file.sharedEntityIds?.has(entity.id) ?? false) && kept >= file.sourceIndexes.entities.length - (file.sharedEntityIds?.size ?? 0);
}
