import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { MarginaliaTestApi } from '../../src/extension/testApi';

export const SAMPLE_ARTICLE = 'articles/dw-albania-iran-cyberattacks.md';
export const SAMPLE_ANNOTATIONS = 'articles/dw-albania-iran-cyberattacks.annotations.json';

/** The sample article's recent changes, as the extension host saw them (to explain a document found in an unexpected state). */
const sampleHistory: string[] = [];
const started = Date.now();
export function noteSampleEvent(what: string): void {
  sampleHistory.push(`${Date.now() - started} ms ${what}`);
  if (sampleHistory.length > 30) sampleHistory.shift();
}
vscode.workspace.onDidChangeTextDocument((event) => {
  if (!event.document.uri.path.endsWith(SAMPLE_ARTICLE)) return;
  noteSampleEvent(`change v${event.document.version}: ${event.contentChanges.map((c) => `-${c.rangeLength}+${c.text.length}`).join(',')} → ${event.document.getText().length} chars${event.document.isDirty ? ' dirty' : ''}${event.reason ? ` reason ${event.reason}` : ''}`);
});
vscode.workspace.onDidSaveTextDocument((document) => {
  if (document.uri.path.endsWith(SAMPLE_ARTICLE)) noteSampleEvent(`saved v${document.version}, ${document.getText().length} chars`);
});
export function sampleArticleHistory(): string {
  return sampleHistory.join('\n  ');
}

export function workspaceUri(relativePath: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need a workspace folder');
  return vscode.Uri.joinPath(folder.uri, relativePath);
}

export async function marginaliaApi(): Promise<MarginaliaTestApi> {
  const extension = vscode.extensions.getExtension<MarginaliaTestApi>('marginalia.marginalia');
  assert.ok(extension, 'the Marginalia extension is loaded');
  return extension.isActive ? extension.exports : extension.activate();
}

/** Polls until `check` returns a value that is not undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => T | undefined | Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function openInEditor(relativePath: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceUri(relativePath));
  return vscode.window.showTextDocument(document, { preview: false });
}

/** The text of each range, for readable assertions. */
export function textsOf(document: vscode.TextDocument, ranges: readonly vscode.Range[]): string[] {
  return ranges.map((range) => document.getText(range));
}

/** Reverts every document with unsaved changes and closes all editors, so tests do not leak into each other. */
export async function revertAndCloseAll(): Promise<void> {
  for (const document of vscode.workspace.textDocuments.filter((d) => d.isDirty)) {
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/**
 * Puts a file back as it was: on disk, and in its document if one is open (replaced and saved if it
 * does not reload by itself), so that later tests start from the same text.
 */
export async function restoreFile(relativePath: string, bytes: Uint8Array): Promise<void> {
  const uri = workspaceUri(relativePath);
  const text = new TextDecoder().decode(bytes);
  // Only a file that differs is written. Writing the same bytes again raced with VS Code reloading the
  // open document after the write before: it once read the file while it was being rewritten, found it
  // empty, and kept it so (seen in this file's history of the sample article; see sampleArticleHistory).
  const onDisk = await vscode.workspace.fs.readFile(uri).then((data) => new TextDecoder().decode(data), () => undefined);
  if (onDisk !== text) {
    if (relativePath === SAMPLE_ARTICLE) noteSampleEvent(`restoreFile writes ${text.length} chars`);
    await vscode.workspace.fs.writeFile(uri, bytes);
    if (relativePath === SAMPLE_ARTICLE) noteSampleEvent('restoreFile written');
  }
  const open = () => vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
  const deadline = Date.now() + 3000;
  while (Date.now() < deadline && open() && open()!.getText() !== text) await new Promise((resolve) => setTimeout(resolve, 50));
  const document = open();
  if (document && document.getText() !== text) {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), text);
    await vscode.workspace.applyEdit(edit);
    await document.save();
  }
}

/**
 * Runs `run` with a temporary article (and its annotation file, when given) in the workspace's
 * articles folder, then closes its editors and deletes both.
 */
export async function withTemporaryArticle(name: string, article: string, annotations: object | undefined, run: () => Promise<void>): Promise<void> {
  const articleUri = workspaceUri(`articles/${name}.md`);
  const annotationUri = workspaceUri(`articles/${name}.annotations.json`);
  if (annotations) await vscode.workspace.fs.writeFile(annotationUri, new TextEncoder().encode(JSON.stringify(annotations, null, 2)));
  await vscode.workspace.fs.writeFile(articleUri, new TextEncoder().encode(article));
  try {
    await run();
  } finally {
    await revertAndCloseAll();
    for (const uri of [articleUri, annotationUri]) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
  }
}
