import * as vscode from 'vscode';
import { DisposableOwner } from './util/dispose';
import type { EntityKind, EntityRecord } from '../model/format/annotationTypes';
import type { ArticleModel, EntityMention } from '../model/article/articleModel';
import { mentionCount, type HoverCommandArgs } from '../model/output/hoverCards';
import { ArticleModelService } from './articleModelService';
import type { CommandManager } from './commandManager';
import { entityUnderCursor } from './navigationCommands';
import type { CorpusService } from './corpusService';
import { locationIn, mentionsIn, type IndexedArticle, type IndexedEntity } from '../model/corpus/corpusIndex';

/**
 * A row of the view: a kind, an entity, or one of its mentions. An entity row carries the entity's id, as
 * hover cards' links do, so that the commands of its context menu take it as their argument.
 */
type EntitiesNode =
  | { kind: EntityKind }
  | { entityId: string; entity: EntityRecord }
  | { mentionOf: string; mention: EntityMention; index: number }
  /** With all articles in scope (issue 14): an entity of the corpus, an article that mentions it, a mention there. */
  | { entityId: string; corpusEntity: IndexedEntity; articles: Array<{ article: IndexedArticle; count: number }> }
  | { entityId: string; article: IndexedArticle; ranges: Int32Array; parent: EntitiesNode }
  | { entityId: string; article: IndexedArticle; start: number; end: number; parent: EntitiesNode };

/**
 * The "Entities" view: the active article's actors and systems with mention counts, each expanding to
 * its mentions; or, with all articles in scope, the corpus's, each expanding to the articles that
 * mention it and their mentions.
 */
export class EntitiesView extends DisposableOwner implements vscode.TreeDataProvider<EntitiesNode> {
  private readonly changeEmitter = new vscode.EventEmitter<EntitiesNode | undefined>();
  private readonly entityNodes = new Map<string, { entityId: string; entity: EntityRecord }>();
  private readonly kindNodes = new Map<EntityKind, { kind: EntityKind }>();
  private shownModel: ArticleModel | undefined;
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private readonly view: vscode.TreeView<EntitiesNode>;
  private allArticles = false;
  private readonly corpusNodes = new Map<string, EntitiesNode>();

  constructor(
    private readonly models: ArticleModelService,
    commands: CommandManager,
    private readonly corpus: CorpusService,
  ) {
    super();
    this.view = this.register(vscode.window.createTreeView('marginalia.entities', { treeDataProvider: this, showCollapseAll: true }));
    this.registerAll(
      this.changeEmitter,
      models.onDidChangeCurrentArticle(() => this.refresh()),
      corpus.onDidChange(() => {
        if (this.allArticles) this.refresh(true);
      }),
    );
    commands.add(
      { id: 'marginalia.revealEntity', execute: (args?: HoverCommandArgs) => this.revealEntity(args) },
      { id: 'marginalia.showEntitiesOfAllArticles', execute: () => this.setScope(true) },
      { id: 'marginalia.showEntitiesOfThisArticle', execute: () => this.setScope(false) },
    );
  }

  private async setScope(allArticles: boolean): Promise<void> {
    this.allArticles = allArticles;
    void vscode.commands.executeCommand('setContext', 'marginalia.entitiesOfAllArticles', allArticles);
    this.view.description = allArticles ? vscode.l10n.t('all articles') : undefined;
    if (allArticles) await this.corpus.whenReady();
    this.refresh(true);
  }

  /** Shows an entity (a card's, or the one under the cursor) in the view. */
  private async revealEntity(args?: HoverCommandArgs): Promise<void> {
    const found = await this.models.articleEditorWithModel(args?.uri);
    if (!found) return;
    const entityId = entityUnderCursor(found.editor, found.model, args).entityId;
    const node = entityId ? this.nodeOf(entityId) : undefined;
    if (node) await this.view.reveal(node, { select: true, focus: true, expand: true });
  }

  private activeModel(): ArticleModel | undefined {
    const document = ArticleModelService.currentArticle();
    return document ? this.models.latestModel(document) : undefined;
  }

