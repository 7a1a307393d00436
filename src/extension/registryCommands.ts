import * as vscode from 'vscode';
import { applyEdits } from 'jsonc-parser';
import { mentionAt } from '../model/article/modelQueries';
import { REGISTRY_FILE_NAME } from '../model/format/registryLocation';
import { isRefusalOfMove, moveToRegistry, type EntityToMove } from '../model/format/registryMoves';
import type { EditableAnnotationFile } from '../model/format/annotationOperations';
import { targetOf, type AnnotatingContext } from './annotatingContext';
import { ArticleModelService } from './articleModelService';
import { workspaceEditOf } from './annotationFileWriter';
import type { Command } from './commandManager';
import type { CorpusService } from './corpusService';

/** Commands that share an article's entities with its folder (issue 14): Move to Registry, merging the same entity from other articles. */
export function registryCommands(context: AnnotatingContext, corpus: CorpusService): Command[] {
  return [{ id: 'marginalia.moveEntityToRegistry', execute: (target?: unknown) => moveEntityToRegistry(context, corpus, targetOf(target)?.id) }];
}

/** A new registry's text, before the moved entity is added. */
const EMPTY_REGISTRY = '{\n  "version": 1,\n  "entities": []\n}\n';

/**
 * Moves an entity of the current article into the folder's registry (made in the article's folder if
 * there is none, when the user agrees), merging the same entity (same id or name) from the other
 * articles under that registry if the user picks them: one workspace edit of every file, undone at once.
 */
async function moveEntityToRegistry(context: AnnotatingContext, corpus: CorpusService, entityId?: string): Promise<boolean> {
  const current = await context.currentArticle();
  if (!current) return false;
  const { document, model } = current;
  const editor = vscode.window.activeTextEditor;
  const own = model.entities.filter((entity) => !context.registryOf(model, entity.id));
  entityId ??=
    (editor?.document === document ? mentionAt(model, document.offsetAt(editor.selection.active))?.entityId : undefined) ??
    (await context.prompter.pick(vscode.l10n.t('Move which entity to the registry?'), own.map((entity) => ({ label: entity.name, description: `${entity.kind} · ${entity.type}`, value: entity.id }))));
  const entity = entityId ? model.entityById.get(entityId) : undefined;
  if (!entity) return false;
  if (context.registryOf(model, entity.id)) {
    context.tell(vscode.l10n.t('Marginalia: {0} is in the registry already. Nothing was changed.', entity.name));
    return false;
  }

  // The registry: the article's, else a new one in its folder.
  const articleFolder = vscode.Uri.joinPath(document.uri, '..');
  const existingRegistry = model.annotationFile.registry;
  const registryUri = existingRegistry ? vscode.Uri.parse(existingRegistry.fileName) : vscode.Uri.joinPath(articleFolder, REGISTRY_FILE_NAME);
  let registry: { document?: vscode.TextDocument; file: EditableAnnotationFile };
  if (existingRegistry) {
    const opened = await context.writer.editableFile(registryUri, 'registry');
    if (!opened) return false;
    registry = opened;
  } else {
    const create = await context.prompter.pick(vscode.l10n.t('No registry covers this article yet'), [
      { label: vscode.l10n.t('$(new-file) Create {0} in {1}', REGISTRY_FILE_NAME, articleFolder.path.split('/').pop() ?? ''), description: vscode.l10n.t('shared by every article of the folder and the folders in it'), value: true },
    ]);
    if (!create) return false;
    const parsed = context.models.parser.parseRegistry(EMPTY_REGISTRY, registryUri.toString());
    registry = { file: { text: EMPTY_REGISTRY, annotations: parsed.annotations!, sourceIndexes: parsed.sourceIndexes } };
  }

  // The same entity in the other articles that this registry serves: merged too, if the user keeps them.
  await corpus.whenReady();
  const registryFolder = vscode.Uri.joinPath(registryUri, '..').path;
  const candidates = corpus.corpus
    .all()
    .filter((article) => article.key !== document.uri.toString() && article.path.startsWith(`${registryFolder}/`) && (article.registryKey === undefined || article.registryKey === registryUri.toString()))
    .flatMap((article) => article.entities.filter((other) => other.id === entity.id || other.name === entity.name).map((other) => ({ article, entityId: other.id, name: other.name })));
  const merged = candidates.length === 0
    ? []
    : await context.prompter.pickMany(
        candidates.length === 1 ? vscode.l10n.t('{0} is in another article too: merge it into the shared entity?', entity.name) : vscode.l10n.t('{0} is in {1} other articles too: merge them into the shared entity?', entity.name, candidates.length),
        candidates.map((candidate) => ({ label: candidate.article.title, description: `${candidate.name} (${candidate.entityId})`, picked: true, value: candidate })),
      );
  if (merged === undefined) return false;

  const files: Array<{ document: vscode.TextDocument; move: EntityToMove }> = [];
  const here = await context.writer.editableFile(ArticleModelService.annotationUriFor(document.uri), 'annotations');
  if (!here) return false;
  files.push({ document: here.document, move: { file: here.file, entityId: entity.id } });
  for (const candidate of merged) {
    const other = await context.writer.editableFile(vscode.Uri.parse(candidate.article.annotationKey), 'annotations');
    if (!other) return false;
    files.push({ document: other.document, move: { file: other.file, entityId: candidate.entityId } });
  }
  const taken = new Set(context.corpusEntityIds());
  const result = moveToRegistry(registry.file, files.map(({ move }) => move), taken);
  if (isRefusalOfMove(result)) {
    context.tell(vscode.l10n.t('Marginalia: {0} Nothing was changed.', result.refuse));
    return false;
  }
  const edit = new vscode.WorkspaceEdit();
  if (registry.document) workspaceEditOf(registry.document, result.registryEdits, edit);
  else edit.createFile(registryUri, { ignoreIfExists: false, contents: new TextEncoder().encode(applyEdits(registry.file.text, result.registryEdits)) });
  files.forEach(({ document: file }, k) => workspaceEditOf(file, result.fileEdits[k], edit));
  const done = await context.writer.applyAcrossFiles(document.uri, edit, here.document);
  // A registry made just now: every article reads it at once, without waiting for the file watcher.
  if (done && !registry.document) context.models.registryChanged();
  if (done) {
    const count = files.length;
    vscode.window.setStatusBarMessage(
      count === 1 ? vscode.l10n.t('Marginalia: {0} moved to {1}', entity.name, REGISTRY_FILE_NAME) : vscode.l10n.t('Marginalia: {0} moved to {1}, merged from {2} articles', entity.name, REGISTRY_FILE_NAME, count),
      5000,
    );
  }
  return done;
}
