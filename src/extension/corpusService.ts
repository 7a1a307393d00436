import * as vscode from 'vscode';
import { KeyedDebouncer, Debouncer } from './util/debounce';
import { DisposableOwner } from './util/dispose';
import { ArticleModelService } from './articleModelService';
import { CorpusIndex, indexArticle } from '../model/corpus/corpusIndex';
import { parseArticle } from '../model/article/articleParser';
import { buildArticleModelInSteps } from '../model/article/buildArticleModel';
import { EDITOR_SEARCH_LIMIT } from '../model/anchoring/passageAnchor';
import { emptyAnnotationFileText } from '../model/format/annotationTypes';
import { isAnnotationFileName, isArticleFileName, lastPathSegment } from '../model/format/articlePaths';
import { REGISTRY_FILE_NAME, registryCandidates } from '../model/format/registryLocation';
import { withRegistry } from '../model/format/withRegistry';
import type { Problem } from '../model/format/problem';
import { finishInSlices } from '../model/text/resumableWork';
import { openDocument } from './util/openDocument';

/**
 * The workspace's corpus (issue 14): every annotated article (and every article a registry covers),
 * indexed once in the background and kept current as files change. An open article is indexed from
 * the model the editor shows (unsaved edits included) once typing pauses; a closed one from disk. The
 * index is started by the first annotated article opened, or by the first feature that needs it.
 */
export class CorpusService extends DisposableOwner {
  readonly corpus = new CorpusIndex();
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  /** Fires when the index has changed, once a burst of changes is over. */
  readonly onDidChange = this.changeEmitter.event;
  private started: Promise<void> | undefined;
  /** Whether the first reading of the workspace is over. */
  private ready = false;
  /** Articles waiting to be indexed, by URI; drained one at a time. */
  private readonly queue = new Set<string>();
  private draining: Promise<void> | undefined;
  private readonly typing = this.register(new KeyedDebouncer<string>());
  private readonly announce = this.register(new Debouncer());
  private publishedProblems: (problems: Problem[]) => void = () => undefined;

  constructor(private readonly models: ArticleModelService) {
    super();
    const articles = vscode.workspace.createFileSystemWatcher('**/*.{md,markdown}');
    // A folder deleted whole is reported as the folder alone: its articles go from the index.
    const deletions = vscode.workspace.createFileSystemWatcher('**', true, true, false);
    const annotations = vscode.workspace.createFileSystemWatcher('**/*.annotations.json');
    const onDisk = (uri: vscode.Uri) => {
      if (!this.started) return;
      // An open article is the editor's: its model says when it changes.
      const article = openDocument(ArticleModelService.articleUriFor(uri));
      if (article && !article.isClosed) return;
      this.enqueue(isAnnotationFileName(uri.path) ? ArticleModelService.articleUriFor(uri) : uri);
    };
    this.registerAll(
      this.changeEmitter,
      articles,
      annotations,
      articles.onDidCreate(onDisk),
      articles.onDidChange(onDisk),
      articles.onDidDelete(onDisk),
      annotations.onDidCreate(onDisk),
      annotations.onDidChange(onDisk),
      annotations.onDidDelete(onDisk),
      deletions,
      deletions.onDidDelete((uri) => {
        const prefix = `${uri.toString()}/`;
        if (this.started) for (const article of this.corpus.all()) if (article.key.startsWith(prefix)) this.enqueue(vscode.Uri.parse(article.key));
      }),
      models.onDidChangeModel((uri) => {
        if (this.started) this.enqueue(uri);
        else {
          const document = openDocument(uri);
          if (document && models.getModel(document)) void this.whenReady();
        }
      }),
      models.onDidEditArticle((event) => {
        if (!this.started) return;
        const uri = event.document.uri;
        this.typing.schedule(uri.toString(), INDEX_AFTER_TYPING_MS, () => this.enqueue(uri));
      }),
      // Closed without saving: what is on disk is the article again.
      vscode.workspace.onDidCloseTextDocument((document) => {
        if (this.started && ArticleModelService.isArticle(document)) this.enqueue(document.uri);
      }),
      // A registry that appears may cover articles that have no annotation file: look for articles again.
      models.onDidChangeRegistry(() => {
        if (this.started) void this.discover();
      }),
    );
  }

  /** Where the corpus's problems (references between articles) are shown. */
  showProblemsWith(publish: (problems: Problem[]) => void): void {
    this.publishedProblems = publish;
  }

  /** Starts the index on first use; resolves once every article found has been read. */
  whenReady(): Promise<void> {
    return (this.started ??= this.discover().then(() => {
      this.ready = true;
    }));
  }

  /** Resolves once the index has been read and no change waits to be indexed (for tests and benchmarks). */
  async whenIdle(): Promise<void> {
    await this.whenReady();
    while (this.draining) await this.draining;
  }

