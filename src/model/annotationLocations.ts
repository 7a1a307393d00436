import { rangeInAnnotationFile } from './annotationFileParser';
import type { ArticleModel } from './articleModel';
import type { Problem } from './problem';

type Range = Pick<Problem, 'start' | 'end'>;

/** Where an entity's entry is in the annotation file (its "id" value), for Go to Definition. */
export function entityDefinitionRange(model: ArticleModel, entityId: string): Range | undefined {
  const kept = model.entities.findIndex((entity) => entity.id === entityId);
  if (kept === -1) return undefined;
  return rangeInAnnotationFile(model.annotationFile, ['entities', model.annotationFile.sourceIndexes.entities[kept], 'id']);
}

/** Where a claim's entry is in the annotation file (its "id" value). */
export function claimDefinitionRange(model: ArticleModel, claimId: string): Range | undefined {
  const kept = model.claims.findIndex((claim) => claim.record.id === claimId);
  if (kept === -1) return undefined;
  return rangeInAnnotationFile(model.annotationFile, ['claims', model.annotationFile.sourceIndexes.claims[kept], 'id']);
}

/**
 * What the entry around an offset of the annotation file is: an entity or a claim. Used to go from
 * the annotation file to the article.
 */
export function annotationEntryAt(model: ArticleModel, offset: number): { entityId: string } | { claimId: string } | undefined {
  const root = model.annotationFile.root;
  if (!root || root.type !== 'object') return undefined;
  for (const property of root.children ?? []) {
    const [key, value] = property.children ?? [];
    if (!key || !value || value.type !== 'array' || (key.value !== 'entities' && key.value !== 'claims')) continue;
    for (const entry of value.children ?? []) {
      if (offset < entry.offset || offset > entry.offset + entry.length) continue;
      const idProperty = entry.children?.find((child) => child.children?.[0]?.value === 'id');
      const id = idProperty?.children?.[1]?.value;
      if (typeof id !== 'string') return undefined;
      return key.value === 'entities' ? { entityId: id } : { claimId: id };
    }
  }
  return undefined;
}
