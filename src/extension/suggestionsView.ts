import * as vscode from 'vscode';
import { SUGGESTION_KINDS, type SourceSpan, type Suggestion, type SuggestionKind } from '../model/suggestions/suggestion';
import { SUGGESTION_CARD_COMMANDS, suggestionGroupLabel, suggestionHoverMarkdown, suggestionRow } from '../model/suggestions/suggestionCards';
import { ArticleModelService } from './articleModelService';
import { setting } from './config';
import type { ArticleSuggestions, SuggestionService } from './suggestionService';
import { DisposableOwner } from './util/dispose';
import { rangeOfOffsets } from './vscodeRanges';

/** A row of the Suggestions view: a kind's group, or one suggestion (with its article, as command links pass them). */
export type SuggestionsItem = { type: 'group'; kind: SuggestionKind; count: number } | { type: 'suggestion'; uri: string; key: string; suggestion: Suggestion };

/** Where a suggestion is in the article: its occurrences, its passage. */
export function spansOf(suggestion: Suggestion): readonly SourceSpan[] {
  return suggestion.kind === 'claim' ? [suggestion.passage] : suggestion.kind === 'exclusion' ? [suggestion.occurrence] : suggestion.occurrences;
}

/** The name of an entity of the article the suggestions are for, or its id. */
export function entityNameIn(entry: ArticleSuggestions | undefined): (id: string) => string {
  return (id) => entry?.model.entityById.get(id)?.name ?? id;
}

const KIND_ICONS: Record<SuggestionKind, string> = { entity: 'symbol-class', alias: 'tag', exclusion: 'circle-slash', claim: 'comment-discussion' };

/**
 * The "Suggestions" view (issue 15): the current article's suggestions grouped by kind, with counts,
 * each row going to where it is; accept or reject a row or a group from its inline buttons. What the
 * view says when there are none (off, not annotated yet, not English) is in its welcome content.
 */
export class SuggestionsView extends DisposableOwner implements vscode.TreeDataProvider<SuggestionsItem> {
  private readonly changeEmitter = this.register(new vscode.EventEmitter<SuggestionsItem | undefined>());
  readonly onDidChangeTreeData = this.changeEmitter.event;
  readonly view: vscode.TreeView<SuggestionsItem>;

  constructor(private readonly suggestions: SuggestionService) {
    super();
    this.view = this.register(vscode.window.createTreeView('marginalia.suggestions', { treeDataProvider: this }));
    this.registerAll(suggestions.onDidChange(() => this.refresh()));
    this.refresh();
  }

  private refresh(): void {
    const entry = this.suggestions.last();
    const count = entry?.result.suggestions.length ?? 0;
    this.view.badge = count > 0 ? { value: count, tooltip: vscode.l10n.t('{0} suggestions', count) } : undefined;
    this.view.message = entry?.result.notLookedFor;
    void vscode.commands.executeCommand('setContext', 'marginalia.suggestionsState', this.state(entry));
    this.changeEmitter.fire(undefined);
  }

  /** What the view's welcome content says: see contributes.viewsWelcome. */
  private state(entry: ArticleSuggestions | undefined): string {
    if (!setting('suggestions.enabled')) return 'off';
    const document = ArticleModelService.currentArticle();
    if (!document) return 'noArticle';
    if (!entry || entry.document !== document) return this.suggestions.hasModelFor(document) ? 'waiting' : 'unannotated';
    return entry.result.suggestions.length > 0 ? 'shown' : 'none';
  }

  getChildren(item?: SuggestionsItem): SuggestionsItem[] {
    const entry = this.suggestions.last();
    if (!entry) return [];
    const uri = entry.document.uri.toString();
    if (!item) {
      return SUGGESTION_KINDS.map((kind) => ({ type: 'group' as const, kind, count: entry.result.suggestions.filter((s) => s.kind === kind).length })).filter((group) => group.count > 0);
    }
    if (item.type !== 'group') return [];
    return entry.result.suggestions.filter((suggestion) => suggestion.kind === item.kind).map((suggestion) => ({ type: 'suggestion' as const, uri, key: suggestion.key, suggestion }));
  }

