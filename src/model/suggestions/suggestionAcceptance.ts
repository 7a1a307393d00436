import * as l10n from '@vscode/l10n';
import type { Edit } from 'jsonc-parser';
import type { ArticleModel } from '../article/articleModel';
import { appendRecord, editsInTurn, orderedClaim, orderedEntity, setValue, slugId } from '../format/annotationEdits';
import { rejectSuggestions, type EditableAnnotationFile, type EditsOrRefusal } from '../format/annotationOperations';
import type { ClaimRecord, EntityRecord, PassageSelector } from '../format/annotationTypes';
import { isFromRegistry } from '../format/withRegistry';
import type { ClaimSuggestion, EntitySuggestion, Suggestion } from './suggestion';

// What accepting suggestions writes (issue 15): one change of the article's annotation file (new
// entities, aliases and exclusions of its own entities, claims), and one of its registry for the aliases
// of the registry's entities. Each is computed on the file as it is when applied, as the annotation
// operations are, so that the editor applies them as one undoable edit.

export interface Acceptance {
  annotationChange: (file: EditableAnnotationFile) => EditsOrRefusal;
  /** For aliases of entities that the folder's registry defines; undefined when there are none. */
  registryChange?: (file: EditableAnnotationFile) => EditsOrRefusal;
}

/**
 * The changes that accept `accepted`, suggestions of `model` (of `all`, the article's current ones,
 * which name the claimants and answered claims that accepted claims refer to).
 */
