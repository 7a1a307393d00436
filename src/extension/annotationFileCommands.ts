import * as vscode from 'vscode';
import { emptyAnnotationFileText } from '../model/format/annotationTypes';
import { ArticleModelService } from './articleModelService';
import type { Command } from './commandManager';
import { setting, updateSetting } from './config';

/** Commands that move between an article and its annotation file, and switch highlighting. */
export function annotationFileCommands(): Command[] {
  return [
    { id: 'marginalia.toggleHighlighting', execute: toggleHighlighting },
    { id: 'marginalia.openAnnotationFile', execute: openAnnotationFile },
    { id: 'marginalia.openArticle', execute: openArticle },
  ];
}

async function toggleHighlighting(): Promise<void> {
  await updateSetting('highlighting.enabled', !setting('highlighting.enabled'));
}

async function openAnnotationFile(articleUri?: vscode.Uri): Promise<void> {
  const document = articleUri ? await vscode.workspace.openTextDocument(articleUri) : vscode.window.activeTextEditor?.document;
  if (!document || !ArticleModelService.isArticle(document)) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Marginalia: open a Markdown article (a .md file) first.'));
    return;
  }
  if (document.isUntitled) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Marginalia: save the article first; its annotations are stored beside it.'));
    return;
  }
  const annotationUri = ArticleModelService.annotationUriFor(document.uri);
  try {
    await vscode.workspace.fs.stat(annotationUri);
  } catch {
    const name = annotationUri.path.split('/').pop() ?? '';
    const create = vscode.l10n.t('Create');
    const choice = await vscode.window.showInformationMessage(vscode.l10n.t('{0} does not exist yet. Create it to start annotating this article?', name), create);
    if (choice !== create) return;
    const edit = new vscode.WorkspaceEdit();
    edit.createFile(annotationUri, { ignoreIfExists: true, contents: new TextEncoder().encode(emptyAnnotationFileText(document.uri.path.split('/').pop() ?? '')) });
    if (!(await vscode.workspace.applyEdit(edit))) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Marginalia: could not create {0}. Is the folder read-only?', name));
      return;
    }
  }
  await vscode.window.showTextDocument(annotationUri, { viewColumn: vscode.ViewColumn.Beside, preview: false });
}

async function openArticle(annotationUri?: vscode.Uri): Promise<void> {
  const uri = annotationUri ?? vscode.window.activeTextEditor?.document.uri;
  if (!uri || !uri.path.endsWith('.annotations.json')) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Marginalia: open an annotation file (NAME.annotations.json) first.'));
    return;
  }
  await vscode.window.showTextDocument(ArticleModelService.articleUriFor(uri), { viewColumn: vscode.ViewColumn.Beside });
}
