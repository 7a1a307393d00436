import * as vscode from 'vscode';
import { Debouncer } from './util/debounce';
import { DisposableOwner } from './util/dispose';
import type { ArticleModel } from '../model/article/articleModel';
import { claimantName } from '../model/article/modelQueries';
import { buildClaimTree, type ClaimNode, type ClaimTree } from '../model/article/claimTree';
import { claimsAt } from '../model/article/modelQueries';
import { ArticleModelService } from './articleModelService';
import type { CommandManager } from './commandManager';
import type { CorpusService } from './corpusService';
import type { ArticleClaim, IndexedClaim } from '../model/corpus/corpusIndex';

/**
 * A row of the view. A claim row carries its article's URI and the claim's id, as hover cards' links
 * do, so that the commands of its context menu take it as their argument.
 */
type ClaimsItem =
  | { type: 'claim'; uri: string; claimId: string; node: ClaimNode; parent?: ClaimsItem }
  | { type: 'group'; id: string; label: string; children: ClaimNode[]; icon: string }
  /** A claim of another article (issue 14): one this article's claims answer (with them under it), or one that answers a claim of this article. */
  | { type: 'remote'; uri: string; claimId: string; remote: ArticleClaim; children: ClaimNode[]; parent?: ClaimsItem };

const STANCE_ICONS: Record<string, [string, string]> = {
  disputes: ['close', 'charts.red'],
  supports: ['check', 'charts.green'],
  qualifies: ['question', 'charts.yellow'],
};

/**
 * The "Claims" view: top-level claims in article order, each counterclaim or support nested under the
 * claim it answers, orphaned claims in a group of their own. Follows the cursor; can group by claimant
 * and filter by an entity.
 */
export class ClaimsView extends DisposableOwner implements vscode.TreeDataProvider<ClaimsItem> {
  private readonly changeEmitter = new vscode.EventEmitter<ClaimsItem | undefined>();
  private readonly items = new Map<string, ClaimsItem>();
  private tree: { model: ArticleModel; claims: ClaimTree } | undefined;
  private groupByClaimant = false;
  private annotatedArticleShown = false;
  private entityFilter: string | undefined;
  readonly view: vscode.TreeView<ClaimsItem>;
  private readonly following = this.register(new Debouncer());
  readonly onDidChangeTreeData = this.changeEmitter.event;

  constructor(
    private readonly models: ArticleModelService,
    commands: CommandManager,
    private readonly corpus: CorpusService,
  ) {
    super();
    this.view = this.register(vscode.window.createTreeView('marginalia.claims', { treeDataProvider: this, showCollapseAll: true }));
    this.registerAll(
      this.changeEmitter,
      models.onDidChangeCurrentArticle(() => this.refresh()),
      corpus.onDidChange(() => this.refresh(true)),
      vscode.window.onDidChangeTextEditorSelection((event) => this.followCursor(event.textEditor)),
    );
    commands.add(
      { id: 'marginalia.groupClaimsByClaimant', execute: () => this.toggleGroupByClaimant() },
      { id: 'marginalia.ungroupClaims', execute: () => this.toggleGroupByClaimant() },
      { id: 'marginalia.filterClaimsByEntity', execute: () => this.chooseEntityFilter() },
      { id: 'marginalia.clearClaimsFilter', execute: () => this.clearEntityFilter() },
    );
  }

  private toggleGroupByClaimant(): void {
    this.groupByClaimant = !this.groupByClaimant;
    void vscode.commands.executeCommand('setContext', 'marginalia.claimsGroupedByClaimant', this.groupByClaimant);
    this.refresh(true);
  }

  private async chooseEntityFilter(): Promise<void> {
    const model = this.currentModel();
    if (!model) return;
    const picked = await vscode.window.showQuickPick(
      [{ label: vscode.l10n.t('All claims'), id: undefined as string | undefined }, ...model.entities.map((entity) => ({ label: entity.name, description: `${entity.kind} · ${entity.type}`, id: entity.id as string | undefined }))],
      { placeHolder: vscode.l10n.t('Show the claims made by or about an entity') },
    );
    if (!picked) return;
    this.entityFilter = picked.id;
    void vscode.commands.executeCommand('setContext', 'marginalia.claimsFiltered', picked.id !== undefined);
    this.refresh(true);
  }

  private clearEntityFilter(): void {
    this.entityFilter = undefined;
    void vscode.commands.executeCommand('setContext', 'marginalia.claimsFiltered', false);
    this.refresh(true);
  }

  private currentModel(): ArticleModel | undefined {
    const document = ArticleModelService.currentArticle();
    return document ? this.models.latestModel(document) : undefined;
  }

  private refresh(force = false): void {
    const model = this.currentModel();
    if (!force && model && this.tree?.model === model) return;
    this.tree = model ? { model, claims: buildClaimTree(model) } : undefined;
    // The view's welcome text differs for an annotated article with no claims yet.
    if (this.annotatedArticleShown !== Boolean(model)) {
      this.annotatedArticleShown = Boolean(model);
      void vscode.commands.executeCommand('setContext', 'marginalia.annotatedArticleShown', this.annotatedArticleShown);
    }
    this.items.clear();
    this.updateDescription();
    this.changeEmitter.fire(undefined);
  }