  private refresh(force = false): void {
    const model = this.activeModel();
    if (!force && model && model === this.shownModel) return;
    this.shownModel = model;
    this.entityNodes.clear();
    this.kindNodes.clear();
    this.corpusNodes.clear();
    this.changeEmitter.fire(undefined);
  }

  /** The tree node of an entity, for TreeView.reveal. */
  private nodeOf(entityId: string): EntitiesNode | undefined {
    this.getChildren();
    const entity = this.activeModel()?.entityById.get(entityId);
    if (!entity) return undefined;
    this.getChildren(this.kindNode(entity.kind));
    return this.entityNodes.get(entityId);
  }

  private kindNode(kind: EntityKind): { kind: EntityKind } {
    let node = this.kindNodes.get(kind);
    if (!node) {
      node = { kind };
      this.kindNodes.set(kind, node);
    }
    return node;
  }

  /** The corpus's rows: kinds, entities with the articles that mention them, and their mentions. */
  private corpusChildren(node?: EntitiesNode): EntitiesNode[] {
    const entities = this.corpus.ifReady()?.entities() ?? [];
    if (!node) return (['actor', 'system'] as const).filter((kind) => entities.some(({ entity }) => entity.kind === kind)).map((kind) => this.kindNode(kind));
    if ('kind' in node) {
      return entities
        .filter(({ entity }) => entity.kind === node.kind)
        .map(({ entity, mentions }) => this.corpusNode(`entity:${entity.id}`, () => ({ entityId: entity.id, corpusEntity: entity, articles: mentions })));
    }
    if ('corpusEntity' in node) {
      return node.articles.map(({ article }) => this.corpusNode(`article:${node.entityId}:${article.key}`, () => ({ entityId: node.entityId, article, ranges: mentionsIn(article, node.entityId)!, parent: node })));
    }
    if ('ranges' in node) {
      const rows: EntitiesNode[] = [];
      for (let k = 0; k < node.ranges.length; k += 2) rows.push({ entityId: node.entityId, article: node.article, start: node.ranges[k], end: node.ranges[k + 1], parent: node });
      return rows;
    }
    return [];
  }

  private corpusNode(key: string, make: () => EntitiesNode): EntitiesNode {
    let node = this.corpusNodes.get(key);
    if (!node) this.corpusNodes.set(key, (node = make()));
    return node;
  }

  getChildren(node?: EntitiesNode): EntitiesNode[] {
    if (this.allArticles) return this.corpusChildren(node);
    const model = this.activeModel();
    if (!model) return [];
    this.shownModel = model;
    if (!node) return (['actor', 'system'] as const).filter((kind) => model.entities.some((e) => e.kind === kind)).map((kind) => this.kindNode(kind));
    if ('kind' in node) {
      return model.entities
        .filter((entity) => entity.kind === node.kind)
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((entity) => {
          let entityNode = this.entityNodes.get(entity.id);
          if (!entityNode || entityNode.entity !== entity) {
            entityNode = { entityId: entity.id, entity };
            this.entityNodes.set(entity.id, entityNode);
          }
          return entityNode;
        });
    }
    if ('entity' in node) return (model.mentionsByEntity.get(node.entity.id) ?? []).map((mention, index) => ({ mentionOf: node.entity.id, mention, index }));
    return [];
  }

  getParent(node: EntitiesNode): EntitiesNode | undefined {
    if ('kind' in node) return undefined;
    if ('parent' in node) return node.parent;
    if ('corpusEntity' in node) return this.kindNode(node.corpusEntity.kind);
    if ('entity' in node) return this.kindNode(node.entity.kind);
    return this.entityNodes.get(node.mentionOf);
  }