  /** The index once the workspace has been read, for features that must not wait (hover cards); starts it otherwise. */
  ifReady(): CorpusIndex | undefined {
    if (!this.started) void this.whenReady();
    return this.ready ? this.corpus : undefined;
  }

  /** Finds every article of the workspace that has an annotation file or a registry above it, and indexes each. */
  private async discover(): Promise<void> {
    const exclude = '**/node_modules/**';
    const [markdown, annotationFiles, registries] = await Promise.all([
      vscode.workspace.findFiles('**/*.{md,markdown}', exclude),
      vscode.workspace.findFiles('**/*.annotations.json', exclude),
      vscode.workspace.findFiles(`**/${REGISTRY_FILE_NAME}`, exclude),
    ]);
    const annotated = new Set(annotationFiles.map((uri) => uri.toString()));
    const registryPaths = new Set(registries.map((uri) => uri.toString()));
    const found = new Set<string>();
    for (const uri of markdown) {
      if (!isArticleFileName(uri.path)) continue;
      const annotationUri = ArticleModelService.annotationUriFor(uri);
      const root = vscode.workspace.getWorkspaceFolder(uri)?.uri.path;
      const covered = annotated.has(annotationUri.toString()) || registryCandidates(annotationUri.path, undefined, root).some((path) => registryPaths.has(annotationUri.with({ path }).toString()));
      if (covered) found.add(uri.toString());
    }
    // Articles indexed before that are no longer found (deleted, or their registry went).
    for (const article of this.corpus.all()) if (!found.has(article.key)) this.enqueue(vscode.Uri.parse(article.key));
    for (const key of [...found].sort()) this.enqueue(vscode.Uri.parse(key));
    await this.drained();
  }

  private enqueue(articleUri: vscode.Uri): void {
    this.queue.add(articleUri.toString());
    this.draining ??= this.drain();
  }

  private drained(): Promise<void> {
    return this.draining ?? Promise.resolve();
  }

  private async drain(): Promise<void> {
    try {
      for (let key = this.queue.values().next().value; key !== undefined; key = this.queue.values().next().value) {
        this.queue.delete(key);
        try {
          await this.index(vscode.Uri.parse(key));
        } catch (error) {
          console.error(`Marginalia: indexing ${key} failed`, error);
        }
      }
    } finally {
      this.draining = undefined;
    }
    this.publishedProblems(this.corpus.problems());
    this.announce.schedule(ANNOUNCE_MS, () => this.changeEmitter.fire());
  }

  /** Reads one article into the index, or takes it out when it is no longer an annotated article. */
  private async index(articleUri: vscode.Uri): Promise<void> {
    const key = articleUri.toString();
    const annotationUri = ArticleModelService.annotationUriFor(articleUri);
    const where = { key, path: articleUri.path, annotationKey: annotationUri.toString(), annotationPath: annotationUri.path };
    const open = openDocument(key);
    if (open && !open.isClosed && ArticleModelService.isArticle(open)) {
      const model = await this.models.whenModelReady(open);
      if (model) this.corpus.set(indexArticle(model, where, this.corpus.intern));
      else this.corpus.delete(key);
      return;
    }
    let articleBytes: Uint8Array;
    try {
      articleBytes = await vscode.workspace.fs.readFile(articleUri);
    } catch {
      this.corpus.delete(key);
      return;
    }
    let annotationBytes: Uint8Array;
    let registry = undefined;
    try {
      annotationBytes = await vscode.workspace.fs.readFile(annotationUri);
    } catch {
      registry = await this.models.registryFor(annotationUri, undefined);
      if (!registry) {
        this.corpus.delete(key);
        return;
      }
      annotationBytes = new TextEncoder().encode(emptyAnnotationFileText(lastPathSegment(articleUri.path)));
    }
    const parsed = await finishInSlices(this.models.parser.parseBytesInSteps(annotationBytes, where.annotationKey), { sliceMs: SLICE_MS });
    // A file that does not parse: the index keeps what it last read of the article.
    if (!parsed.annotations) return;
    registry ??= await this.models.registryFor(annotationUri, parsed.annotations.registry);
    const file = registry ? withRegistry(parsed, registry).file : parsed;
    const text = new TextDecoder('utf-8').decode(articleBytes);
    const model = await finishInSlices(buildArticleModelInSteps(parseArticle(text, key), file, undefined, EDITOR_SEARCH_LIMIT), { sliceMs: SLICE_MS });
    this.corpus.set(indexArticle(model, where, this.corpus.intern));
  }
}

/** An open article is indexed again once typing pauses this long. */
const INDEX_AFTER_TYPING_MS = 500;
/** Views and cards hear of index changes at most this often. */
const ANNOUNCE_MS = 100;
/** The longest the index holds the extension host at a time. */
const SLICE_MS = 10;
