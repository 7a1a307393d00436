import * as vscode from 'vscode';
import { entityDefinitionRange } from '../model/article/annotationLocations';
import type { ArticleModel } from '../model/article/articleModel';
import { claimantName } from '../model/article/modelQueries';
import { mentionAt } from '../model/article/modelQueries';
import type { HoverCommandArgs } from '../model/output/hoverCards';
import { ArticleModelService } from './articleModelService';
import type { Command } from './commandManager';
import { rangeOfLocations, rangeOfOffsets } from './vscodeRanges';
import { ARTICLE_SELECTOR } from './documentSelectors';
import type { CorpusService } from './corpusService';
import { locationIn, mentionsIn, type CorpusIndex, type IndexedArticle } from '../model/corpus/corpusIndex';

/** The entity a command is about: its card's, else the one mentioned under the cursor. */
export function entityUnderCursor(editor: vscode.TextEditor, model: ArticleModel, args?: HoverCommandArgs): { entityId: string | undefined; offset: number } {
  const offset = args?.offset ?? editor.document.offsetAt(editor.selection.active);
  const entityId = args?.entityId ?? mentionAt(model, offset)?.entityId;
  return { entityId, offset };
}

/** Moving through an article like through code: mentions, definitions, claims, a quick pick of everything. */
export function navigationCommands(models: ArticleModelService, corpus: CorpusService): Command[] {
  const withModel = (args?: HoverCommandArgs) => models.articleEditorWithModel(args?.uri);
  const entityUnder = entityUnderCursor;

  const select = (editor: vscode.TextEditor, start: number, end: number) => {
    const range = rangeOfOffsets(editor.document, start, end);
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  };

  const stepMention = async (direction: 1 | -1, args?: HoverCommandArgs) => {
    const context = await withModel(args);
    if (!context) return;
    const { editor, model } = context;
    const { entityId, offset } = entityUnder(editor, model, args);
    if (!entityId) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Marginalia: put the cursor on a highlighted mention first.'));
      return;
    }
    const mentions = model.mentionsByEntity.get(entityId) ?? [];
    if (mentions.length === 0) return;
    const current = mentions.findIndex((m) => m.start <= offset && offset <= m.end);
    let index: number;
    if (current !== -1) index = (current + direction + mentions.length) % mentions.length;
    else if (direction === 1) index = Math.max(0, mentions.findIndex((m) => m.start > offset));
    else index = mentions.map((m) => m.end < offset).lastIndexOf(true);
    if (index === -1) index = mentions.length - 1;
    select(editor, mentions[index].start, mentions[index].end);
    vscode.window.setStatusBarMessage(vscode.l10n.t('{0}: mention {1} of {2}', model.entityById.get(entityId)?.name ?? entityId, index + 1, mentions.length), 3000);
  };

  return [
    { id: 'marginalia.nextMention', execute: (args?: HoverCommandArgs) => stepMention(1, args) },
    { id: 'marginalia.previousMention', execute: (args?: HoverCommandArgs) => stepMention(-1, args) },
    { id: 'marginalia.showMentions', execute: async (args?: HoverCommandArgs) => {
      const context = await withModel(args);
      if (!context) return;
      const { editor, model } = context;
      const { entityId, offset } = entityUnder(editor, model, args);
      if (!entityId) return;
      const locations = (model.mentionsByEntity.get(entityId) ?? []).map(
        (m) => new vscode.Location(editor.document.uri, rangeOfOffsets(editor.document, m.start, m.end)),
      );
      await corpus.whenReady();
      locations.push(...mentionsElsewhere(corpus.corpus, entityId, editor.document.uri.toString()));
      await vscode.commands.executeCommand('editor.action.showReferences', editor.document.uri, editor.document.positionAt(offset), locations);
    } },
    { id: 'marginalia.openEntityDefinition', execute: async (args?: HoverCommandArgs) => {
      const context = await withModel(args);
      if (!context) return;
      const { entityId } = entityUnder(context.editor, context.model, args);
      const range = entityId ? entityDefinitionRange(context.model, entityId) : undefined;
      if (!range) return;
      await vscode.window.showTextDocument(vscode.Uri.parse(range.file), {
        selection: rangeOfLocations(range),
        viewColumn: vscode.ViewColumn.Beside,
      });
    } },
    { id: 'marginalia.revealClaim', execute: async (args?: HoverCommandArgs) => {
      const context = await withModel(args);
      const claim = context?.model.claims.find((c) => c.record.id === args?.claimId);
      if (!context || !claim) return;
      if (claim.anchor.status === 'orphan') {
        void vscode.window.showWarningMessage(vscode.l10n.t('Marginalia: the passage of "{0}" is no longer in the article.', claim.record.summary));
        return;
      }
      select(context.editor, claim.anchor.start, claim.anchor.end);
    } },
    { id: 'marginalia.revealOffset', execute: async (uri: string, start: number, end: number) => {
      const editor = await vscode.window.showTextDocument(vscode.Uri.parse(uri), { preserveFocus: false });
      select(editor, start, end);
    } },
    { id: 'marginalia.goTo', execute: async () => {
      const context = await withModel();
      if (!context) return;
      const { editor, model } = context;
      type Item = vscode.QuickPickItem & { start?: number; end?: number };
      const items: Item[] = [
        { label: vscode.l10n.t('Entities'), kind: vscode.QuickPickItemKind.Separator },
        ...model.entities.map((entity) => {
          const first = model.mentionsByEntity.get(entity.id)?.[0];
          const count = model.mentionsByEntity.get(entity.id)?.length ?? 0;
          return { label: `$(${entity.kind === 'actor' ? 'person' : 'database'}) ${entity.name}`, description: `${entity.type} · ${count} mention${count === 1 ? '' : 's'}`, detail: entity.summary, start: first?.start, end: first?.end };
        }),
        { label: vscode.l10n.t('Claims'), kind: vscode.QuickPickItemKind.Separator },
        ...model.claims.map((claim) => ({
          label: `$(comment-discussion) ${claim.record.summary}`,
          description: claimantName(model, claim.record.claimant),
          start: claim.anchor.start,
          end: claim.anchor.end,
        })),
      ];
      const picked = await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('Go to an entity or a claim'), matchOnDescription: true, matchOnDetail: true });
      if (picked?.start !== undefined && picked.end !== undefined) select(editor, picked.start, picked.end);
    } },
  ];
}

