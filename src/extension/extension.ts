import * as vscode from 'vscode';
import type { ArticleModel } from '../model/articleModel';
import { markdownItMentions } from '../model/markdownItMentions';
import { AnnotationCodeLensProvider } from './annotationCodeLensProvider';
import { registerAnnotationFileCommands } from './annotationFileCommands';
import { ArticleHoverProvider } from './articleHoverProvider';
import { ArticleModelService } from './articleModelService';
import { ClaimsTreeProvider } from './claimsTreeProvider';
import { EntitiesTreeProvider } from './entitiesTreeProvider';
import { AnchorMaintenance } from './anchorMaintenance';
import { AnnotatingCommands } from './annotatingCommands';
import { Prompter, type PromptAnswer } from './prompter';
import { SharingCommands } from './sharingCommands';
import { MentionDecorator, type PaintedMentions, type PaintTiming } from './mentionDecorator';
import { registerNavigationCommands, registerNavigationProviders } from './navigationCommands';
import { ProblemDiagnostics } from './problemDiagnostics';

/** What the extension exports to other extensions and to its own extension-host tests. */
export interface MarginaliaApi {
  /** The model of an open article, once its annotation file has been read. */
  modelFor(document: vscode.TextDocument): Promise<ArticleModel | undefined>;
  /** The mention ranges last painted in an editor, by entity kind. */
  paintedMentions(editor: vscode.TextEditor): PaintedMentions | undefined;
  /** The Claims view's rows as its provider gives them, nested: label, description, children. */
  claimsViewRows(): Promise<TreeRow[]>;
  /** The labels of the rows selected in the Claims view. */
  claimsViewSelection(): string[];
  /** How long recent repaints took on the extension host, in milliseconds, newest last (for the benchmark). */
  paintTimings(): readonly PaintTiming[];
  /** Tests answer the next quick picks and input boxes of Marginalia's commands with these, in order. */
  answerNextPrompts(answers: readonly PromptAnswer[]): void;
  /** Drops the answers no prompt took. */
  clearPromptAnswers(): void;
  /** The message with which the last Marginalia command refused to change anything. */
  lastRefusal(): string | undefined;
  /** The titles of the prompts Marginalia's commands have shown, oldest first. */
  promptsAsked(): readonly string[];
  /** The HTML of the reading page open for an article, if one is. */
  readingPageHtml(articleUri: vscode.Uri): string | undefined;
  /** VS Code's Markdown preview calls this (contributes."markdown.markdownItPlugins"). */
  extendMarkdownIt(md: Parameters<typeof markdownItMentions>[0]): Parameters<typeof markdownItMentions>[0];
}

export interface TreeRow {
  label: string;
  description?: string;
  children: TreeRow[];
}

function labelOf(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

async function rowsOf<T>(provider: vscode.TreeDataProvider<T>, parent?: T): Promise<TreeRow[]> {
  const children = (await provider.getChildren(parent)) ?? [];
  return Promise.all(
    children.map(async (child) => {
      const item = await provider.getTreeItem(child);
      const label = labelOf(item);
      return { label, description: typeof item.description === 'string' ? item.description : undefined, children: await rowsOf(provider, child) };
    }),
  );
}

export function activate(context: vscode.ExtensionContext): MarginaliaApi {
  const models = new ArticleModelService();
  const prompter = new Prompter();
  const annotating = new AnnotatingCommands(models, prompter);
  const sharing = new SharingCommands(models, prompter);
  const decorator = new MentionDecorator(models);
  const diagnostics = new ProblemDiagnostics(models);
  const entitiesTree = new EntitiesTreeProvider(models);
  const claimsTree = new ClaimsTreeProvider(models);
  const entitiesView = vscode.window.createTreeView('marginalia.entities', { treeDataProvider: entitiesTree, showCollapseAll: true });
  const claimsView = vscode.window.createTreeView('marginalia.claims', { treeDataProvider: claimsTree, showCollapseAll: true });
  claimsTree.attach(claimsView);
  const revealEntity = async (entityId: string) => {
    const node = entitiesTree.nodeOf(entityId);
    if (node) await entitiesView.reveal(node, { select: true, focus: true, expand: true });
  };
  context.subscriptions.push(
    models,
    decorator,
    diagnostics,
    entitiesTree,
    claimsTree,
    entitiesView,
    claimsView,
    vscode.languages.registerHoverProvider({ language: 'markdown' }, new ArticleHoverProvider(models)),
    registerNavigationProviders(models),
    registerNavigationCommands(models, revealEntity),
    registerAnnotationFileCommands(),
    new AnnotationCodeLensProvider(models).register(),
    new AnchorMaintenance(models),
    annotating,
    sharing,
    vscode.commands.registerCommand('marginalia.groupClaimsByClaimant', () => claimsTree.toggleGroupByClaimant()),
    vscode.commands.registerCommand('marginalia.ungroupClaims', () => claimsTree.toggleGroupByClaimant()),
    vscode.commands.registerCommand('marginalia.filterClaimsByEntity', () => claimsTree.chooseEntityFilter()),
    vscode.commands.registerCommand('marginalia.clearClaimsFilter', () => claimsTree.clearEntityFilter()),
  );
  // The preview renders before an annotation file has loaded: refresh it once the model is there.
  let previewRefresh: ReturnType<typeof setTimeout> | undefined;
  context.subscriptions.push(
    models.onDidChangeModel(() => {
      clearTimeout(previewRefresh);
      previewRefresh = setTimeout(() => void vscode.commands.executeCommand('markdown.preview.refresh').then(undefined, () => undefined), 200);
    }),
    { dispose: () => clearTimeout(previewRefresh) },
  );
  void diagnostics.scanWorkspace();
  return {
    modelFor: (document) => models.whenModelReady(document),
    paintedMentions: (editor) => decorator.paintedMentions(editor),
    claimsViewRows: () => rowsOf(claimsTree),
    claimsViewSelection: () => claimsView.selection.map((item) => labelOf(claimsTree.getTreeItem(item))),
    paintTimings: () => decorator.paintTimings,
    answerNextPrompts: (answers) => prompter.answerNext(answers),
    clearPromptAnswers: () => prompter.clearAnswers(),
    lastRefusal: () => annotating.lastRefusal,
    promptsAsked: () => prompter.asked,
    readingPageHtml: (articleUri) => sharing.readingPageHtmlOf(articleUri.toString()),
    extendMarkdownIt: (md) => {
      markdownItMentions(md, (source, env) => previewModel(models, source, env));
      return md;
    },
  };
}

/** The model of the document the preview renders: the one VS Code names in env, else the open article whose text it is. */
function previewModel(models: ArticleModelService, source: string, env: unknown): ArticleModel | undefined {
  const named = (env as { currentDocument?: vscode.Uri } | undefined)?.currentDocument;
  const candidates = vscode.workspace.textDocuments.filter((document) => ArticleModelService.isArticle(document));
  const document = named
    ? candidates.find((d) => d.uri.toString() === named.toString())
    : candidates.find((d) => d.getText().includes(source));
  return document ? models.getModel(document) : undefined;
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
