import type { EntityKind, EntityType } from '../format/annotationTypes';
import type { CorpusIndex, IndexedEntity } from '../corpus/corpusIndex';

/** An entity another article or a registry defines, with where: a suggested name that is one of them takes its kind and type. */
export interface KnownEntity {
  name: string;
  kind: EntityKind;
  type: EntityType;
  /** The title of the article that defines it, or its registry's file name. */
  where: string;
}

/** The entities the corpus's other articles (all but `exceptKey`) and their registries define, each name once, articles first. */
export function entitiesKnownElsewhere(index: CorpusIndex, exceptKey: string): KnownEntity[] {
  const known = new Map<string, KnownEntity>();
  const registries = new Set<readonly IndexedEntity[]>();
  for (const article of index.all()) {
    if (article.key === exceptKey) continue;
    for (const entity of article.entities) if (!known.has(entity.name)) known.set(entity.name, { name: entity.name, kind: entity.kind, type: entity.type, where: article.title });
    registries.add(article.sharedEntities);
  }
  for (const shared of registries) {
    for (const entity of shared) if (!known.has(entity.name)) known.set(entity.name, { name: entity.name, kind: entity.kind, type: entity.type, where: entity.definedIn.split(/[\\/]/).pop() ?? entity.definedIn });
  }
  return [...known.values()];
}
