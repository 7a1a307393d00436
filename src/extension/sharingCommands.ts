import { setting } from './config';
import * as vscode from 'vscode';
import { KeyedDebouncer } from './util/debounce';
import { DisposableOwner } from './util/dispose';
import { EXPORT_FILES, EXPORT_FORMATS, exportArticle, type ExportFormat } from '../model/output/articleExport';
import type { ArticleModel } from '../model/article/articleModel';
import { CITATION_FORMATS, formatCitation, type CitationFormat } from '../model/output/citation';
import { articleIris, type ArticleIris } from '../model/output/w3cExport';
import { claimantOfPassage } from '../model/article/modelQueries';
import type { HoverCommandArgs } from '../model/output/hoverCards';
import { readingPageHtmlInSteps } from '../model/output/readingPage';
import { finishInSlices, WorkCancelled } from '../model/text/resumableWork';
import { ArticleModelService } from './articleModelService';
import type { CorpusService } from './corpusService';
import type { CorpusIndex } from '../model/corpus/corpusIndex';
import { joinPath, parentPath } from '../model/format/registryLocation';
import type { CommandManager } from './commandManager';
import type { PickItem, Prompter } from './prompter';
import { openDocument } from './util/openDocument';


/** What each citation format is, in the user's language. */
function citationLabel(format: CitationFormat): string {
  switch (format) {
    case 'markdown':
      return vscode.l10n.t('Markdown: a block quote, who says it, the source and a link to the exact passage');
    case 'text':
      return vscode.l10n.t('Plain text');
    case 'csl-json':
      return vscode.l10n.t('CSL-JSON, for reference managers (Zotero, Mendeley…)');
    case 'w3c':
      return vscode.l10n.t('A W3C Web Annotation of the passage');
  }
}

/**
 * What the article is called in W3C exports: its published page (when its front matter gives a url) and
 * its file; another article whose claim one of its claims answers, by its page when the corpus knows it.
 */
function irisOf(model: ArticleModel, document: vscode.TextDocument, corpus: CorpusIndex | undefined): ArticleIris {
  const annotationPath = ArticleModelService.annotationUriFor(document.uri).path;
  return articleIris(model, document.uri.toString(), (relative) => corpus?.byPath(joinPath(parentPath(annotationPath), relative))?.url);
}

/**
 * Citing and sharing: copy a citation of the selection, a claim or a note; export the article's
 * annotations; and show the reading page in a webview beside the article.
 */
export class SharingCommands extends DisposableOwner {
  /** Open reading pages, by article URI, so each follows its article's model. */
  private readonly readingPages = new Map<string, vscode.WebviewPanel>();

  constructor(
    private readonly models: ArticleModelService,
    private readonly prompter: Prompter,
    commands: CommandManager,
    private readonly corpus: CorpusService,
  ) {
    super();
    commands.add(
      { id: 'marginalia.copyCitation', execute: (args?: HoverCommandArgs & { noteId?: string }) => this.copyCitation(args) },
      { id: 'marginalia.copyCitationAs', execute: (args?: HoverCommandArgs & { noteId?: string }) => this.copyCitation(args, true) },
      { id: 'marginalia.exportAnnotations', execute: (format?: ExportFormat, target?: vscode.Uri) => this.exportAnnotations(format, target) },
      { id: 'marginalia.openReadingPage', execute: () => this.openReadingPage() },
    );
    this.registerAll(
      models.onDidChangeModel((uri) => this.refreshReadingPage(uri.toString())),
      models.onDidEditArticle((event) => {
        if (this.readingPages.has(event.document.uri.toString())) this.scheduleReadingPageRefresh(event.document.uri.toString());
      }),
    );
  }

  /** Copies a citation of a claim (from a card or a Claims view row), a note, or the selection; returns it. */
  async copyCitation(args?: HoverCommandArgs & { noteId?: string }, choose = false): Promise<string | undefined> {
    const hoverArgs = args;
    const context = await this.models.articleEditorWithModel(hoverArgs?.uri);
    if (!context) return undefined;
    const { editor, model } = context;
    const claimId = hoverArgs?.claimId;
    const claim = claimId ? model.claims.find((c) => c.record.id === claimId) : undefined;
    const note = hoverArgs?.noteId ? model.notes.find((n) => n.record.id === hoverArgs.noteId) : undefined;
    let range: { start: number; end: number } | undefined;
    if (claim && claim.anchor.status !== 'orphan') range = claim.anchor;
    else if (note && note.anchor.status !== 'orphan') range = note.anchor;
    else if (!claimId && !editor.selection.isEmpty) range = { start: editor.document.offsetAt(editor.selection.start), end: editor.document.offsetAt(editor.selection.end) };
    if (!range) {
      void vscode.window.showInformationMessage(claimId ? vscode.l10n.t('Marginalia: this claim’s passage is no longer in the article; re-anchor it first.') : vscode.l10n.t('Marginalia: select a passage, or use the link on a claim, to copy a citation.'));
      return undefined;
    }
    // A selection inside a claim's passage is that claimant's words.
    const speaker = claim?.record.claimant ?? claimantOfPassage(model, range.start, range.end);
    let format = setting('citation.format');
    if (choose) {
      const picked = await this.prompter.pick<CitationFormat>(vscode.l10n.t('Copy the citation as…'), CITATION_FORMATS.map((f) => ({ label: f, description: citationLabel(f), value: f })));
      if (!picked) return undefined;
      format = picked;
    }
    if (!(CITATION_FORMATS as readonly string[]).includes(format)) format = 'markdown';
    const citation = formatCitation(format, model, range.start, range.end, speaker, irisOf(model, editor.document, this.corpus.ifReady()));
    await vscode.env.clipboard.writeText(citation);
    vscode.window.setStatusBarMessage(vscode.l10n.t('$(copy) Marginalia: citation copied ({0})', format), 3000);
    return citation;
  }

