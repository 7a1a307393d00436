import * as vscode from 'vscode';
import { rangeInAnnotationFile } from '../model/format/annotationFileParser';
import { ArticleModelService } from './articleModelService';
import { rangeOfLocations } from './vscodeRanges';
import { isFromRegistry } from '../model/format/withRegistry';
import { ANNOTATION_FILE_SELECTOR } from './documentSelectors';

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
      vscode.languages.registerCodeLensProvider(ANNOTATION_FILE_SELECTOR, this),
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
    // Positions come from the parse the model was built on; skip while the open file differs from it.
    if (!model || model.annotationFile.text !== document.getText()) return [];
    const { sourceIndexes } = model.annotationFile;
    const entryRange = (path: Array<string | number>) => {
      const { start } = rangeInAnnotationFile(model.annotationFile, path);
      return rangeOfLocations({ start, end: start });
    };
    const lenses: vscode.CodeLens[] = [];
    model.entities.forEach((entity, kept) => {
      // An entity of the folder's registry has no entry in this file.
      if (isFromRegistry(model.annotationFile, kept)) return;
      const mentions = model.mentionsByEntity.get(entity.id) ?? [];
      const first = mentions[0];
      lenses.push(
        new vscode.CodeLens(entryRange(['entities', sourceIndexes.entities[kept]]), {
          title: mentions.length === 1 ? vscode.l10n.t('$(references) 1 mention') : vscode.l10n.t('$(references) {0} mentions', mentions.length),
          tooltip: vscode.l10n.t('Show every mention in the article'),
          command: first ? 'marginalia.showMentions' : '',
          arguments: first ? [{ uri: articleUri.toString(), entityId: entity.id, offset: first.start }] : [],
        }),
      );
    });
    model.claims.forEach((claim, kept) => {
      const orphan = claim.anchor.status === 'orphan';
      lenses.push(
        new vscode.CodeLens(entryRange(['claims', sourceIndexes.claims[kept]]), {
          title: orphan ? vscode.l10n.t('$(warning) passage not found in the article') : vscode.l10n.t('$(go-to-file) Show passage'),
          tooltip: claim.record.passage.exact,
          command: orphan ? '' : 'marginalia.revealClaim',
          arguments: [{ uri: articleUri.toString(), claimId: claim.record.id }],
        }),
      );
    });
    return lenses;
  }
}
