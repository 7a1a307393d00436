import type * as vscode from 'vscode';

// Articles and annotation files may live on any file system: on disk, in vscode.dev and github.dev
// (vscode-vfs:), in a remote workspace. A selector names its scheme ("*" for any), as VS Code asks.

export const ARTICLE_SELECTOR: vscode.DocumentFilter = { language: 'markdown', scheme: '*' };
export const ANNOTATION_FILE_SELECTOR: vscode.DocumentFilter = { pattern: '**/*.annotations.json', scheme: '*' };
export const REGISTRY_SELECTOR: vscode.DocumentFilter = { pattern: '**/marginalia.registry.json', scheme: '*' };
