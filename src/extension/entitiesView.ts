import * as vscode from 'vscode';
import { DisposableOwner } from './util/dispose';
import type { EntityKind, EntityRecord } from '../model/format/annotationTypes';
import type { ArticleModel, EntityMention } from '../model/article/articleModel';
import type { HoverCommandArgs } from '../model/output/hoverCards';
import { ArticleModelService } from './articleModelService';
import type { CommandManager } from './commandManager';
import { entityUnderCursor } from './navigationCommands';

/**
 * A row of the view: a kind, an entity, or one of its mentions. An entity row carries the entity's id, as
 * hover cards' links do, so that the commands of its context menu take it as their argument.
 */
type EntitiesNode = { kind: EntityKind } | { entityId: string; entity: EntityRecord } | { mentionOf: string; mention: EntityMention; index: number };

/** The "Entities" view: the active article's actors and systems with mention counts, each expanding to its mentions. */
export class EntitiesView extends DisposableOwner implements vscode.TreeDataProvider<EntitiesNode> {
  private readonly changeEmitter = new vscode.EventEmitter<EntitiesNode | undefined>();
  private readonly entityNodes = new Map<string, { entityId: string; entity: EntityRecord }>();
  private readonly kindNodes = new Map<EntityKind, { kind: EntityKind }>();
  private shownModel: ArticleModel | undefined;
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private readonly view: vscode.TreeView<EntitiesNode>;

  constructor(
    private readonly models: ArticleModelService,
    commands: CommandManager,
  ) {
    super();
    this.view = this.register(vscode.window.createTreeView('marginalia.entities', { treeDataProvider: this, showCollapseAll: true }));
    this.registerAll(
      this.changeEmitter,
      models.onDidChangeCurrentArticle(() => this.refresh()),
    );
    commands.add({ id: 'marginalia.revealEntity', execute: (args?: HoverCommandArgs) => this.revealEntity(args) });
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

  private refresh(): void {
    const model = this.activeModel();
    if (model && model === this.shownModel) return;
    this.shownModel = model;
    this.entityNodes.clear();
    this.kindNodes.clear();
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

  getChildren(node?: EntitiesNode): EntitiesNode[] {
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
    if ('entity' in node) return this.kindNode(node.entity.kind);
    return this.entityNodes.get(node.mentionOf);
  }

  getTreeItem(node: EntitiesNode): vscode.TreeItem {
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
      item.contextValue = 'marginalia.entity';
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
}
