import * as vscode from 'vscode';
import { KeyedDebouncer } from './util/debounce';
import { DisposableOwner } from './util/dispose';
import type { Problem, ProblemFix } from '../model/format/problem';
import { ANNOTATION_FILE_SELECTOR, REGISTRY_SELECTOR } from './documentSelectors';
import { ArticleModelService } from './articleModelService';
import { rangeOfLocations } from './vscodeRanges';

const REFRESH_AFTER_TYPING_MS = 400;
/** What the corpus publishes is kept under this key, beside each article's URI. */
const CORPUS_KEY = 'marginalia:corpus';

/**
 * Publishes the problems of annotated articles in the Problems panel, at their exact place in the
 * annotation file or the article. Files are found once at start-up and followed as they change.
 */
export class ProblemDiagnostics extends DisposableOwner implements vscode.CodeActionProvider {
  private readonly collection = vscode.languages.createDiagnosticCollection('marginalia');
  /**
   * What each article last published, by file: a file may hear from several articles (a registry that
   * they share), and shows what all of them say, once.
   */
  private readonly publishedBy = new Map<string, Map<string, vscode.Diagnostic[]>>();
  private readonly refreshes = this.register(new KeyedDebouncer<string>());
  /** The quick fixes of what each article last published, by file, place and message (a diagnostic carries no data of its own). */
  private readonly fixesBy = new Map<string, Map<string, ProblemFix>>();

  constructor(private readonly models: ArticleModelService) {
    super();
    this.registerAll(
      this.collection,
      vscode.languages.registerCodeActionsProvider([ANNOTATION_FILE_SELECTOR, REGISTRY_SELECTOR], this, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
      models.onDidChangeModel((articleUri) => void this.refresh(articleUri)),
      vscode.workspace.onDidOpenTextDocument((document) => {
        if (ArticleModelService.isArticle(document)) void this.refresh(document.uri);
      }),
      // Orphaned passages are rare while typing: check once the typing pauses, not on each keystroke.
      models.onDidEditArticle((event) => {
        this.refreshes.schedule(event.document.uri.toString(), REFRESH_AFTER_TYPING_MS, () => void this.refresh(event.document.uri));
      }),
    );
  }

  /** Reads every annotation file in the workspace once, so their problems show without opening them. */
  async scanWorkspace(): Promise<void> {
    const files = await vscode.workspace.findFiles('**/*.annotations.json', '**/node_modules/**', 500);
    await Promise.all(files.map((uri) => this.refresh(ArticleModelService.articleUriFor(uri))));
  }

  async refresh(articleUri: vscode.Uri): Promise<void> {
    const key = articleUri.toString();
    let document: vscode.TextDocument | undefined;
    try {
      document = await vscode.workspace.openTextDocument(articleUri);
    } catch {
      document = undefined;
    }
    const annotationUri = ArticleModelService.annotationUriFor(articleUri);
    let problems: Problem[] = [];
    if (document) {
      const model = await this.models.whenModelReady(document);
      problems = model?.problems ?? (await this.models.getAnnotationFile(annotationUri))?.problems ?? [];
    } else {
      const parsed = await this.models.getAnnotationFile(annotationUri);
      if (parsed) {
        problems = [
          ...parsed.problems,
          {
            file: annotationUri.toString(),
            severity: 'error',
            code: 'article-missing',
            message: vscode.l10n.t('The article {0} is missing: an annotation file sits beside the Markdown article it annotates.', articleUri.path.split('/').pop() ?? ''),
            start: { line: 0, column: 0 },
            end: { line: 0, column: 1 },
          },
        ];
      }
    }
    this.publish(key, problems);
  }

  /** The corpus's problems (references between articles), shown with those of each article. */
  publishCorpusProblems(problems: readonly Problem[]): void {
    this.publish(CORPUS_KEY, problems);
  }

  /** The quick fixes of Marginalia's problems under the cursor: "Change to "denial"" for a mistyped id or article. */
  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== 'marginalia') continue;
      const key = fixKey(document.uri.toString(), diagnostic.range, diagnostic.message);
      const fix = [...this.fixesBy.values()].find((fixes) => fixes.has(key))?.get(key);
      if (!fix) continue;
      const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
      action.diagnostics = [diagnostic];
      action.isPreferred = true;
      action.edit = new vscode.WorkspaceEdit();
      action.edit.replace(document.uri, diagnostic.range, fix.replacement);
      actions.push(action);
    }
    return actions;
  }

  private publish(articleKey: string, problems: readonly Problem[]): void {
    const byFile = new Map<string, vscode.Diagnostic[]>();
    const fixes = new Map<string, ProblemFix>();
    this.fixesBy.set(articleKey, fixes);
    for (const problem of problems) {
      const range = rangeOfLocations(problem);
      const severity =
        problem.severity === 'error' ? vscode.DiagnosticSeverity.Error : problem.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information;
      const diagnostic = new vscode.Diagnostic(range, problem.message, severity);
      diagnostic.source = 'marginalia';
      diagnostic.code = problem.code;
      if (problem.fix) fixes.set(fixKey(problem.file, range, problem.message), problem.fix);
      const list = byFile.get(problem.file) ?? [];
      list.push(diagnostic);
      byFile.set(problem.file, list);
    }
    const touched = new Set([...(this.publishedBy.get(articleKey)?.keys() ?? []), ...byFile.keys()]);
    this.publishedBy.set(articleKey, byFile);
    for (const uri of touched) {
      const seen = new Set<string>();
      const union: vscode.Diagnostic[] = [];
      for (const published of this.publishedBy.values()) {
        for (const diagnostic of published.get(uri) ?? []) {
          const key = `${diagnostic.range.start.line}:${diagnostic.range.start.character}:${String(diagnostic.code)}:${diagnostic.message}`;
          if (seen.has(key)) continue;
          seen.add(key);
          union.push(diagnostic);
        }
      }
      if (union.length > 0) this.collection.set(vscode.Uri.parse(uri), union);
      else this.collection.delete(vscode.Uri.parse(uri));
    }
  }
}

function fixKey(file: string, range: vscode.Range, message: string): string {
  return `${file}|${range.start.line}:${range.start.character}|${message}`;
}
