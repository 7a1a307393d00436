import * as vscode from 'vscode';
import { Debouncer, KeyedDebouncer } from './util/debounce';
import { DisposableOwner } from './util/dispose';
import type { AliasMatcher } from '../model/anchoring/aliasMatcher';
import { AnnotationFileParser, type ParsedAnnotationFile } from '../model/format/annotationFileParser';
import type { ArticleModel, ChangedSpan } from '../model/article/articleModel';
import { buildArticleModelInSteps, createMatcherWithRegistryInSteps } from '../model/article/buildArticleModel';
import { updateArticleModelInSteps } from '../model/article/updateArticleModel';
import { annotationPathForArticle, defaultArticlePathForAnnotations, isAnnotationFileName, isArticleFileName } from '../model/format/articlePaths';
import { parseArticle } from '../model/article/articleParser';
import { ARTICLE_SEARCH_LIMIT, EDITOR_SEARCH_LIMIT } from '../model/anchoring/passageAnchor';
import { internalErrorProblem } from '../model/format/problem';
import { withRegistry } from '../model/format/withRegistry';
import { otherRegistryCandidates, REGISTRY_FILE_NAME, registryBesideProblem, registryCandidates, registryHidesProblem, registryMissingProblem } from '../model/format/registryLocation';
import { emptyAnnotationFileText } from '../model/format/annotationTypes';
import { advanceFor, finishInSlices, WorkCancelled } from '../model/text/resumableWork';
import { openDocument } from './util/openDocument';

/** One annotation file as last read, and the last version of it that could be used. */
interface AnnotationState {
  /** The file as it is (what edits are made to). */
  parsed: ParsedAnnotationFile;
  /**
   * What highlighting and the trees use: the newest usable parse (`raw`), kept while the file is broken,
   * with its registry's entities merged in (`parsed`), and the matcher of them all.
   */
  usable: { raw: ParsedAnnotationFile; parsed: ParsedAnnotationFile; matcher: AliasMatcher } | undefined;
  /** The registry merged in, if any (see checkRegistry). */
  registry: ParsedAnnotationFile | undefined;
}

/** A registry as read, with what says whether it is still the same file (see registryStamp). */
interface RegistryRead {
  stamp: string | undefined;
  parsed: Promise<ParsedAnnotationFile | undefined>;
}

/** Edits since a model's version: the span they changed, up to document version `version`. */
interface PendingEdits {
  articleVersion: number;
  pending?: { span: ChangedSpan; version: number };
}

interface CachedModel extends PendingEdits {
  annotationState: AnnotationState;
  model: ArticleModel;
}

/** A model too long to build at once, being built in slices; edits meanwhile are kept to update it after. */
interface ModelInProgress extends PendingEdits {
  annotationState: AnnotationState;
  done: Promise<void>;
}

/**
 * The one source of truth per article: parses the annotation file once per version, anchors it on the
 * article once per document version, and caches both by URI. Decorations, diagnostics,
 * hovers and trees all read models from here.
 */
export class ArticleModelService extends DisposableOwner {
  /** The one parser of annotation files and registries (its schema is compiled once). */
  readonly parser = new AnnotationFileParser();
  private readonly annotationStates = new Map<string, AnnotationState>();
  /** Registries read (undefined where there is none), by URI, while their files stay the same. */
  private readonly registries = new Map<string, RegistryRead>();
  private readonly loading = new Map<string, Promise<AnnotationState | undefined>>();
  /** Annotation files that changed while being read: read again when that read ends. */
  private readonly rereadAfterLoad = new Set<string>();
  private readonly models = new Map<string, CachedModel>();
  private readonly inProgress = new Map<string, ModelInProgress>();
  /** The extension-host time each model took to build or update, all slices and the text's copy included. */
  private readonly buildTimes = new WeakMap<ArticleModel, number>();
  /** How long each annotation file took to parse, and reloads waiting for typing to pause (see annotationFileEdited). */
  private readonly parseTimes = new Map<string, number>();
  /** Annotation files deleted on disk whose documents VS Code still keeps, unedited (see annotationFileDeleted). */
  private readonly deletedOnDisk = new Set<string>();
  private readonly pendingReloads = this.register(new KeyedDebouncer<string>());
  /** Articles whose next build may search for lost passages as long as the CLI does (Re-check Anchors). */
  private readonly fullSearchFor = new Set<string>();
  private readonly changeEmitter = new vscode.EventEmitter<vscode.Uri>();
  private readonly articleEditEmitter = new vscode.EventEmitter<vscode.TextDocumentChangeEvent>();
  private readonly registryEmitter = new vscode.EventEmitter<void>();