  /** Writes an export of the current article's annotations to a file the user chooses (or `target`); returns where. */
  async exportAnnotations(format?: ExportFormat, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    const current = await this.models.currentArticleWithModel();
    if (!current) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Marginalia: open an annotated Markdown article to export its annotations.'));
      return undefined;
    }
    const { document, model } = current;
    if (!format) {
      const items: Array<PickItem<ExportFormat>> = EXPORT_FORMATS.map((f) => ({ label: EXPORT_FILES[f].label, description: EXPORT_FILES[f].description, value: f }));
      format = await this.prompter.pick(vscode.l10n.t('Export the annotations as…'), items);
      if (!format) return undefined;
    }
    const suggested = document.uri.with({ path: document.uri.path.replace(/\.md$/i, `.${EXPORT_FILES[format].extension}`) });
    const uri = target ?? (await vscode.window.showSaveDialog({ defaultUri: suggested, title: vscode.l10n.t('Export {0}', EXPORT_FILES[format].label) }));
    if (!uri) return undefined;
    try {
      // Another article a claim answers is named by its page, which the corpus knows.
      await this.corpus.whenReady();
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(exportArticle(model, format, irisOf(model, document, this.corpus.corpus))));
    } catch (error) {
      const readOnly = vscode.workspace.fs.isWritableFileSystem(uri.scheme) === false;
      const why = readOnly ? vscode.l10n.t('the file system of {0}: is read-only', uri.scheme) : error instanceof Error ? error.message : String(error);
      void vscode.window.showErrorMessage(vscode.l10n.t('Marginalia: could not write {0} ({1}). Choose a place in a folder you can change.', uri.path.split('/').pop() ?? '', why));
      return undefined;
    }
    if (!target) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Marginalia: exported {0} to {1}.', EXPORT_FILES[format].label, uri.path.split('/').pop() ?? ''), vscode.l10n.t('Open')).then((choice) => {
        if (choice) void vscode.commands.executeCommand('vscode.open', uri);
      });
    }
    return uri;
  }

  /** Shows the reading page of the current article beside it; it follows the article as it changes. */
  async openReadingPage(): Promise<vscode.WebviewPanel | undefined> {
    const current = await this.models.currentArticleWithModel();
    if (!current) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Marginalia: open an annotated Markdown article to see its reading page.'));
      return undefined;
    }
    const { document, model } = current;
    const key = document.uri.toString();
    const open = this.readingPages.get(key);
    if (open) {
      open.reveal(vscode.ViewColumn.Beside, true);
      return open;
    }
    const panel = vscode.window.createWebviewPanel('marginalia.readingPage', vscode.l10n.t('Reading: {0}', model.article.metadata.title ?? document.uri.path.split('/').pop() ?? ''), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true,
      // The page loads nothing: no local resource is needed.
      localResourceRoots: [],
    });
    this.readingPages.set(key, panel);
    panel.onDidDispose(() => this.readingPages.delete(key));
    await this.render(panel, model);
    return panel;
  }

  /** Which render of each page is the latest: an older one still going is dropped. */
  private readonly renderGenerations = new WeakMap<vscode.WebviewPanel, number>();

  /** Renders in slices (see resumableWork): a huge article's page does not hold the extension host. */
  private async render(panel: vscode.WebviewPanel, model: ArticleModel): Promise<void> {
    const generation = (this.renderGenerations.get(panel) ?? 0) + 1;
    this.renderGenerations.set(panel, generation);
    let busyMs = 0;
    try {
      const html = await finishInSlices(readingPageHtmlInSteps(model, { nonce: cryptoNonce() }), {
        sliceMs: RENDER_SLICE_MS,
        isCancelled: () => this.renderGenerations.get(panel) !== generation || ![...this.readingPages.values()].includes(panel),
        onSlice: (ms) => (busyMs += ms),
      });
      panel.webview.html = html;
      this.lastRenderMs = busyMs;
    } catch (error) {
      if (!(error instanceof WorkCancelled)) throw error;
    }
  }

  private readonly refreshes = this.register(new KeyedDebouncer<string>());
  private lastRenderMs = 0;

  private scheduleReadingPageRefresh(key: string): void {
    // Half a second after typing pauses; for a page that takes long to render (a huge article), long
    // enough that rendering takes at most a fifth of the extension host's time.
    this.refreshes.schedule(key, Math.max(500, 4 * this.lastRenderMs), () => this.refreshReadingPage(key));
  }

  private refreshReadingPage(key: string): void {
    const panel = this.readingPages.get(key);
    const document = openDocument(key);
    const model = document && this.models.getModel(document);
    if (panel && model) void this.render(panel, model);
  }

  /** The reading page open for an article, if one is. */
  readingPageOf(articleUri: string): vscode.WebviewPanel | undefined {
    return this.readingPages.get(articleUri);
  }

  override dispose(): void {
    for (const panel of this.readingPages.values()) panel.dispose();
    super.dispose();
  }
}

/** The longest a reading page's render holds the extension host at a time. */
const RENDER_SLICE_MS = 10;

/** 128 random bits in base64, from the Web Crypto API that both the desktop and the web extension host have. */
function cryptoNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}