  getTreeItem(node: EntitiesNode): vscode.TreeItem {
    if ('corpusEntity' in node || 'article' in node) return this.corpusTreeItem(node);
    const model = this.activeModel();
    if ('kind' in node) {
      const item = new vscode.TreeItem(node.kind === 'actor' ? vscode.l10n.t('Actors') : vscode.l10n.t('Systems'), vscode.TreeItemCollapsibleState.Expanded);
      item.iconPath = new vscode.ThemeIcon(node.kind === 'actor' ? 'organization' : 'server');
      item.id = `kind:${node.kind}`;
      return item;
    }
    if ('entity' in node) {
      const { entity } = node;
      const count = model?.mentionsByEntity.get(entity.id)?.length ?? 0;
      const item = new vscode.TreeItem(entity.name, count > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
      item.id = `entity:${entity.id}`;
      item.description = `${entity.type} · ${count} mention${count === 1 ? '' : 's'}`;
      item.tooltip = new vscode.MarkdownString().appendMarkdown('**').appendText(entity.name).appendMarkdown('**').appendText(` · ${entity.kind} · ${entity.type}\n\n${entity.summary ?? ''}`);
      item.iconPath = new vscode.ThemeIcon(entity.kind === 'actor' ? 'person' : 'database', new vscode.ThemeColor(`marginalia.${entity.kind}MentionOverviewRuler`));
      // A registry's entity is edited in the registry; it cannot be moved there or deleted from one article.
      item.contextValue = model && model.annotationFile.sharedEntityIds?.has(entity.id) ? 'marginalia.sharedEntity' : 'marginalia.entity';
      return item;
    }
    // A mention: its line, trimmed around the name.
    const text = model?.article.source.text ?? '';
    const location = model?.article.source.lineIndex.locationAt(node.mention.start) ?? { line: 0, column: 0 };
    const line = model?.article.source.lineIndex.lineText(location.line) ?? '';
    const from = Math.max(0, location.column - 30);
    const length = node.mention.end - node.mention.start;
    const preview = `${from > 0 ? '…' : ''}${line.slice(from, location.column + length + 40).trimEnd()}…`;
    const highlightStart = location.column - from + (from > 0 ? 1 : 0);
    const item = new vscode.TreeItem({ label: preview, highlights: [[highlightStart, highlightStart + length]] });
    item.id = `mention:${node.mentionOf}:${node.mention.start}`;
    item.description = `line ${location.line + 1}`;
    item.tooltip = text.slice(node.mention.start, node.mention.end);
    item.iconPath = new vscode.ThemeIcon('symbol-reference');
    item.command = {
      command: 'marginalia.revealOffset',
      title: vscode.l10n.t('Go to the mention'),
      arguments: [model?.article.fileName, node.mention.start, node.mention.end],
    };
    return item;
  }

  private corpusTreeItem(node: EntitiesNode): vscode.TreeItem {
    if ('corpusEntity' in node) {
      const entity = node.corpusEntity;
      const mentions = node.articles.reduce((sum, { count }) => sum + count, 0);
      const item = new vscode.TreeItem(entity.name, node.articles.length > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
      item.id = `corpus-entity:${entity.id}`;
      item.description = `${entity.type} · ${node.articles.length === 1 ? vscode.l10n.t('{0} in 1 article', mentionCount(mentions)) : vscode.l10n.t('{0} in {1} articles', mentionCount(mentions), node.articles.length)}`;
      item.tooltip = new vscode.MarkdownString().appendMarkdown('**').appendText(entity.name).appendMarkdown('**').appendText(` · ${entity.kind} · ${entity.type}\n\n${entity.summary ?? ''}`);
      item.iconPath = new vscode.ThemeIcon(entity.kind === 'actor' ? 'person' : 'database', new vscode.ThemeColor(`marginalia.${entity.kind}MentionOverviewRuler`));
      return item;
    }
    if ('ranges' in node) {
      const item = new vscode.TreeItem(node.article.title, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `corpus-article:${node.entityId}:${node.article.key}`;
      item.description = mentionCount(node.ranges.length / 2);
      item.tooltip = node.article.key;
      item.iconPath = new vscode.ThemeIcon('file-text');
      return item;
    }
    const mention = node as { entityId: string; article: IndexedArticle; start: number; end: number };
    const at = locationIn(mention.article, mention.start);
    const item = new vscode.TreeItem(vscode.l10n.t('Line {0}, column {1}', at.line + 1, at.column + 1));
    item.id = `corpus-mention:${mention.entityId}:${mention.article.key}:${mention.start}`;
    item.iconPath = new vscode.ThemeIcon('symbol-reference');
    item.command = { command: 'marginalia.revealOffset', title: vscode.l10n.t('Go to the mention'), arguments: [mention.article.key, mention.start, mention.end] };
    return item;
  }
}
