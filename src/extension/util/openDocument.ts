import * as vscode from 'vscode';

/** The document VS Code holds for a URI (or its string), if any: shown in an editor or not, saved or not. */
export function openDocument(uri: vscode.Uri | string): vscode.TextDocument | undefined {
  const key = typeof uri === 'string' ? uri : uri.toString();
  return vscode.workspace.textDocuments.find((document) => document.uri.toString() === key);
}