  /** Fires when a registry changed, appeared or went (after the articles' annotations are read again). */
  readonly onDidChangeRegistry = this.registryEmitter.event;

  /** Fires with an article's URI when its model may have changed (the annotation file changed or loaded). */
  readonly onDidChangeModel = this.changeEmitter.event;

  /**
   * Fires when an article's text changes (edits, undo, a reload from disk), after the service has noted
   * the change: the one stream of article edits that the decorations, problems and views follow.
   */
  readonly onDidEditArticle = this.articleEditEmitter.event;

  constructor() {
    super();
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.annotations.json');
    const registryWatcher = vscode.workspace.createFileSystemWatcher(`**/${REGISTRY_FILE_NAME}`);
    // A folder deleted whole is reported as the folder alone, which neither glob above matches.
    const deletions = vscode.workspace.createFileSystemWatcher('**', true, true, false);
    this.registerAll(
      this.changeEmitter,
      this.articleEditEmitter,
      this.registryEmitter,
      watcher,
      registryWatcher,
      registryWatcher.onDidChange(() => this.registryChanged()),
      registryWatcher.onDidCreate(() => this.registryChanged()),
      registryWatcher.onDidDelete(() => this.registryChanged()),
      watcher.onDidChange((uri) => this.annotationFileChangedOnDisk(uri)),
      watcher.onDidCreate((uri) => this.annotationFileChangedOnDisk(uri)),
      watcher.onDidDelete((uri) => this.annotationFileDeleted(uri)),
      deletions,
      deletions.onDidDelete((uri) => this.folderDeleted(uri)),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length === 0) return;
        if (isAnnotationFileName(event.document.uri.path)) {
          this.deletedOnDisk.delete(event.document.uri.toString());
          this.annotationFileEdited(event.document.uri);
        }
        else if (event.document.uri.path.endsWith(`/${REGISTRY_FILE_NAME}`)) this.pendingReloads.schedule(REGISTRY_EDIT_KEY, REGISTRY_EDIT_PAUSE_MS, () => this.registryChanged());
        else if (ArticleModelService.isArticle(event.document)) {
          this.recordArticleEdit(event);
          this.articleEditEmitter.fire(event);
        }
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor && ArticleModelService.isArticle(editor.document)) void this.checkRegistry(editor.document);
      }),
      vscode.workspace.onDidCloseTextDocument((document) => {
        this.models.delete(document.uri.toString());
        this.inProgress.delete(document.uri.toString());
        // Back to what is on disk: the closed editor may have held unsaved changes.
        if (isAnnotationFileName(document.uri.path)) this.reloadAnnotations(document.uri);
      }),
    );
  }

  static isArticle(document: vscode.TextDocument): boolean {
    return document.languageId === 'markdown' && isArticleFileName(document.uri.path);
  }

  /**
   * The article the sidebar shows: the active editor's, or, while a preview or another panel has focus,
   * the article still visible beside it.
   */
  static currentArticle(): vscode.TextDocument | undefined {
    const active = vscode.window.activeTextEditor?.document;
    if (active && ArticleModelService.isArticle(active)) return active;
    if (active && isAnnotationFileName(active.uri.path)) {
      // In the annotation file (where an annotating command's undo happens), the views keep its article.
      const articleUri = ArticleModelService.articleUriFor(active.uri).toString();
      return openDocument(articleUri);
    }
    if (active) return undefined;
    return vscode.window.visibleTextEditors.find((editor) => ArticleModelService.isArticle(editor.document))?.document;
  }

  /**
   * Calls `listener` when the current article (see currentArticle) or its model may have changed: at once
   * on an editor switch or an annotation change, and once typing pauses, since views need not follow
   * every keystroke.
   */
  onDidChangeCurrentArticle(listener: () => void, typingPauseMs = 300): vscode.Disposable {
    const typing = new Debouncer();
    return vscode.Disposable.from(
      vscode.window.onDidChangeActiveTextEditor(() => listener()),
      this.onDidChangeModel(() => listener()),
      this.onDidEditArticle((event) => {
        if (event.document === ArticleModelService.currentArticle()) typing.schedule(typingPauseMs, listener);
      }),
      typing,
    );
  }

  static annotationUriFor(articleUri: vscode.Uri): vscode.Uri {
    return articleUri.with({ path: annotationPathForArticle(articleUri.path) });
  }

  static articleUriFor(annotationUri: vscode.Uri): vscode.Uri {
    return annotationUri.with({ path: defaultArticlePathForAnnotations(annotationUri.path) });
  }

  /**
   * The model of an open article, built at most once per document version. Undefined while its
   * annotation file loads (onDidChangeModel fires when it is ready) or when it has none.
   */
  getModel(document: vscode.TextDocument): ArticleModel | undefined {
    if (!ArticleModelService.isArticle(document)) return undefined;
    const key = document.uri.toString();
    const annotationUri = ArticleModelService.annotationUriFor(document.uri);
    const annotationState = this.annotationStates.get(annotationUri.toString());
    if (!annotationState) {
      void this.loadAnnotations(annotationUri);
      return undefined;
    }
    if (!annotationState.usable) return undefined;
    const cached = this.models.get(key);
    if (cached && cached.articleVersion === document.version && cached.annotationState === annotationState) return cached.model;
    // Until a model in progress is ready, the last one, if it is of this text (only annotations changed).
    const meanwhile = cached && cached.articleVersion === document.version ? cached.model : undefined;
    if (this.inProgress.get(key)?.annotationState === annotationState) return meanwhile;

    // The editor bounds the search for lost passages tightly, so that no build holds the extension host
    // long; Re-check Anchors asks for the whole bound the CLI has.
    const searchLimit = this.fullSearchFor.delete(key) ? ARTICLE_SEARCH_LIMIT : EDITOR_SEARCH_LIMIT;
    const usable = annotationState.usable;
    const version = document.version;
    const started = performance.now();
    const work =
      cached && cached.annotationState === annotationState && cached.pending?.version === version
        ? // After typing: only what the edits touched is matched and anchored again.
          updateArticleModelInSteps(cached.model, document.getText(), cached.pending.span, searchLimit)
        : buildArticleModelInSteps(parseArticle(document.getText(), key), usable.parsed, usable.matcher, searchLimit);
    try {
      const finished = advanceFor(work, SLICE_MS);
      if (finished) {
        this.buildTimes.set(finished.value, performance.now() - started);
        return this.keep(key, version, annotationState, finished.value);
      }
    } catch (error) {
      return this.keepAfterFailure(key, error);
    }
    // Too long for one go (a huge article or annotation file): finished in slices, with the extension
    // host free between them; views hear of it through onDidChangeModel.
    const progress: ModelInProgress = { articleVersion: version, annotationState, done: Promise.resolve() };
    let buildMs = performance.now() - started;
    const annotationKey = annotationUri.toString();
    // In the map before the first check of isCancelled, which finishInSlices makes at once.
    this.inProgress.set(key, progress);
    progress.done = finishInSlices(work, {
      sliceMs: SLICE_MS,
      isCancelled: () => this.inProgress.get(key) !== progress || this.annotationStates.get(annotationKey) !== annotationState || document.isClosed,
      onSlice: (ms) => (buildMs += ms),
    }).then(
      (model) => {
        this.buildTimes.set(model, buildMs);
        this.inProgress.delete(key);
        this.keep(key, version, annotationState, model, progress.pending);
        this.changeEmitter.fire(document.uri);
      },
      (error: unknown) => {
        if (this.inProgress.get(key) === progress) this.inProgress.delete(key);
        if (error instanceof WorkCancelled) return;
        this.keepAfterFailure(key, error);
        this.changeEmitter.fire(document.uri);
      },
    );
    return meanwhile;
  }

  /** The extension-host time a model took to build or update (for benchmarks). */
  buildTimeOf(model: ArticleModel): number | undefined {
    return this.buildTimes.get(model);
  }

  /** Whether a model of the article is being built in slices: until it is ready, views keep what they show. */
  isBuilding(document: vscode.TextDocument): boolean {
    return this.inProgress.has(document.uri.toString());
  }

  /**
   * For views that may show a model a few edits old while a new one is built in slices (a tree of claims,
   * a list of entities): the current model, else the last one built for this article.
   */
  latestModel(document: vscode.TextDocument): ArticleModel | undefined {
    const current = this.getModel(document);
    if (current || !this.isBuilding(document)) return current;
    return this.models.get(document.uri.toString())?.model;
  }

  /** Whether an article's annotation file parses as it is now (its model keeps the last good annotations while it does not). */
  annotationsParse(document: vscode.TextDocument): boolean {
    const state = this.annotationStates.get(ArticleModelService.annotationUriFor(document.uri).toString());
    return !state || state.usable?.raw === state.parsed;
  }

  /** Caches a model just built; the annotation file's problems replace its own when the file cannot be used as it is now. */
  private keep(key: string, articleVersion: number, annotationState: AnnotationState, model: ArticleModel, pending?: PendingEdits['pending']): ArticleModel {
    if (annotationState.usable?.raw !== annotationState.parsed) {
      // The file as it is now cannot be used: show its problems, keep the last good annotations.
      model.problems = [...model.article.problems, ...annotationState.parsed.problems];
    }
    this.models.set(key, { articleVersion, annotationState, model, pending });
    return model;
  }

  /** The core is built never to throw; should it, the last good model stays, with the error shown. */
  private keepAfterFailure(key: string, error: unknown): ArticleModel | undefined {
    console.error('Marginalia: building the article model failed', error);
    const cached = this.models.get(key);
    if (!cached) return undefined;
    const model = cached.model;
    model.problems = [...model.problems.filter((problem) => problem.code !== 'internal-error'), internalErrorProblem(key, error, 'Marginalia could not read this article as it is now; it shows the last version it could read')];
    return model;
  }

  /**
   * Keeps, for an article with a cached model, the span its edits changed since that model: text before
   * `start` and the last `suffixLength` characters are untouched. Changes in one event apply one after
   * another, as the document applies them; an event that does not follow on is left out, and the next
   * model is built from scratch.
   */
  private recordArticleEdit(event: vscode.TextDocumentChangeEvent): void {
    const key = event.document.uri.toString();
    // A model in progress will be updated with these edits once it is ready.
    const cached: PendingEdits | undefined = this.inProgress.get(key) ?? this.models.get(key);
    if (!cached) return;
    const document = event.document;
    const lastLine = document.lineAt(document.lineCount - 1);
    const lengthAfter = document.offsetAt(lastLine.range.end);
    const changes = event.contentChanges;
    const lengths: number[] = new Array(changes.length + 1);
    lengths[changes.length] = lengthAfter;
    for (let k = changes.length - 1; k >= 0; k--) lengths[k] = lengths[k + 1] - changes[k].text.length + changes[k].rangeLength;
    const previousVersion = cached.pending?.version ?? cached.articleVersion;
    if (previousVersion !== document.version - 1 || lengths[0] < 0) {
      cached.pending = undefined;
      return;
    }
    let span: ChangedSpan = cached.pending?.span ?? { start: lengths[0], suffixLength: lengths[0] };
    changes.forEach((change, k) => {
      span = {
        start: Math.min(span.start, change.rangeOffset),
        suffixLength: Math.min(span.suffixLength, lengths[k] - change.rangeOffset - change.rangeLength),
      };
    });
    cached.pending = { span, version: document.version };
  }

  /** The current article (see currentArticle) and its model, once read; undefined when there is no annotated article. */
  async currentArticleWithModel(): Promise<{ document: vscode.TextDocument; model: ArticleModel } | undefined> {
    const document = ArticleModelService.currentArticle();
    const model = document && (await this.whenModelReady(document));
    return document && model ? { document, model } : undefined;
  }

  /**
   * The editor of an article (the one named by `uri`, shown if needed, else the active one) with its
   * model; undefined after telling the user what is missing.
   */
  async articleEditorWithModel(uri?: string): Promise<{ editor: vscode.TextEditor; model: ArticleModel } | undefined> {
    let editor = vscode.window.activeTextEditor;
    if (uri && editor?.document.uri.toString() !== uri) editor = await vscode.window.showTextDocument(vscode.Uri.parse(uri));
    if (!editor || !ArticleModelService.isArticle(editor.document)) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Marginalia: open an annotated Markdown article first.'));
      return undefined;
    }
    const model = await this.whenModelReady(editor.document);
    if (!model) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Marginalia: this article has no annotation file yet.'));
      return undefined;
    }
    return { editor, model };
  }

  /** Drops the article's cached model and anchors it again from the stored selectors; views repaint. */
  async rebuildModel(document: vscode.TextDocument): Promise<ArticleModel | undefined> {
    this.models.delete(document.uri.toString());
    this.inProgress.delete(document.uri.toString());
    this.fullSearchFor.add(document.uri.toString());
    const model = await this.whenModelReady(document);
    this.changeEmitter.fire(document.uri);
    return model;
  }

  /** Parses annotation-file text with the service's parser (its schema is compiled once). */
  parseAnnotations(text: string, annotationUri: vscode.Uri): ParsedAnnotationFile {
    return this.parser.parse(text, annotationUri.toString());
  }

  /** The annotation file as last read (problems included), loading it if needed. */
  async getAnnotationFile(annotationUri: vscode.Uri): Promise<ParsedAnnotationFile | undefined> {
    return (this.annotationStates.get(annotationUri.toString()) ?? (await this.loadAnnotations(annotationUri)))?.parsed;
  }

  /** Waits until the article's annotation file has been read; resolves to its model, if any. */
  async whenModelReady(document: vscode.TextDocument): Promise<ArticleModel | undefined> {
    if (!ArticleModelService.isArticle(document)) return undefined;
    const annotationUri = ArticleModelService.annotationUriFor(document.uri);
    // A command must see the annotation file as it is now, not as it was before a read put off while typing.
    const wasPending = this.pendingReloads.cancel(annotationUri.toString());
    await this.loadAnnotations(annotationUri, wasPending);
    // A model built in slices: wait for it (and for one that a change in the meantime started).
    for (let attempt = 0; attempt < 3; attempt++) {
      const model = this.getModel(document);
      const progress = this.inProgress.get(document.uri.toString());
      if (!progress) return model;
      await progress.done;
    }
    return this.getModel(document);
  }

  private loadAnnotations(annotationUri: vscode.Uri, force = false): Promise<AnnotationState | undefined> {
    const key = annotationUri.toString();
    const inFlight = this.loading.get(key);
    if (inFlight) {
      if (force) this.rereadAfterLoad.add(key);
      return inFlight;
    }
    if (!force && this.annotationStates.has(key)) return Promise.resolve(this.annotationStates.get(key));
    const promise = this.readAnnotations(annotationUri).finally(() => {
      this.loading.delete(key);
      if (this.rereadAfterLoad.delete(key)) void this.loadAnnotations(annotationUri, true);
    });
    this.loading.set(key, promise);
    return promise;
  }

  private async readAnnotations(annotationUri: vscode.Uri): Promise<AnnotationState | undefined> {
    const key = annotationUri.toString();
    const lingering = openDocument(key);
    // A document of a file deleted on disk stands for it only once it is edited (see annotationFileDeleted).
    const document = lingering && (!this.deletedOnDisk.has(key) || lingering.isDirty) ? lingering : undefined;
    let parsed: ParsedAnnotationFile;
    // An article without an annotation file is annotated only through its folder's registry, found first.
    let registry: ParsedAnnotationFile | undefined;
    if (document) {
      let parseMs = 0;
      parsed = await finishInSlices(this.parser.parseInSteps(document.getText(), key), { sliceMs: SLICE_MS, onSlice: (ms) => (parseMs += ms) });
      this.parseTimes.set(key, parseMs);
    } else {
      let bytes: Uint8Array;
      try {
        bytes = await vscode.workspace.fs.readFile(annotationUri);
      } catch {
        // No annotation file: the article is annotated only if its folder has a registry (its entities are highlighted).
        registry = await this.registryFor(annotationUri, undefined);
        if (!registry) {
          const hadState = this.annotationStates.delete(key);
          if (hadState) this.changeEmitter.fire(ArticleModelService.articleUriFor(annotationUri));
          return undefined;
        }
        const articleName = ArticleModelService.articleUriFor(annotationUri).path.split('/').pop() ?? '';
        bytes = new TextEncoder().encode(emptyAnnotationFileText(articleName));
      }
      parsed = await finishInSlices(this.parser.parseBytesInSteps(bytes, key), { sliceMs: SLICE_MS });
    }
    const named = parsed.annotations?.registry;
    registry ??= await this.registryFor(annotationUri, named);
    if (!registry && named !== undefined) {
      const where = annotationUri.with({ path: registryCandidates(annotationUri.path, named)[0] });
      parsed = { ...parsed, problems: [...parsed.problems, registryMissingProblem(parsed, named, vscode.workspace.asRelativePath(where))] };
    }
    // Another registry this article could have read: the folder's own beside a named one, or one further up that its registry hides.
    if (registry) {
      const root = vscode.workspace.getWorkspaceFolder(annotationUri)?.uri.path;
      const used = vscode.Uri.parse(registry.fileName).path;
      let other: string | undefined;
      for (const path of otherRegistryCandidates(annotationUri.path, named, used, root)) {
        if (await this.registryAt(annotationUri.with({ path }))) {
          other = path;
          break;
        }
      }
      if (other !== undefined && named !== undefined) parsed = { ...parsed, problems: [...parsed.problems, registryBesideProblem(parsed, other.split('/').pop() ?? other)] };
      // Said once in the registry itself, which every article under it shares.
      else if (other !== undefined && !registry.problems.some((problem) => problem.code === 'registry-hides')) registry.problems.push(registryHidesProblem(registry, vscode.workspace.asRelativePath(annotationUri.with({ path: other }))));
    }
    // The matcher is built in a task of its own, not at the end of the parse's last slice.
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    const merged = parsed.annotations ? withRegistryOf(parsed, registry) : undefined;
    // A registry's thousands of aliases are compiled in slices (once per registry read; see createMatcherWithRegistry).
    const matcher = merged && (await finishInSlices(createMatcherWithRegistryInSteps(merged), { sliceMs: SLICE_MS }));
    const previous = this.annotationStates.get(key);
    const usable = merged && matcher ? { raw: parsed, parsed: merged, matcher } : previous?.usable;
    const state: AnnotationState = { parsed, usable, registry };
    this.annotationStates.set(key, state);
    this.changeEmitter.fire(ArticleModelService.articleUriFor(annotationUri));
    return state;
  }

  /**
   * The registry of shared entities for an article's annotation file (issue 14), by the core's rule
   * (registryCandidates), within its workspace folder. Read once until a registry changes.
   */
  async registryFor(annotationUri: vscode.Uri, named: string | undefined): Promise<ParsedAnnotationFile | undefined> {
    const root = vscode.workspace.getWorkspaceFolder(annotationUri)?.uri.path;
    for (const path of registryCandidates(annotationUri.path, named, root)) {
      const registry = await this.registryAt(annotationUri.with({ path }));
      if (registry) return registry;
    }
    return undefined;
  }

  /**
   * The registry at a URI, undefined where there is none. A read is reused while the file's size and
   * time stay the same: file events can be missed (files written into a folder deleted and made again a
   * moment before), and a registry that appears must not wait for a reload to be seen.
   */
  private async registryAt(uri: vscode.Uri): Promise<ParsedAnnotationFile | undefined> {
    const key = uri.toString();
    const stamp = await this.registryStamp(uri);
    const cached = this.registries.get(key);
    if (cached && cached.stamp === stamp) return cached.parsed;
    const parsed = stamp === undefined ? Promise.resolve(undefined) : this.readRegistry(uri);
    this.registries.set(key, { stamp, parsed });
    return parsed;
  }

  /** What changes when a registry does: its unsaved document's version, else its size and time on disk; undefined where there is none. */
  private async registryStamp(uri: vscode.Uri): Promise<string | undefined> {
    const open = openDocument(uri);
    if (open?.isDirty) return `unsaved ${open.version}`;
    return vscode.workspace.fs.stat(uri).then(
      (stat) => `${stat.size} ${stat.mtime}`,
      () => undefined,
    );
  }

  private async readRegistry(uri: vscode.Uri): Promise<ParsedAnnotationFile | undefined> {
    // A registry of thousands of entities is parsed in slices, as annotation files are.
    const open = openDocument(uri);
    if (open) return finishInSlices(this.parser.parseInSteps(open.getText(), uri.toString(), 'registry'), { sliceMs: SLICE_MS });
    let bytes: Uint8Array;
    try {
      bytes = await vscode.workspace.fs.readFile(uri);
    } catch {
      return undefined;
    }
    return finishInSlices(this.parser.parseBytesInSteps(bytes, uri.toString(), 'registry'), { sliceMs: SLICE_MS });
  }

  /**
   * When an article comes to the front: reads its annotations again if its registry appeared, went or
   * changed without a file event (see registryAt).
   */
  private async checkRegistry(article: vscode.TextDocument): Promise<void> {
    const annotationUri = ArticleModelService.annotationUriFor(article.uri);
    const state = this.annotationStates.get(annotationUri.toString());
    if (!state || this.loading.has(annotationUri.toString())) return;
    const registry = await this.registryFor(annotationUri, state.parsed.annotations?.registry);
    if (registry !== state.registry && this.annotationStates.get(annotationUri.toString()) === state) this.reloadAnnotations(annotationUri);
  }

  /** A registry changed, appeared or went: every annotation file is merged with its registry again. */
  registryChanged(): void {
    this.registries.clear();
    for (const key of [...this.annotationStates.keys()]) this.reloadAnnotations(vscode.Uri.parse(key));
    this.registryEmitter.fire();
  }

  /** A file or folder went: the registries and annotation files in it are read again (as missing). */
  private folderDeleted(uri: vscode.Uri): void {
    const prefix = `${uri.toString()}/`;
    if ([...this.registries.keys()].some((key) => key.startsWith(prefix))) this.registryChanged();
    for (const key of [...this.annotationStates.keys()]) if (key.startsWith(prefix)) this.reloadAnnotations(vscode.Uri.parse(key));
  }

  private reloadAnnotations(annotationUri: vscode.Uri): void {
    void this.loadAnnotations(annotationUri, true);
  }

  /**
   * Typing in an annotation file: a small file is read again at once (the highlights follow each
   * change); one that takes long to parse, once typing pauses for twice its parse time, so that a
   * huge file does not hold the extension host on every keystroke.
   */
  private annotationFileEdited(annotationUri: vscode.Uri): void {
    const key = annotationUri.toString();
    const parseMs = this.parseTimes.get(key) ?? 0;
    if (parseMs < QUICK_PARSE_MS) {
      this.pendingReloads.cancel(key);
      this.reloadAnnotations(annotationUri);
      return;
    }
    this.pendingReloads.schedule(key, 2 * parseMs, () => this.reloadAnnotations(annotationUri));
  }

  private annotationFileChangedOnDisk(annotationUri: vscode.Uri): void {
    this.deletedOnDisk.delete(annotationUri.toString());
    // An open document is the source of truth while it is open; VS Code reloads it from disk when it is not dirty.
    if (!openDocument(annotationUri)) this.reloadAnnotations(annotationUri);
  }

  /**
   * An annotation file deleted on disk: gone, unless its document holds unsaved changes. (A document
   * VS Code keeps after its editor closed still has the deleted text, and would otherwise keep the
   * article's annotations alive.)
   */
  private annotationFileDeleted(annotationUri: vscode.Uri): void {
    const key = annotationUri.toString();
    const document = openDocument(key);
    if (document?.isDirty) return;
    this.deletedOnDisk.add(key);
    this.reloadAnnotations(annotationUri);
  }

  override dispose(): void {
    this.inProgress.clear();
    super.dispose();
    this.annotationStates.clear();
    this.models.clear();
  }
}

/** Typing in a registry: its articles are merged with it again once typing pauses this long. */
const REGISTRY_EDIT_PAUSE_MS = 300;
const REGISTRY_EDIT_KEY = 'marginalia.registry';

/**
 * An annotation file with its registry's entities (see withRegistry). The registry's own problems and
 * those the file finds in it go with the file's, so that they are shown at their place in the registry.
 */
function withRegistryOf(parsed: ParsedAnnotationFile, registry: ParsedAnnotationFile | undefined): ParsedAnnotationFile {
  if (!registry) return parsed;
  const { file, registryProblems } = withRegistry(parsed, registry);
  return { ...file, problems: [...file.problems, ...registry.problems, ...registryProblems] };
}

/**
 * The longest the service holds the extension host at a time: reading, anchoring and rendering pause
 * this often (see resumableWork), so that typing, scrolling and other extensions are never held long.
 */
const SLICE_MS = 10;

/** An annotation file that parses faster than this is read again on every change. */
const QUICK_PARSE_MS = 15;
