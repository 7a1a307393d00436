import { rangeInAnnotationFile } from '../format/annotationFileParser';
import type { ArticleModel } from './articleModel';
import type { Problem } from '../format/problem';

type Range = Pick<Problem, 'start' | 'end'>;

/** Where an entity's entry is in the annotation file (its "id" value), for Go to Definition. */
export function entityDefinitionRange(model: ArticleModel, entityId: string): Range | undefined {
  const kept = model.entities.findIndex((entity) => entity.id === entityId);
  if (kept === -1) return undefined;
  return rangeInAnnotationFile(model.annotationFile, ['entities', model.annotationFile.sourceIndexes.entities[kept], 'id']);
}