/**
 * Find All References / Peek on a mention, in this article and every other of the corpus; Go to
 * Definition to its entry in the annotation file or registry; workspace symbols (Ctrl+T) for the
 * entities and claims of every article.
 */
export function registerNavigationProviders(models: ArticleModelService, corpus: CorpusService): vscode.Disposable {
  const selector = ARTICLE_SELECTOR;
  return vscode.Disposable.from(
    vscode.languages.registerReferenceProvider(selector, {
      async provideReferences(document, position, _context, token) {
        const model = models.getModel(document);
        const mention = model && mentionAt(model, document.offsetAt(position));
        if (!model || !mention) return undefined;
        const here = (model.mentionsByEntity.get(mention.entityId) ?? []).map((m) => new vscode.Location(document.uri, rangeOfOffsets(document, m.start, m.end)));
        await corpus.whenReady();
        if (token.isCancellationRequested) return here;
        return [...here, ...mentionsElsewhere(corpus.corpus, mention.entityId, document.uri.toString())];
      },
    }),
    vscode.languages.registerDefinitionProvider(selector, {
      provideDefinition(document, position) {
        const model = models.getModel(document);
        const mention = model && mentionAt(model, document.offsetAt(position));
        const range = model && mention ? entityDefinitionRange(model, mention.entityId) : undefined;
        if (!range) return undefined;
        return new vscode.Location(vscode.Uri.parse(range.file), rangeOfLocations(range));
      },
    }),
    vscode.languages.registerWorkspaceSymbolProvider({
      async provideWorkspaceSymbols(query, token) {
        await corpus.whenReady();
        if (token.isCancellationRequested) return [];
        return workspaceSymbols(corpus.corpus, query);
      },
    }),
  );
}

/** The mentions of an entity in the corpus's articles other than `exceptKey`, by article. */
export function mentionsElsewhere(corpus: CorpusIndex, entityId: string, exceptKey: string): vscode.Location[] {
  return corpus.mentionsOf(entityId).flatMap(({ article, ranges }) => {
    if (article.key === exceptKey) return [];
    const uri = vscode.Uri.parse(article.key);
    const locations: vscode.Location[] = [];
    for (let k = 0; k < ranges.length; k += 2) locations.push(new vscode.Location(uri, rangeOfIndexed(article, ranges[k], ranges[k + 1])));
    return locations;
  });
}

/**
 * The corpus's entities (one symbol per article that mentions it, at its first mention there) and
 * claims (at their passage) whose name or summary has the query's characters in order, as VS Code's
 * own symbol search matches; the most a quick pick can usefully show.
 */
function workspaceSymbols(corpus: CorpusIndex, query: string): vscode.SymbolInformation[] {
  const wanted = query.toLowerCase().replace(/\s+/g, '');
  const matches = (text: string) => {
    let at = 0;
    const lower = text.toLowerCase();
    for (const char of wanted) {
      at = lower.indexOf(char, at) + 1;
      if (at === 0) return false;
    }
    return true;
  };
  const symbols: vscode.SymbolInformation[] = [];
  for (const { entity, mentions } of corpus.entities()) {
    if (!matches(entity.name)) continue;
    for (const { article } of mentions) {
      const ranges = mentionsIn(article, entity.id)!;
      const kind = entity.kind === 'actor' ? vscode.SymbolKind.Class : vscode.SymbolKind.Interface;
      symbols.push(new vscode.SymbolInformation(entity.name, kind, article.title, new vscode.Location(vscode.Uri.parse(article.key), rangeOfIndexed(article, ranges[0], ranges[1]))));
      if (symbols.length >= MAX_SYMBOLS) return symbols;
    }
  }
  for (const article of corpus.all()) {
    for (const claim of article.claims) {
      if (claim.start === undefined || claim.end === undefined || !matches(claim.summary)) continue;
      symbols.push(new vscode.SymbolInformation(claim.summary, vscode.SymbolKind.Event, article.title, new vscode.Location(vscode.Uri.parse(article.key), rangeOfIndexed(article, claim.start, claim.end))));
      if (symbols.length >= MAX_SYMBOLS) return symbols;
    }
  }
  return symbols;
}

const MAX_SYMBOLS = 2000;

function rangeOfIndexed(article: IndexedArticle, start: number, end: number): vscode.Range {
  const from = locationIn(article, start);
  const to = locationIn(article, end);
  return new vscode.Range(from.line, from.column, to.line, to.column);
}