  private updateDescription(): void {
    const name = this.entityFilter && this.tree?.model.entityById.get(this.entityFilter)?.name;
    this.view.description = name ? `by or about ${name}` : undefined;
  }

  private matchesFilter(node: ClaimNode): boolean {
    if (!this.entityFilter) return true;
    const { record } = node.claim;
    return record.claimant === this.entityFilter || (record.about ?? []).includes(this.entityFilter) || node.answers.some((answer) => this.matchesFilter(answer));
  }

  /** A claim of another article, as a row. */
  private remoteItem(remote: ArticleClaim, children: ClaimNode[], parent?: ClaimsItem): ClaimsItem {
    const key = `remote:${remote.article.key}#${remote.claim.id}:${parent ? 'answer' : 'answered'}`;
    const existing = this.items.get(key);
    if (existing) return existing;
    const item: ClaimsItem = { type: 'remote', uri: remote.article.key, claimId: remote.claim.id, remote, children, parent };
    this.items.set(key, item);
    return item;
  }

  /** The corpus's entry for this article and the claims of other articles that answer one of its claims. */
  private answersFromElsewhere(claimId: string): ArticleClaim[] {
    const corpus = this.corpus.ifReady();
    return corpus ? corpus.answersFromElsewhere(this.tree!.model.article.fileName, claimId).filter(({ claim }) => this.matchesIndexedFilter(claim)) : [];
  }

  private matchesIndexedFilter(claim: IndexedClaim): boolean {
    return !this.entityFilter || claim.claimant === this.entityFilter || claim.about.includes(this.entityFilter);
  }

  /**
   * The top-level claims that answer a claim of another article, under a row for that claim (the
   * corpus says which); the others as they are.
   */
  private rootsUnderRemoteClaims(roots: ClaimNode[]): ClaimsItem[] {
    const corpus = this.corpus.ifReady();
    const article = corpus?.get(this.tree!.model.article.fileName);
    const top: ClaimsItem[] = [];
    const remotes = new Map<string, { remote: ArticleClaim; children: ClaimNode[] }>();
    for (const node of roots) {
      const indexed = article?.claims.find((claim) => claim.id === node.claim.record.id);
      const remote = article && indexed?.answers?.article !== undefined ? corpus!.answered(article, indexed) : undefined;
      if (!remote) {
        top.push(this.claimItem(node));
        continue;
      }
      const key = `${remote.article.key}#${remote.claim.id}`;
      const entry = remotes.get(key);
      if (entry) {
        entry.children.push(node);
        continue;
      }
      const children = [node];
      remotes.set(key, { remote, children });
      top.push(this.remoteItem(remote, children));
    }
    return top;
  }

  private claimItem(node: ClaimNode, parent?: ClaimsItem): ClaimsItem {
    const key = `claim:${node.claim.record.id}`;
    const existing = this.items.get(key);
    if (existing) return existing;
    const item: ClaimsItem = { type: 'claim', uri: this.tree!.model.article.fileName, claimId: node.claim.record.id, node, parent };
    this.items.set(key, item);
    return item;
  }

  getChildren(item?: ClaimsItem): ClaimsItem[] {
    if (!this.tree) return [];
    const { model, claims } = this.tree;
    if (!item) {
      const roots = claims.roots.filter((node) => this.matchesFilter(node));
      const top: ClaimsItem[] = [];
      if (this.groupByClaimant) {
        const byClaimant = new Map<string, ClaimNode[]>();
        for (const node of roots) {
          const key = node.claim.record.claimant ?? '';
          const group = byClaimant.get(key);
          if (group) group.push(node);
          else byClaimant.set(key, [node]);
        }
        for (const [claimant, nodes] of byClaimant) {
          const label = claimant ? claimantName(model, claimant) : vscode.l10n.t('Unattributed');
          top.push({ type: 'group', id: `claimant:${claimant}`, label, children: nodes, icon: claimant ? 'person' : 'globe' });
        }
      } else {
        top.push(...this.rootsUnderRemoteClaims(roots));
      }
      const orphans = claims.orphans.filter((node) => this.matchesFilter(node));
      if (orphans.length > 0) top.push({ type: 'group', id: 'orphaned', label: vscode.l10n.t('Orphaned'), children: orphans, icon: 'warning' });
      return top;
    }
    if (item.type === 'group' || item.type === 'remote') return item.children.map((node) => this.claimItem(node, item));
    return [
      ...item.node.answers.filter((node) => this.matchesFilter(node)).map((node) => this.claimItem(node, item)),
      ...this.answersFromElsewhere(item.claimId).map((remote) => this.remoteItem(remote, [], item)),
    ];
  }

  getParent(item: ClaimsItem): ClaimsItem | undefined {
    return item.type === 'group' ? undefined : item.parent;
  }

