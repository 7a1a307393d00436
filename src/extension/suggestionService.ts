import * as vscode from 'vscode';
import type { ArticleModel } from '../model/article/articleModel';
import { buildArticleModel } from '../model/article/buildArticleModel';
import { parseArticle } from '../model/article/articleParser';
import { emptyAnnotationFileText } from '../model/format/annotationTypes';
import { suggestionsFor, unparsedAnnotationsResult, type SuggestionResult } from '../model/suggestions/articleSuggestions';
import { loadPhraseTagger, type PhraseTagger } from '../model/suggestions/phraseTagger';
import type { Suggestion } from '../model/suggestions/suggestion';
import { entitiesKnownElsewhere, type KnownEntity } from '../model/suggestions/entitiesKnownElsewhere';
import { ArticleModelService } from './articleModelService';
import { onDidChangeSettings, setting } from './config';
import { Debouncer } from './util/debounce';
import { DisposableOwner } from './util/dispose';
import type { CorpusService } from './corpusService';

/** After the article stops changing (the model's own typing pause included), suggestions wait this long more: they are never on the typing path. */
const SUGGESTION_PAUSE_MS = 400;

/** Above this many characters, an article's suggestions are for the part on screen and around it (see the README's limits). */
export const WHOLE_ARTICLE_SUGGESTIONS = 200_000;
const AROUND_VISIBLE_CHARS = 20_000;

/** The suggestions of one version of an article. */
export interface ArticleSuggestions {
  document: vscode.TextDocument;
  /** The document's version they were made for: once it changes, they wait for the next run. */
  version: number;
  model: ArticleModel;
  result: SuggestionResult;
  /** Made for part of the article only (a long one): the source offsets looked at. */
  part?: { from: number; to: number };
}

/**
 * The suggestions (issue 15) for the article on screen: made once its model is ready and the text has
 * paused, for the whole article or, in a long one, the part on screen; made again when the text, the
 * annotation file or the part on screen changes; dropped when the article changes before they are
 * ready. An article with no annotation file gets them only when asked (Suggest Annotations): every
 * Markdown file is an article to VS Code, and a README should not be underlined unasked.
 */
export class SuggestionService extends DisposableOwner {
  private readonly changeEmitter = this.register(new vscode.EventEmitter<void>());
  /** Fires when the current article's suggestions change (or stop being offered). */
  readonly onDidChange = this.changeEmitter.event;
  private readonly pause = this.register(new Debouncer());
  private tagger: Promise<PhraseTagger> | undefined;
  private latest: ArticleSuggestions | undefined;
  /** Articles with no annotation file whose suggestions were asked for, by URI. */
  private readonly asked = new Set<string>();
  /** The blank model of an article with no annotation file, once per version. */
  private blank: { key: string; version: number; model: ArticleModel } | undefined;
  private runs = 0;

  constructor(
    private readonly models: ArticleModelService,
    private readonly corpus: CorpusService,
  ) {
    super();
    this.registerAll(
      models.onDidChangeCurrentArticle(() => this.schedule()),
      onDidChangeSettings(['suggestions.enabled'], () => this.schedule(0)),
      // What other articles define types the suggested names (see knownElsewhere).
      corpus.onDidChange(() => this.schedule()),
      vscode.window.onDidChangeTextEditorVisibleRanges((event) => {
        if (event.textEditor.document === this.latest?.document && this.latest.part) this.schedule();
      }),
    );
    this.schedule(0);
  }

  /** The current article's suggestions, if they are for its current text and annotations. */
  current(document = ArticleModelService.currentArticle()): ArticleSuggestions | undefined {
    const latest = this.latest;
    if (!latest || !document || latest.document !== document || latest.version !== document.version) return undefined;
    return latest.model === (this.models.getModel(document) ?? this.blankModel(document)) ? latest : undefined;
  }

  /** The last suggestions made, even if the article changed since (a view keeps showing them meanwhile). */
  last(): ArticleSuggestions | undefined {
    return this.latest;
  }

  /** Whether an article is one suggestions are made for: annotated, or asked for (else the view offers Suggest Annotations). */
  hasModelFor(document: vscode.TextDocument): boolean {
    return this.asked.has(document.uri.toString()) || this.models.getModel(document) !== undefined;
  }

  /** Stops showing suggestions just accepted or rejected, until they are made again from the changed file. */
  forget(keys: readonly string[]): void {
    if (!this.latest) return;
    const gone = new Set(keys);
    this.latest = { ...this.latest, result: { ...this.latest.result, suggestions: this.latest.result.suggestions.filter((suggestion) => !gone.has(suggestion.key)) } };
    this.changeEmitter.fire();
  }

