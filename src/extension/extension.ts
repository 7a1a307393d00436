import * as vscode from 'vscode';
import type { ArticleModel } from '../model/articleModel';
import { registerAnnotationFileCommands } from './annotationFileCommands';
import { ArticleModelService } from './articleModelService';
import { EntitiesTreeProvider } from './entitiesTreeProvider';
import { MentionDecorator, type PaintedMentions } from './mentionDecorator';
import { ProblemDiagnostics } from './problemDiagnostics';

/** What the extension exports to other extensions and to its own extension-host tests. */
export interface MarginaliaApi {
  /** The model of an open article, once its annotation file has been read. */
  modelFor(document: vscode.TextDocument): Promise<ArticleModel | undefined>;
  /** The mention ranges last painted in an editor, by entity kind. */
  paintedMentions(editor: vscode.TextEditor): PaintedMentions | undefined;
}

export function activate(context: vscode.ExtensionContext): MarginaliaApi {
  const models = new ArticleModelService();
  const decorator = new MentionDecorator(models);
  const diagnostics = new ProblemDiagnostics(models);
  const entitiesTree = new EntitiesTreeProvider(models);
  context.subscriptions.push(
    models,
    decorator,
    diagnostics,
    entitiesTree,
    vscode.window.registerTreeDataProvider('marginalia.entities', entitiesTree),
    registerAnnotationFileCommands(),
  );
  void diagnostics.scanWorkspace();
  return {
    modelFor: (document) => models.whenModelReady(document),
    paintedMentions: (editor) => decorator.paintedMentions(editor),
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
