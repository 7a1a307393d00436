import * as vscode from 'vscode';
import type { AnnotationFileWrite, AnnotationFileWriter } from './annotationFileWriter';
import type { Command } from './commandManager';
import { Debouncer } from './util/debounce';
import { DisposableOwner } from './util/dispose';
import { openDocument } from './util/openDocument';

/** How long the status bar offers to undo a change. */
const OFFER_MS = 15_000;

/**
 * Says where an annotating command's change went and where its undo lives: Ctrl+Z in the article undoes
 * only the article's own edits, so a status bar item offers to undo the change in the annotation file.
 */
export class UndoOffer extends DisposableOwner {
  private lastChange: { article: vscode.Uri; annotationFile: vscode.Uri; version: number } | undefined;
  private item: vscode.StatusBarItem | undefined;
  private readonly hiding = this.register(new Debouncer());

  constructor(
    writer: AnnotationFileWriter,
    private readonly tell: (message: string) => void,
  ) {
    super();
    this.register(writer.onDidWrite((write) => this.offer(write)));
  }

  readonly command: Command = { id: 'marginalia.undoLastChange', execute: () => this.undoLastChange() };

  private offer({ article, annotationFile }: AnnotationFileWrite): void {
    const name = annotationFile.uri.path.split('/').pop() ?? vscode.l10n.t('the annotation file');
    this.lastChange = { article, annotationFile: annotationFile.uri, version: annotationFile.version };
    this.item ??= this.register(vscode.window.createStatusBarItem('marginalia.undo', vscode.StatusBarAlignment.Left, 100));
    this.item.name = vscode.l10n.t('Marginalia: Undo');
    this.item.text = vscode.l10n.t('$(discard) Undo in {0}', name);
    this.item.tooltip = annotationFile.isDirty
      ? vscode.l10n.t('Marginalia changed {0} (not saved yet). Ctrl+Z in the article undoes the article\'s own edits; this undoes the change in {0} (Ctrl+Z there does too).', name)
      : vscode.l10n.t('Marginalia changed {0}. Ctrl+Z in the article undoes the article\'s own edits; this undoes the change in {0} (Ctrl+Z there does too).', name);
    this.item.command = this.command.id;
    this.item.show();
    this.hiding.schedule(OFFER_MS, () => this.item?.hide());
  }

  /** Undoes Marginalia's last change with VS Code's own undo in the annotation file, then returns to the article. */
  private async undoLastChange(): Promise<boolean> {
    this.item?.hide();
    const change = this.lastChange;
    const annotationFile = change && openDocument(change.annotationFile);
    if (!change || !annotationFile || annotationFile.version !== change.version) {
      this.tell(vscode.l10n.t('Marginalia: the annotation file has changed since Marginalia\'s last change; undo in it directly (Ctrl+Z there).'));
      return false;
    }
    this.lastChange = undefined;
    await vscode.window.showTextDocument(annotationFile, { preview: true, preserveFocus: false });
    await vscode.commands.executeCommand('undo');
    const article = openDocument(change.article);
    if (article) await vscode.window.showTextDocument(article, { preserveFocus: false });
    return true;
  }
}