  /** Suggestions by key, among the current ones. */
  find(keys: readonly string[]): Suggestion[] {
    const wanted = new Set(keys);
    return this.current()?.result.suggestions.filter((suggestion) => wanted.has(suggestion.key)) ?? [];
  }

  /** Offers suggestions for an article with no annotation file yet (Suggest Annotations). */
  ask(document: vscode.TextDocument): void {
    this.asked.add(document.uri.toString());
    this.schedule(0);
  }

  /** Makes them again now (after an acceptance or a rejection, the model tells us anyway). */
  refresh(): void {
    this.schedule(0);
  }

  /** Resolves once the suggestions of the current article are made for its current text (for tests). */
  async whenCurrent(): Promise<ArticleSuggestions | undefined> {
    for (let waited = 0; waited < 200; waited++) {
      const document = ArticleModelService.currentArticle();
      const current = this.current(document);
      if (current || !document || !setting('suggestions.enabled') || !this.hasModelFor(document)) return current;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return undefined;
  }

  private schedule(delayMs = SUGGESTION_PAUSE_MS): void {
    this.pause.schedule(delayMs, () => void this.run());
  }

  private async run(): Promise<void> {
    const run = ++this.runs;
    const document = ArticleModelService.currentArticle();
    if (!document || !setting('suggestions.enabled')) {
      this.publish(undefined);
      return;
    }
    const model = this.models.getModel(document) ?? this.blankModel(document);
    // Loading: the model service says when it is ready, and this runs again.
    if (!model) {
      if (this.latest && this.latest.document !== document) this.publish(undefined);
      return;
    }
    this.tagger ??= loadPhraseTagger();
    const tagger = await this.tagger;
    // The article changed, or another run began, while the tagger loaded: that run makes them.
    if (run !== this.runs || ArticleModelService.currentArticle() !== document || (this.models.getModel(document) ?? this.blankModel(document)) !== model) return;
    // While the annotation file does not parse, its article keeps the last good annotations; nothing is offered then, since nothing could be written.
    if (!this.models.annotationsParse(document)) {
      this.publish({ document, version: document.version, model, result: unparsedAnnotationsResult() });
      return;
    }
    const part = model.article.source.text.length > WHOLE_ARTICLE_SUGGESTIONS ? this.visiblePart(document) : undefined;
    const result = suggestionsFor(model, { tagger, ...part, knownElsewhere: this.knownElsewhere(document) });
    this.publish({ document, version: document.version, model, result, part });
  }

  private publish(suggestions: ArticleSuggestions | undefined): void {
    if (!suggestions && !this.latest) return;
    this.latest = suggestions;
    this.changeEmitter.fire();
  }

  /** An article with no annotation file that the user asked suggestions for: a model with nothing annotated. */
  private blankModel(document: vscode.TextDocument): ArticleModel | undefined {
    const key = document.uri.toString();
    if (!this.asked.has(key)) return undefined;
    if (this.blank?.key === key && this.blank.version === document.version) return this.blank.model;
    const annotationUri = ArticleModelService.annotationUriFor(document.uri);
    const name = document.uri.path.split('/').pop() ?? '';
    const model = buildArticleModel(parseArticle(document.getText(), key), this.models.parseAnnotations(emptyAnnotationFileText(name), annotationUri));
    this.blank = { key, version: document.version, model };
    return model;
  }

  /** The entities the other articles of the corpus and their registries define, once the corpus is read (suggestions never wait for it). */
  private knownElsewhere(document: vscode.TextDocument): KnownEntity[] {
    const index = this.corpus.ifReady();
    return index ? entitiesKnownElsewhere(index, document.uri.toString()) : [];
  }

  /** The part of a long article on screen in its editors, and some around it. */
  private visiblePart(document: vscode.TextDocument): { from: number; to: number } | undefined {
    const ranges = vscode.window.visibleTextEditors.filter((editor) => editor.document === document).flatMap((editor) => editor.visibleRanges);
    if (ranges.length === 0) return undefined;
    const from = Math.min(...ranges.map((range) => document.offsetAt(range.start)));
    const to = Math.max(...ranges.map((range) => document.offsetAt(range.end)));
    return { from: Math.max(0, from - AROUND_VISIBLE_CHARS), to: to + AROUND_VISIBLE_CHARS };
  }
}
