import * as vscode from 'vscode';
import type { EntityKind, EntityRecord } from '../model/annotationTypes';
import type { ArticleModel } from '../model/articleModel';
import { ArticleModelService } from './articleModelService';

type EntitiesNode = { kind: EntityKind } | { entity: EntityRecord };

/** The "Entities" view: the active article's actors and systems, each with its mention count. */
export class EntitiesTreeProvider implements vscode.TreeDataProvider<EntitiesNode>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<EntitiesNode | undefined>();
  private readonly disposables: vscode.Disposable[] = [];
  readonly onDidChangeTreeData = this.changeEmitter.event;

  constructor(private readonly models: ArticleModelService) {
    this.disposables.push(
      this.changeEmitter,
      vscode.window.onDidChangeActiveTextEditor(() => this.changeEmitter.fire(undefined)),
      models.onDidChangeModel(() => this.changeEmitter.fire(undefined)),
    );
  }

  private activeModel(): ArticleModel | undefined {
    const document = vscode.window.activeTextEditor?.document;
    return document && ArticleModelService.isArticle(document) ? this.models.getModel(document) : undefined;
  }

  getChildren(node?: EntitiesNode): EntitiesNode[] {
    const model = this.activeModel();
    if (!model) return [];
    if (!node) return (['actor', 'system'] as const).filter((kind) => model.entities.some((e) => e.kind === kind)).map((kind) => ({ kind }));
    if ('kind' in node) {
      return model.entities
        .filter((entity) => entity.kind === node.kind)
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((entity) => ({ entity }));
    }
    return [];
  }

  getTreeItem(node: EntitiesNode): vscode.TreeItem {
    if ('kind' in node) {
      const item = new vscode.TreeItem(node.kind === 'actor' ? 'Actors' : 'Systems', vscode.TreeItemCollapsibleState.Expanded);
      item.iconPath = new vscode.ThemeIcon(node.kind === 'actor' ? 'organization' : 'server');
      item.id = `kind:${node.kind}`;
      return item;
    }
    const { entity } = node;
    const count = this.activeModel()?.mentionsByEntity.get(entity.id)?.length ?? 0;
    const item = new vscode.TreeItem(entity.name, vscode.TreeItemCollapsibleState.None);
    item.id = `entity:${entity.id}`;
    item.description = `${entity.type} · ${count} mention${count === 1 ? '' : 's'}`;
    item.tooltip = new vscode.MarkdownString().appendText(`${entity.name} (${entity.kind}, ${entity.type})\n\n${entity.summary ?? ''}`);
    item.iconPath = new vscode.ThemeIcon(entity.kind === 'actor' ? 'person' : 'database', new vscode.ThemeColor(`marginalia.${entity.kind}MentionOverviewRuler`));
    item.contextValue = 'marginalia.entity';
    return item;
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
