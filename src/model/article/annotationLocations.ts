import { rangeInAnnotationFile } from '../format/annotationFileParser';
import { isFromRegistry } from '../format/withRegistry';
import type { ArticleModel } from './articleModel';
import type { Problem } from '../format/problem';

type Range = Pick<Problem, 'start' | 'end'>;

/**
 * Where an entity's entry is (its "id" value), for Go to Definition: in the annotation file, or in the
 * registry for an entity the article shares with its folder. `file` is the file's name as it was read.
 */
export function entityDefinitionRange(model: ArticleModel, entityId: string): (Range & { file: string }) | undefined {
  const kept = model.entities.findIndex((entity) => entity.id === entityId);
  if (kept === -1) return undefined;
  const { annotationFile } = model;
  const registry = annotationFile.registry;
  if (isFromRegistry(annotationFile, kept) && registry?.annotations) {
    const inRegistry = registry.annotations.entities.findIndex((entity) => entity.id === entityId);
    return { file: registry.fileName, ...rangeInAnnotationFile(registry, ['entities', registry.sourceIndexes.entities[inRegistry], 'id']) };
  }
  return { file: annotationFile.fileName, ...rangeInAnnotationFile(annotationFile, ['entities', annotationFile.sourceIndexes.entities[kept], 'id']) };
}
