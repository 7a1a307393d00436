import * as vscode from 'vscode';
import type { TextLocation } from '../model/text/lineIndex';

// The bridge between the core's positions and VS Code's: the only place that converts them.

/** A range from UTF-16 offsets [start, end) of a document, as the core's model stores them. */
export function rangeOfOffsets(document: vscode.TextDocument, start: number, end: number): vscode.Range {
  return new vscode.Range(document.positionAt(start), document.positionAt(end));
}

/** A range from the core's zero-based line and column locations (problems, annotation-file entries). */
export function rangeOfLocations(range: { start: TextLocation; end: TextLocation }): vscode.Range {
  return new vscode.Range(range.start.line, range.start.column, range.end.line, range.end.column);
}