export function acceptanceOf(model: ArticleModel, accepted: readonly Suggestion[], all: readonly Suggestion[] = accepted): Acceptance {
  const source = model.article.source;
  const describe = (span: { start: number; end: number }): PassageSelector => source.describe(span.start, span.end);
  const shared = (entityId: string) => isFromRegistry(model.annotationFile, model.entities.findIndex((entity) => entity.id === entityId));
  const registryAliases = accepted.filter((s) => s.kind === 'alias' && shared(s.entityId));

  const annotationChange = (file: EditableAnnotationFile): EditsOrRefusal => {
    const steps: Array<(current: string) => Edit[]> = [];
    const entityIds = new Set([...model.entities.map((entity) => entity.id), ...file.annotations.entities.map((entity) => entity.id)]);
    const names = new Set(file.annotations.entities.flatMap((entity) => [entity.name, ...(entity.aliases ?? [])]));
    /** The ids of entities accepted in this change, by their suggested names. */
    const created = new Map<string, string>();
    const createEntity = (suggestion: EntitySuggestion) => {
      if (created.has(suggestion.name) || names.has(suggestion.name)) return created.get(suggestion.name);
      const id = slugId(suggestion.name, entityIds, 'entity');
      entityIds.add(id);
      const aliases = suggestion.aliases.filter((alias) => !names.has(alias));
      for (const name of [suggestion.name, ...aliases]) names.add(name);
      const record: EntityRecord = orderedEntity({ id, kind: suggestion.entityKind, type: suggestion.type, name: suggestion.name, aliases: aliases.length > 0 ? aliases : undefined } as EntityRecord);
      steps.push((current) => appendRecord(current, 'entities', record));
      created.set(suggestion.name, id);
      return id;
    };
    for (const suggestion of accepted) if (suggestion.kind === 'entity') createEntity(suggestion);

    // Aliases and exclusions of the file's own entities, one change of each entity's list.
    const ownIndex = (entityId: string) => file.annotations.entities.findIndex((entity) => entity.id === entityId);
    const aliasesOf = new Map<number, string[]>();
    const exclusionsOf = new Map<number, PassageSelector[]>();
    const sharedExclusions = new Map<string, PassageSelector[]>();
    for (const suggestion of accepted) {
      if (suggestion.kind === 'alias' && !shared(suggestion.entityId)) {
        const index = ownIndex(suggestion.entityId);
        if (index === -1 || names.has(suggestion.alias)) continue;
        names.add(suggestion.alias);
        aliasesOf.set(index, [...(aliasesOf.get(index) ?? file.annotations.entities[index].aliases ?? []), suggestion.alias]);
      } else if (suggestion.kind === 'exclusion') {
        const index = ownIndex(suggestion.entityId);
        if (index !== -1) exclusionsOf.set(index, [...(exclusionsOf.get(index) ?? file.annotations.entities[index].exclusions ?? []), describe(suggestion.occurrence)]);
        else if (shared(suggestion.entityId)) sharedExclusions.set(suggestion.entityId, [...(sharedExclusions.get(suggestion.entityId) ?? []), describe(suggestion.occurrence)]);
      }
    }
    for (const [index, aliases] of aliasesOf) steps.push((current) => setValue(current, ['entities', file.sourceIndexes.entities[index], 'aliases'], aliases));
    for (const [index, exclusions] of exclusionsOf) steps.push((current) => setValue(current, ['entities', file.sourceIndexes.entities[index], 'exclusions'], exclusions));
    // A registry entity's exclusions here are this article's passages of it (see SharedEntityPassages).
    for (const [entityId, exclusions] of sharedExclusions) {
      const passages = file.sharedPassages?.find((entry) => entry.id === entityId);
      if (passages) steps.push((current) => setValue(current, ['entities', passages.sourceIndex, 'exclusions'], [...(passages.exclusions ?? []), ...exclusions]));
      else steps.push((current) => appendRecord(current, 'entities', { id: entityId, exclusions }));
    }

    // Claims, with their claimants (an entity suggested too is created with them) and what they answer.
    const claimIds = new Set(file.annotations.claims.map((claim) => claim.id));
    const claimIdOf = new Map<string, string>();
    const entitySuggestion = (name: string) => all.find((s): s is EntitySuggestion => s.kind === 'entity' && s.name === name);
    const claims = accepted.filter((s): s is ClaimSuggestion => s.kind === 'claim');
    for (const suggestion of claims) claimIdOf.set(suggestion.key, slugId(suggestion.summary, new Set([...claimIds, ...claimIdOf.values()]), 'claim'));
    for (const suggestion of claims) {
      let claimant: string | null = null;
      if (suggestion.claimantId !== undefined && entityIds.has(suggestion.claimantId)) claimant = suggestion.claimantId;
      else if (suggestion.claimantName !== undefined) {
        const entity = entitySuggestion(suggestion.claimantName);
        claimant = (entity && createEntity(entity)) ?? file.annotations.entities.find((e) => e.name === suggestion.claimantName)?.id ?? null;
      }
      const answers = suggestion.answers !== undefined && file.annotations.claims.some((claim) => claim.id === suggestion.answers) ? suggestion.answers : suggestion.answersSuggestion !== undefined ? claimIdOf.get(suggestion.answersSuggestion) : undefined;
      const record: ClaimRecord = orderedClaim({
        id: claimIdOf.get(suggestion.key)!,
        claimant,
        summary: suggestion.summary,
        passage: describe(suggestion.passage),
        answers,
        stance: answers !== undefined ? suggestion.stance : undefined,
      });
      steps.push((current) => appendRecord(current, 'claims', record));
    }
    if (steps.length === 0) return registryAliases.length > 0 ? [] : { refuse: l10n.t('These suggestions are in the annotation file already.') };
    return editsInTurn(file.text, steps);
  };

  if (registryAliases.length === 0) return { annotationChange };
  const registryChange = (registry: EditableAnnotationFile): EditsOrRefusal => {
    const names = new Set(registry.annotations.entities.flatMap((entity) => [entity.name, ...(entity.aliases ?? [])]));
    const aliasesOf = new Map<number, string[]>();
    for (const suggestion of registryAliases) {
      if (suggestion.kind !== 'alias' || names.has(suggestion.alias)) continue;
      const index = registry.annotations.entities.findIndex((entity) => entity.id === suggestion.entityId);
      if (index === -1) continue;
      names.add(suggestion.alias);
      aliasesOf.set(index, [...(aliasesOf.get(index) ?? registry.annotations.entities[index].aliases ?? []), suggestion.alias]);
    }
    return editsInTurn(registry.text, [...aliasesOf].map(([index, aliases]) => (current: string) => setValue(current, ['entities', registry.sourceIndexes.entities[index], 'aliases'], aliases)));
  };
  return { annotationChange, registryChange };
}

/** The change that remembers `rejected` in the annotation file, so that they are not offered again. */
export function rejectionOf(rejected: readonly Suggestion[]): (file: EditableAnnotationFile) => EditsOrRefusal {
  return (file) => {
    const edits = rejectSuggestions(file, rejected.map((suggestion) => suggestion.rejection));
    return Array.isArray(edits) && edits.length === 0 ? { refuse: l10n.t('These suggestions were rejected already.') } : edits;
  };
}