  getTreeItem(item: SuggestionsItem): vscode.TreeItem {
    if (item.type === 'group') {
      const group = new vscode.TreeItem(suggestionGroupLabel(item.kind, item.count), vscode.TreeItemCollapsibleState.Expanded);
      group.id = `group:${item.kind}`;
      group.contextValue = 'marginalia.suggestionGroup';
      group.iconPath = new vscode.ThemeIcon(KIND_ICONS[item.kind]);
      return group;
    }
    const { suggestion } = item;
    const row = suggestionRow(suggestion, entityNameIn(this.suggestions.last()));
    const treeItem = new vscode.TreeItem(row.label, vscode.TreeItemCollapsibleState.None);
    treeItem.id = `${item.uri}#${item.key}`;
    treeItem.description = row.description;
    treeItem.tooltip = suggestion.why;
    // Read out as what it is, not as why it is suggested.
    treeItem.accessibilityInformation = { label: `${row.label}, ${row.description}` };
    treeItem.contextValue = 'marginalia.suggestion';
    treeItem.iconPath = new vscode.ThemeIcon(KIND_ICONS[suggestion.kind], new vscode.ThemeColor('marginalia.suggestionBorder'));
    const first = spansOf(suggestion)[0];
    treeItem.command = { command: 'marginalia.revealOffset', title: vscode.l10n.t('Go to the suggestion'), arguments: [item.uri, first.start, first.end] };
    return treeItem;
  }
}

/**
 * Draws the current article's suggestions faintly (a dotted box round a name, a dotted line under a
 * claim's passage, in theme colours of their own), apart from annotations' highlights; and gives them
 * hover cards with links to accept or reject.
 */
export class SuggestionDecorator extends DisposableOwner implements vscode.HoverProvider {
  private readonly names = this.register(
    vscode.window.createTextEditorDecorationType({ outlineColor: new vscode.ThemeColor('marginalia.suggestionBorder'), outlineStyle: 'dotted', outlineWidth: '1px' }),
  );
  private readonly exclusions = this.register(
    vscode.window.createTextEditorDecorationType({ outlineColor: new vscode.ThemeColor('marginalia.exclusionSuggestionBorder'), outlineStyle: 'dotted', outlineWidth: '1px' }),
  );
  private readonly claims = this.register(
    vscode.window.createTextEditorDecorationType({ borderColor: new vscode.ThemeColor('marginalia.claimSuggestionBorder'), borderStyle: 'dotted', borderWidth: '0 0 1px 0' }),
  );
  /** What the last paint drew in each editor, by kind of decoration (for tests). */
  private readonly painted = new WeakMap<vscode.TextEditor, { names: vscode.Range[]; exclusions: vscode.Range[]; claims: vscode.Range[] }>();

  constructor(private readonly suggestions: SuggestionService) {
    super();
    this.registerAll(
      suggestions.onDidChange(() => this.paintAll()),
      vscode.window.onDidChangeVisibleTextEditors(() => this.paintAll()),
    );
  }

  paintedIn(editor: vscode.TextEditor): { names: vscode.Range[]; exclusions: vscode.Range[]; claims: vscode.Range[] } | undefined {
    return this.painted.get(editor);
  }

  private paintAll(): void {
    const entry = this.suggestions.last();
    for (const editor of vscode.window.visibleTextEditors) {
      if (!ArticleModelService.isArticle(editor.document)) continue;
      const mine = entry && entry.document === editor.document && entry.version === editor.document.version ? entry : undefined;
      const ranges = { names: [] as vscode.Range[], exclusions: [] as vscode.Range[], claims: [] as vscode.Range[] };
      for (const suggestion of mine?.result.suggestions ?? []) {
        const list = suggestion.kind === 'claim' ? ranges.claims : suggestion.kind === 'exclusion' ? ranges.exclusions : ranges.names;
        for (const span of spansOf(suggestion)) list.push(rangeOfOffsets(editor.document, span.start, span.end));
      }
      editor.setDecorations(this.names, ranges.names);
      editor.setDecorations(this.exclusions, ranges.exclusions);
      editor.setDecorations(this.claims, ranges.claims);
      this.painted.set(editor, ranges);
    }
  }

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const entry = this.suggestions.current(document);
    if (!entry) return undefined;
    const offset = document.offsetAt(position);
    const here = entry.result.suggestions.filter((suggestion) => spansOf(suggestion).some((span) => span.start <= offset && offset < span.end));
    if (here.length === 0) return undefined;
    const cards = here.map((suggestion) => {
      const card = new vscode.MarkdownString(suggestionHoverMarkdown(suggestion, document.uri.toString(), entityNameIn(entry)), true);
      card.isTrusted = { enabledCommands: [...SUGGESTION_CARD_COMMANDS] };
      card.supportHtml = false;
      return card;
    });
    const span = spansOf(here[0]).find((s) => s.start <= offset && offset < s.end)!;
    return new vscode.Hover(cards, rangeOfOffsets(document, span.start, span.end));
  }
}
