import * as vscode from 'vscode';
import { DisposableOwner } from './util/dispose';
import { setting } from './config';
import { anchoredPassages, selectorEdits, staleSelectors, type AnchoredPassage, type SelectorChange } from '../model/article/anchoredPassages';
import { rangeInAnnotationFile } from '../model/format/annotationFileParser';
import type { ArticleModel } from '../model/article/articleModel';
import { isAnnotationFileName } from '../model/format/articlePaths';
import type { AnchorStatus } from '../model/anchoring/passageAnchor';
import { abbreviate } from '../model/text/abbreviate';
import type { AnnotationFileWriter } from './annotationFileWriter';
import { ArticleModelService } from './articleModelService';
import type { CommandManager } from './commandManager';
import { rangeOfLocations } from './vscodeRanges';
import { ANNOTATION_FILE_SELECTOR, ARTICLE_SELECTOR } from './documentSelectors';


/** What "Re-check Anchors" found, by status. */
export type AnchorReport = Record<AnchorStatus, number>;

/**
 * Keeps anchors and the annotation file in step, always through VS Code's document model (every change
 * is visible, undoable, and saved by the user): quick fixes for orphans, "Re-check Anchors", and the
 * refresh of moved anchors' stored context and positions when the article is saved.
 */
export class AnchorMaintenance extends DisposableOwner implements vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix];

  constructor(
    private readonly models: ArticleModelService,
    private readonly writer: AnnotationFileWriter,
    commands: CommandManager,
  ) {
    super();
    commands.add(
      { id: 'marginalia.recheckAnchors', execute: () => this.recheckAnchors() },
      { id: 'marginalia.applySelectorChanges', execute: (annotationUri: vscode.Uri, changes: SelectorChange[]) => this.applySelectorChanges(annotationUri, changes) },
    );
    this.registerAll(
      vscode.languages.registerCodeActionsProvider([ARTICLE_SELECTOR, ANNOTATION_FILE_SELECTOR], this, {
        providedCodeActionKinds: AnchorMaintenance.providedCodeActionKinds,
      }),
      vscode.workspace.onDidSaveTextDocument((document) => {
        if (ArticleModelService.isArticle(document) && setting('anchors.refreshOnSave')) {
          void this.refreshStoredAnchors(document);
        }
      }),
    );
  }

  async provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    const inAnnotationFile = isAnnotationFileName(document.uri.path);
    const article = inAnnotationFile ? await openDocument(ArticleModelService.articleUriFor(document.uri)) : document;
    if (!article || !ArticleModelService.isArticle(article)) return [];
    const model = await this.models.whenModelReady(article);
    const annotationUri = ArticleModelService.annotationUriFor(article.uri);
    if (!model || !(await this.isCurrent(model, annotationUri))) return [];
    const selection = vscode.window.visibleTextEditors.find((editor) => editor.document === article && !editor.selection.isEmpty)?.selection;
    const actions: vscode.CodeAction[] = [];
    for (const passage of anchoredPassages(model)) {
      if (passage.anchor.status !== 'orphan') continue;
      const where = inAnnotationFile ? rangeOfLocations(rangeInAnnotationFile(model.annotationFile, [...passage.path, 'exact'])) : nearRange(article, passage);
      if (!where || !where.intersection(range)) continue;
      const diagnostics = context.diagnostics.filter((d) => d.source === 'marginalia' && d.range.intersection(where));
      const fix = (title: string, change: SelectorChange, preferred = false) => {
        const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
        action.diagnostics = diagnostics;
        action.isPreferred = preferred;
        action.command = { command: 'marginalia.applySelectorChanges', title, arguments: [annotationUri, [change]] };
        actions.push(action);
      };
      const text = model.article.source.text;
      const { candidate } = passage.anchor;
      if (candidate) {
        fix(vscode.l10n.t('Re-anchor {0} to the closest text (score {1}): "{2}"', passage.what, candidate.score.toFixed(2), abbreviate(text.slice(candidate.start, candidate.end), 48)), {
          path: passage.path,
          selector: model.article.source.describe(candidate.start, candidate.end),
        });
      }
      if (selection) {
        const [start, end] = [article.offsetAt(selection.start), article.offsetAt(selection.end)];
        fix(vscode.l10n.t('Re-anchor {0} to the selected text: "{1}"', passage.what, abbreviate(text.slice(start, end), 48)), { path: passage.path, selector: model.article.source.describe(start, end) }, true);
      }
      if (!passage.selector.orphaned) fix(vscode.l10n.t('Keep {0} as an orphan', passage.what), { path: passage.path, selector: { ...passage.selector, orphaned: true } });
    }
    return actions;
  }

  /** Applies selector changes to the annotation file as one undoable edit, left unsaved; refuses if the file does not parse. */
  async applySelectorChanges(annotationUri: vscode.Uri, changes: readonly SelectorChange[]): Promise<boolean> {
    return this.writer.apply(ArticleModelService.articleUriFor(annotationUri), (file) => selectorEdits(file.text, changes), { command: false });
  }

  /** Resolves every anchor of the current article again from the stored selectors, and reports how each fared. */
  async recheckAnchors(): Promise<AnchorReport | undefined> {
    const article = ArticleModelService.currentArticle();
    if (!article) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open an annotated Markdown article to re-check its anchors.'));
      return undefined;
    }
    const model = await this.models.rebuildModel(article);
    if (!model) {
      void vscode.window.showInformationMessage(vscode.l10n.t('{0} has no annotation file to check.', article.uri.path.split('/').pop() ?? ''));
      return undefined;
    }
    const report: AnchorReport = { exact: 0, moved: 0, fuzzy: 0, orphan: 0 };
    for (const passage of anchoredPassages(model)) report[passage.anchor.status]++;
    const total = report.exact + report.moved + report.fuzzy + report.orphan;
    const message = vscode.l10n.t('{0} anchors: {1} exact, {2} moved, {3} found approximately, {4} orphaned.', total, report.exact, report.moved, report.fuzzy, report.orphan);
    if (report.orphan > 0) {
      void vscode.window.showWarningMessage(message, vscode.l10n.t('Show Problems')).then((choice) => {
        if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems');
      });
    } else {
      void vscode.window.showInformationMessage(message);
    }
    return report;
  }

  /** After the article is saved: writes the current context and positions of anchors that moved into the annotation file, as one undoable edit. */
  async refreshStoredAnchors(article: vscode.TextDocument): Promise<number> {
    const model = this.models.getModel(article);
    const annotationUri = ArticleModelService.annotationUriFor(article.uri);
    if (!model || !(await this.isCurrent(model, annotationUri))) return 0;
    const changes = staleSelectors(anchoredPassages(model), model.article.source);
    if (changes.length === 0) return 0;
    if (!(await this.applySelectorChanges(annotationUri, changes))) return 0;
    vscode.window.setStatusBarMessage(vscode.l10n.t('$(sync) Marginalia: {0} anchors refreshed in {1} (unsaved)', changes.length, annotationUri.path.split('/').pop() ?? ''), 5000);
    return changes.length;
  }

  /** Whether the model was built from the annotation file as it is now (not a last good state kept while it is broken). */
  private async isCurrent(model: ArticleModel, annotationUri: vscode.Uri): Promise<boolean> {
    return (await this.models.getAnnotationFile(annotationUri)) === model.annotationFile;
  }
}

/** Where an orphan is shown in the article. */
function nearRange(article: vscode.TextDocument, passage: AnchoredPassage): vscode.Range | undefined {
  if (passage.anchor.status !== 'orphan' || passage.anchor.near === undefined) return undefined;
  const start = article.positionAt(passage.anchor.near);
  return new vscode.Range(start, article.lineAt(start.line).range.end);
}

async function openDocument(uri: vscode.Uri): Promise<vscode.TextDocument | undefined> {
  try {
    return await vscode.workspace.openTextDocument(uri);
  } catch {
    return undefined;
  }
}

