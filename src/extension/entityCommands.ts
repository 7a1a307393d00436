import * as vscode from 'vscode';
import { addAlias, addEntity, addMentions, changeEntityType, renameEntity, type EditableAnnotationFile } from '../model/format/annotationOperations';
import { setting } from './config';
import { ACTOR_TYPES, SYSTEM_TYPES, type EntityKind, type EntityType } from '../model/format/annotationTypes';
import { mentionAt } from '../model/article/modelQueries';
import { targetOf, type AnnotatingContext } from './annotatingContext';
import type { Command } from './commandManager';
import type { PickItem } from './prompter';
import { rangeOfOffsets } from './vscodeRanges';

/** Commands on actors and systems: mark, alias, mark every occurrence, rename, change type. */
export function entityCommands(context: AnnotatingContext): Command[] {
  return [
    { id: 'marginalia.markEntity', execute: () => markEntity(context) },
    { id: 'marginalia.addAlias', execute: () => addAliasOfSelection(context) },
    { id: 'marginalia.markAllOccurrences', execute: () => markAllOccurrences(context) },
    { id: 'marginalia.renameEntity', execute: (target?: unknown) => renameEntityCommand(context, targetOf(target)?.id) },
    { id: 'marginalia.changeEntityType', execute: (target?: unknown) => changeEntityTypeCommand(context, targetOf(target)?.id) },
  ];
}

async function markEntity(context: AnnotatingContext): Promise<boolean> {
  const selected = await context.selectedPassage({ wholeMentions: true });
  if (!selected) return false;
  const already = selected.model && mentionAt(selected.model, selected.start);
  if (already && already.start === selected.start && already.end === selected.end) {
    const entity = selected.model!.entityById.get(already.entityId);
    void vscode.window.showInformationMessage(vscode.l10n.t('"{0}" is already a mention of {1}.', selected.text, entity?.name ?? already.entityId));
    return false;
  }
  const entity = await context.askNewEntity(vscode.l10n.t('New entity'), selected.text);
  if (!entity) return false;
  const registry = selected.model?.annotationFile.registry;
  const place = registry ? await newEntityPlace(context, vscode.Uri.parse(registry.fileName)) : 'article';
  if (!place) return false;
  if (place === 'registry' && registry && selected.model) {
    // Shared from now on: its id and names must not clash with those the folder's articles use.
    const model = selected.model;
    const names = new Set(model.entities.flatMap((e) => [e.name, ...(e.aliases ?? [])]));
    const ids = [...model.entities.map((e) => e.id), ...context.corpusEntityIds()];
    return context.writer.applyToRegistry(selected.document.uri, vscode.Uri.parse(registry.fileName), (file) => addEntity(file, entity, selected.text, { ids, names }));
  }
  return context.write(selected.document, (file) => addEntity(file, entity, selected.text));
}

/** Where a new entity goes when the article has a registry: the setting's choice, or the user's. */
async function newEntityPlace(context: AnnotatingContext, registry: vscode.Uri): Promise<'article' | 'registry' | undefined> {
  const chosen = setting('annotating.newEntities');
  if (chosen === 'article' || chosen === 'registry') return chosen;
  const registryName = registry.path.split('/').pop() ?? '';
  return context.prompter.pick<'article' | 'registry'>(vscode.l10n.t('New entity: where does it go?'), [
    { label: vscode.l10n.t('$(file) This article only'), description: vscode.l10n.t('in its annotation file'), value: 'article' },
    { label: vscode.l10n.t('$(files) Every article of this folder'), description: vscode.l10n.t('in the registry {0}', registryName), value: 'registry' },
  ]);
}

async function addAliasOfSelection(context: AnnotatingContext): Promise<boolean> {
  const selected = await context.selectedPassage({ wholeMentions: true });
  if (!selected) return false;
  const entityId = await context.pickEntity(selected.model, vscode.l10n.t('Add "{0}" as an alias of…', selected.text));
  if (!entityId || !selected.model) return false;
  // A shared entity's alias goes into the registry, and must name no entity of this article either.
  const owner = selected.model.entities.find((e) => e.id !== entityId && (e.name === selected.text || e.aliases?.includes(selected.text)));
  if (owner && context.registryOf(selected.model, entityId)) {
    context.tell(vscode.l10n.t('Marginalia: "{0}" already names {1}; a name or alias belongs to one entity only. Nothing was changed.', selected.text, owner.name));
    return false;
  }
  return context.writeEntity(selected.document, selected.model, entityId, (file) => addAlias(file, entityId, selected.text));
}

/**
 * Lists every occurrence of the selected text that is not yet a mention, lets the user keep or drop
 * each (all kept at first, each with its line), and adds the kept ones as explicit mentions of an
 * entity, in one edit.
 */
