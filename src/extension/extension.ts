import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import type { ArticleModel } from '../model/article/articleModel';
import { markdownItMentions } from '../model/output/markdownItMentions';
import { AnchorMaintenance } from './anchorMaintenance';
import { AnnotatingContext } from './annotatingContext';
import { annotationCommands } from './annotationCommands';
import { AnnotationCodeLensProvider } from './annotationCodeLensProvider';
import { annotationFileCommands } from './annotationFileCommands';
import { AnnotationFileWriter } from './annotationFileWriter';
import { ArticleHoverProvider } from './articleHoverProvider';
import { ArticleModelService } from './articleModelService';
import { claimCommands } from './claimCommands';
import { ClaimsView } from './claimsView';
import { CorpusService } from './corpusService';
import { CommandManager } from './commandManager';
import { EntitiesView } from './entitiesView';
import { entityCommands, EntityRenameProvider } from './entityCommands';
import { registryCommands } from './registryCommands';
import { MentionDecorator } from './mentionDecorator';
import { navigationCommands, registerNavigationProviders } from './navigationCommands';
import { ProblemDiagnostics } from './problemDiagnostics';
import { Prompter } from './prompter';
import { SharingCommands } from './sharingCommands';
import { TestObservations } from './testApi';
import { UndoOffer } from './undoOffer';
import { Debouncer } from './util/debounce';
import { ARTICLE_SELECTOR } from './documentSelectors';
import { SuggestionService } from './suggestionService';
import { SuggestionDecorator, SuggestionsView } from './suggestionsView';
import { SuggestionCodeActions, suggestionCommands } from './suggestionCommands';

/** What Marginalia offers other extensions (see the README's "API" section). */
export interface MarginaliaApi {
  /** The model of an open article, once its annotation file has been read; undefined if it has none. */
  modelFor(document: vscode.TextDocument): Promise<ArticleModel | undefined>;
  /** Adds Marginalia's highlights to a markdown-it instance (VS Code's Markdown preview calls it: contributes."markdown.markdownItPlugins"). */
  extendMarkdownIt(md: Parameters<typeof markdownItMentions>[0]): Parameters<typeof markdownItMentions>[0];
}

/** When the bundle began to load: its first line, written by build.mjs (undefined when not bundled). */
declare const MARGINALIA_LOAD_STARTED: number | undefined;

export function activate(context: vscode.ExtensionContext): MarginaliaApi {
  const activationStarted = performance.now();
  // The core's messages (problems, hover cards, refusals) in the user's language, from the same bundle.
  if (vscode.l10n.bundle) l10n.config({ contents: vscode.l10n.bundle });
  const subscriptions = context.subscriptions;
  // Only when VS Code runs the extension for its tests: see testApi.ts.
  const observations = context.extensionMode === vscode.ExtensionMode.Test ? new TestObservations() : undefined;
  const tell = (message: string) => {
    observations?.refused(message);
    void vscode.window.showErrorMessage(message);
  };
  const models = new ArticleModelService();
  const commands = new CommandManager();
  const prompter = observations?.prompter ?? new Prompter();
  const writer = new AnnotationFileWriter(models, tell);
  const undoOffer = new UndoOffer(writer, tell);
  const decorator = new MentionDecorator(models);
  const diagnostics = new ProblemDiagnostics(models);
  const corpus = new CorpusService(models);
  const annotating = new AnnotatingContext(models, prompter, writer, tell, () => corpus.ifReady()?.all().flatMap((article) => article.entities.map((entity) => entity.id)) ?? []);
  corpus.showProblemsWith((problems) => diagnostics.publishCorpusProblems(problems));
  const claimsView = new ClaimsView(models, commands, corpus);
  const sharing = new SharingCommands(models, prompter, commands, corpus);
  const entitiesView = new EntitiesView(models, commands, corpus);
  const suggestions = new SuggestionService(models, corpus);
  const suggestionsView = new SuggestionsView(suggestions);
  const suggestionDecorator = new SuggestionDecorator(suggestions);
  subscriptions.push(
    suggestions,
    suggestionsView,
    suggestionDecorator,
    vscode.languages.registerHoverProvider(ARTICLE_SELECTOR, suggestionDecorator),
    vscode.languages.registerCodeActionsProvider(ARTICLE_SELECTOR, new SuggestionCodeActions(suggestions), { providedCodeActionKinds: SuggestionCodeActions.kinds }),
    models,
    commands,
    writer,
    undoOffer,
    decorator,
    diagnostics,
    corpus,
    claimsView,
    sharing,
    entitiesView,
    new AnchorMaintenance(models, writer, commands),
    vscode.languages.registerHoverProvider(ARTICLE_SELECTOR, new ArticleHoverProvider(models, corpus)),
    vscode.languages.registerRenameProvider(ARTICLE_SELECTOR, new EntityRenameProvider(annotating)),
    registerNavigationProviders(models, corpus),
    new AnnotationCodeLensProvider(models).register(),
    refreshPreviewOnModelChange(models),
  );
  commands.add(
    ...entityCommands(annotating),
    ...registryCommands(annotating, corpus),
    ...claimCommands(annotating),
    ...annotationCommands(annotating),
    undoOffer.command,
    ...navigationCommands(models, corpus),
    ...annotationFileCommands(),
    ...suggestionCommands(suggestions, writer, tell),
  );

  const api: MarginaliaApi = {
    modelFor: (document) => models.whenModelReady(document),
    extendMarkdownIt: (md) => {
      markdownItMentions(md, (source, env) => previewModel(models, source, env));
      return md;
    },
  };
  decorator.repaintAll();
  void diagnostics.scanWorkspace();
  if (!observations) return api;
  const loadStarted = typeof MARGINALIA_LOAD_STARTED === 'number' ? MARGINALIA_LOAD_STARTED : undefined;
  const activation = { loadMs: loadStarted === undefined ? undefined : activationStarted - loadStarted, activateMs: performance.now() - activationStarted };
  return observations.api(api, { decorator, claimsView, entitiesView, corpus, sharing, suggestions, suggestionsView, suggestionDecorator, activation }, subscriptions);
}

/** The preview renders before an annotation file has loaded: refresh it once the model is there. */
function refreshPreviewOnModelChange(models: ArticleModelService): vscode.Disposable {
  const refresh = new Debouncer();
  const refreshPreview = () => void vscode.commands.executeCommand('markdown.preview.refresh').then(undefined, () => undefined);
  return vscode.Disposable.from(models.onDidChangeModel(() => refresh.schedule(200, refreshPreview)), refresh);
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
