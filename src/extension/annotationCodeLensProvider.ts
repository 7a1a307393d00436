import * as vscode from 'vscode';
import { ArticleModelService } from './articleModelService';

/**
 * From the annotation file to the article: above each entity entry, its mention count (opening them
 * in the references view); above each claim, a link to its passage (or a warning that it is lost).
 */
export class AnnotationCodeLensProvider implements vscode.CodeLensProvider {
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changeEmitter.event;

  constructor(private readonly models: ArticleModelService) {}

  register(): vscode.Disposable {
    return vscode.Disposable.from(
      this.changeEmitter,
      this.models.onDidChangeModel(() => this.changeEmitter.fire()),
      vscode.languages.registerCodeLensProvider({ pattern: '**/*.annotations.json' }, this),
    );
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    const articleUri = ArticleModelService.articleUriFor(document.uri);
    let article: vscode.TextDocument;
    try {
      article = await vscode.workspace.openTextDocument(articleUri);
    } catch {
      return [];
    }
    const model = await this.models.whenModelReady(article);
    const root = model?.annotationFile.root;
    // Positions come from the parse the model was built on; skip while the open file differs from it.
    if (!model || !root || model.annotationFile.text !== document.getText()) return [];
    const lenses: vscode.CodeLens[] = [];
    const entryRange = (offset: number) => {
      const start = document.positionAt(offset);
      return new vscode.Range(start, start);
    };
    const collection = (name: string) => root.children?.find((property) => property.children?.[0]?.value === name)?.children?.[1]?.children ?? [];
    const idOf = (entry: (typeof root)) => entry.children?.find((property) => property.children?.[0]?.value === 'id')?.children?.[1]?.value as unknown;
    for (const entry of collection('entities')) {
      const id = idOf(entry);
      if (typeof id !== 'string' || !model.entityById.has(id)) continue;
      const mentions = model.mentionsByEntity.get(id) ?? [];
      const first = mentions[0];
      lenses.push(
        new vscode.CodeLens(entryRange(entry.offset), {
          title: `$(references) ${mentions.length} mention${mentions.length === 1 ? '' : 's'}`,
          tooltip: 'Show every mention in the article',
          command: first ? 'marginalia.showMentions' : '',
          arguments: first ? [{ uri: articleUri.toString(), entityId: id, offset: first.start }] : [],
        }),
      );
    }
    for (const entry of collection('claims')) {
      const id = idOf(entry);
      const claim = model.claims.find((c) => c.record.id === id);
      if (!claim) continue;
      lenses.push(
        new vscode.CodeLens(entryRange(entry.offset), {
          title: claim.anchor.status === 'orphan' ? '$(warning) passage not found in the article' : '$(go-to-file) Show passage',
          tooltip: claim.record.passage.exact,
          command: claim.anchor.status === 'orphan' ? '' : 'marginalia.revealClaim',
          arguments: [{ uri: articleUri.toString(), claimId: claim.record.id }],
        }),
      );
    }
    return lenses;
  }
}