  getTreeItem(item: ClaimsItem): vscode.TreeItem {
    if (item.type === 'group') {
      const treeItem = new vscode.TreeItem(item.label, vscode.TreeItemCollapsibleState.Expanded);
      treeItem.id = `group:${item.id}`;
      treeItem.iconPath = new vscode.ThemeIcon(item.icon);
      treeItem.description = `${item.children.length}`;
      return treeItem;
    }
    if (item.type === 'remote') return this.remoteTreeItem(item.remote, item.children.length > 0);
    const model = this.tree!.model;
    const { record, anchor } = item.node.claim;
    const claimant = claimantName(model, record.claimant);
    const hasChildren = item.node.answers.length > 0 || this.answersFromElsewhere(record.id).length > 0;
    const treeItem = new vscode.TreeItem(record.summary, hasChildren ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
    treeItem.id = `claim:${record.id}`;
    treeItem.description = record.stance ? `${claimant} · ${record.stance}` : claimant;
    const [icon, colour] = record.stance ? STANCE_ICONS[record.stance] : ['comment-discussion', 'foreground'];
    treeItem.iconPath = anchor.status === 'orphan' ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')) : new vscode.ThemeIcon(icon, new vscode.ThemeColor(colour));
    const tooltip = new vscode.MarkdownString();
    tooltip.appendMarkdown('**').appendText(claimant).appendMarkdown('**');
    if (record.stance) tooltip.appendMarkdown(` · *${record.stance}*`);
    tooltip.appendMarkdown('\n\n> ').appendText(record.passage.exact);
    if (anchor.status === 'orphan') tooltip.appendMarkdown('\n\n$(warning) ').appendText(vscode.l10n.t('This passage is no longer in the article.'));
    if (anchor.status === 'fuzzy') tooltip.appendMarkdown('\n\n$(search-fuzzy) ').appendText(vscode.l10n.t('Found approximately (score {0}): the passage was edited since.', anchor.score.toFixed(2)));
    tooltip.supportThemeIcons = true;
    treeItem.tooltip = tooltip;
    treeItem.contextValue = anchor.status === 'orphan' ? 'marginalia.orphanedClaim' : 'marginalia.claim';
    treeItem.command = { command: 'marginalia.revealClaim', title: vscode.l10n.t('Show the passage'), arguments: [{ uri: model.article.fileName, claimId: record.id }] };
    return treeItem;
  }

  /** A claim of another article: its summary, who makes it, and the article's title; it opens that article at the claim. */
  private remoteTreeItem({ article, claim }: ArticleClaim, hasChildren: boolean): vscode.TreeItem {
    const treeItem = new vscode.TreeItem(claim.summary, hasChildren ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
    treeItem.id = `remote:${article.key}#${claim.id}:${hasChildren ? 'answered' : 'answer'}`;
    const claimant = claim.claimant === null ? vscode.l10n.t('Unattributed') : this.corpus.corpus.entity(claim.claimant)?.name ?? claim.claimant;
    treeItem.description = [claimant, ...(claim.stance && !hasChildren ? [claim.stance] : []), article.title].join(' · ');
    treeItem.iconPath = new vscode.ThemeIcon('link-external');
    const tooltip = new vscode.MarkdownString();
    tooltip.appendMarkdown('**').appendText(claimant).appendMarkdown('** · ').appendText(vscode.l10n.t('in {0}', article.title));
    tooltip.appendMarkdown('\n\n').appendText(claim.summary);
    treeItem.tooltip = tooltip;
    treeItem.contextValue = 'marginalia.remoteClaim';
    treeItem.command = { command: 'marginalia.revealClaim', title: vscode.l10n.t('Show the passage'), arguments: [{ uri: article.key, claimId: claim.id }] };
    return treeItem;
  }

  /** Reveals the claim under the cursor, once the cursor rests. */
  private followCursor(editor: vscode.TextEditor): void {
    this.following.cancel();
    if (!this.view.visible || !ArticleModelService.isArticle(editor.document)) return;
    this.following.schedule(150, () => {
      const model = this.tree?.model;
      if (!model || model.article.fileName !== editor.document.uri.toString()) return;
      const [claim] = claimsAt(model, editor.document.offsetAt(editor.selection.active));
      if (!claim) return;
      // Build the item chain from the root down, so getParent answers for each.
      const chain: ClaimNode[] = [];
      for (let node = this.tree!.claims.byId.get(claim.record.id); node; node = node.claim.record.answers ? this.tree!.claims.byId.get(node.claim.record.answers) : undefined) {
        chain.unshift(node);
        if (chain.length > 1000) break;
      }
      // The roots' rows (and the rows of claims of other articles they answer) are made first.
      const roots = this.getChildren();
      let item: ClaimsItem | undefined = roots.find((root) => root.type === 'remote' && root.children.includes(chain[0]));
      for (const node of chain) item = this.claimItem(node, item);
      if (item) void this.view.reveal(item, { select: true, focus: false, expand: false }).then(undefined, () => undefined);
    });
  }
}