async function markAllOccurrences(context: AnnotatingContext): Promise<boolean> {
  const selected = await context.selectedPassage({ wholeMentions: true });
  if (!selected) return false;
  const entityId = await context.pickEntity(selected.model, vscode.l10n.t('Mark every "{0}" as a mention of…', selected.text));
  if (!entityId) return false;
  const { document, model } = selected;

  const text = document.getText();
  const occurrences: Array<PickItem<number>> = [];
  for (let at = text.indexOf(selected.text); at !== -1; at = text.indexOf(selected.text, at + 1)) {
    const mention = model && mentionAt(model, at);
    if (mention && mention.start <= at && at + selected.text.length <= mention.end) continue;
    const position = document.positionAt(at);
    occurrences.push({ label: vscode.l10n.t('Line {0}', position.line + 1), description: document.lineAt(position.line).text.trim().slice(0, 120), picked: true, value: at });
  }
  if (occurrences.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Every "{0}" in the article is already a mention.', selected.text));
    return false;
  }
  const accepted = await context.prompter.pickMany(vscode.l10n.t('{0} occurrences of "{1}" are not mentions yet: keep the ones to mark', occurrences.length, selected.text), occurrences);
  if (!accepted || accepted.length === 0) return false;
  const selectors = context.describePassages(document, accepted.sort((a, b) => a - b).map((at) => ({ start: at, end: at + selected.text.length })), model);
  // A registry's entity: the mentions are this article's, so they go into its annotation file all the same.
  const shared = model !== undefined && context.registryOf(model, entityId) !== undefined;
  return context.write(document, (file) => addMentions(file, entityId, selectors, { shared }));
}

async function renameEntityCommand(context: AnnotatingContext, entityId?: string): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  const current = await context.currentArticle();
  if (!current) return false;
  const { document, model } = current;
  entityId ??= (editor?.document === document ? mentionAt(model, document.offsetAt(editor.selection.active))?.entityId : undefined) ?? (await context.pickEntity(model, vscode.l10n.t('Rename which entity?')));
  const entity = entityId ? model.entityById.get(entityId) : undefined;
  if (!entity) return false;
  const name = await context.prompter.input(vscode.l10n.t('Rename {0}', entity.name), { value: entity.name, validate: (value) => (value.trim() ? undefined : vscode.l10n.t('A name is needed.')) });
  if (name === undefined || name.trim() === entity.name) return false;
  // A shared entity is renamed in the registry only (every article shows the new name).
  const registry = context.registryOf(model, entity.id);
  if (registry) return context.writer.applyToRegistry(document.uri, registry, (file) => renameEntity(file, entity.id, name.trim()));
  return context.writer.apply(document.uri, (file) => renameEntity(file, entity.id, name.trim()), { command: false });
}

async function changeEntityTypeCommand(context: AnnotatingContext, entityId?: string): Promise<boolean> {
  const current = await context.currentArticle();
  if (!current) return false;
  const { document, model } = current;
  entityId ??= await context.pickEntity(model, vscode.l10n.t('Change the type of which entity?'));
  const entity = entityId ? model.entityById.get(entityId) : undefined;
  if (!entity) return false;
  const kind = await context.prompter.pick<EntityKind>(vscode.l10n.t('{0}: actor or system?', entity.name), [
    { label: vscode.l10n.t('Actor'), description: entity.kind === 'actor' ? vscode.l10n.t('now') : undefined, value: 'actor' },
    { label: vscode.l10n.t('System'), description: entity.kind === 'system' ? vscode.l10n.t('now') : undefined, value: 'system' },
  ]);
  if (!kind) return false;
  const types = kind === 'actor' ? ACTOR_TYPES : SYSTEM_TYPES;
  const type = await context.prompter.pick<EntityType>(kind === 'actor' ? vscode.l10n.t('{0}: what type of actor?', entity.name) : vscode.l10n.t('{0}: what type of system?', entity.name), types.map((t) => ({ label: t, description: t === entity.type ? vscode.l10n.t('now') : undefined, value: t })));
  if (!type) return false;
  return context.writeEntity(document, model, entity.id, (file) => changeEntityType(file, entity.id, kind, type));
}

/** F2 on a mention renames the entity's display name in the annotation file; the article's text is never changed. */
export class EntityRenameProvider implements vscode.RenameProvider {
  constructor(private readonly context: AnnotatingContext) {}

  async prepareRename(document: vscode.TextDocument, position: vscode.Position): Promise<{ range: vscode.Range; placeholder: string }> {
    const found = this.mentionAt(document, position);
    if (!found) throw new Error(vscode.l10n.t('Rename works on a highlighted mention: it renames the entity, not the article’s text.'));
    return { range: rangeOfOffsets(document, found.mention.start, found.mention.end), placeholder: found.entity.name };
  }

  async provideRenameEdits(document: vscode.TextDocument, position: vscode.Position, newName: string): Promise<vscode.WorkspaceEdit | undefined> {
    const found = this.mentionAt(document, position);
    if (!found || !newName.trim()) return undefined;
    const change = (file: EditableAnnotationFile) => renameEntity(file, found.entity.id, newName.trim());
    // A shared entity is renamed in its registry only.
    const registry = this.context.registryOf(found.model, found.entity.id);
    return (registry ? await this.context.writer.editRegistry(registry, change) : await this.context.writer.edit(document.uri, change, { create: false }))?.edit;
  }

  private mentionAt(document: vscode.TextDocument, position: vscode.Position) {
    const model = this.context.models.getModel(document);
    const mention = model && mentionAt(model, document.offsetAt(position));
    const entity = mention && model.entityById.get(mention.entityId);
    return model && mention && entity ? { model, mention, entity } : undefined;
  }
}
