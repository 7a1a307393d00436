import * as vscode from 'vscode';
import type { EntityKind } from '../model/annotationTypes';
import type { ArticleModel } from '../model/articleModel';
import { ArticleModelService } from './articleModelService';

export const HIGHLIGHTING_SETTING = 'marginalia.highlighting.enabled';

/** While typing, repaint after this pause; VS Code moves existing decorations with the edit meanwhile. */
const TYPING_DEBOUNCE_MS = 40;

/** The ranges last painted in one editor, by entity kind (read by tests through the extension's API). */
export type PaintedMentions = Record<EntityKind, vscode.Range[]>;

/**
 * Highlights entity mentions in visible article editors, coloured by kind from theme colours declared
 * in contributes.colors. Decoration types are created once; only visible editors are painted.
 */
export class MentionDecorator implements vscode.Disposable {
  private readonly decorationTypes: Record<EntityKind, vscode.TextEditorDecorationType>;
  private readonly painted = new WeakMap<vscode.TextEditor, PaintedMentions>();
  private readonly pendingRepaints = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly models: ArticleModelService) {
    this.decorationTypes = {
      actor: createMentionDecorationType('actor'),
      system: createMentionDecorationType('system'),
    };
    this.disposables.push(
      this.decorationTypes.actor,
      this.decorationTypes.system,
      // Switching editors repaints at once (no flicker); typing repaints after a short pause.
      vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((editor) => this.paint(editor))),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length > 0 && ArticleModelService.isArticle(event.document)) this.scheduleRepaint(event.document);
      }),
      models.onDidChangeModel((articleUri) => this.repaintDocument(articleUri.toString())),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(HIGHLIGHTING_SETTING)) this.repaintAll();
      }),
    );
    this.repaintAll();
  }

  /** What was last painted in an editor; undefined if nothing was. */
  paintedMentions(editor: vscode.TextEditor): PaintedMentions | undefined {
    return this.painted.get(editor);
  }

  repaintAll(): void {
    for (const editor of vscode.window.visibleTextEditors) this.paint(editor);
  }

  private repaintDocument(uri: string): void {
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document.uri.toString() === uri) this.paint(editor);
    }
  }

  private scheduleRepaint(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    clearTimeout(this.pendingRepaints.get(key));
    this.pendingRepaints.set(
      key,
      setTimeout(() => {
        this.pendingRepaints.delete(key);
        this.repaintDocument(key);
      }, TYPING_DEBOUNCE_MS),
    );
  }

  private paint(editor: vscode.TextEditor): void {
    if (!ArticleModelService.isArticle(editor.document)) return;
    const enabled = vscode.workspace.getConfiguration().get<boolean>(HIGHLIGHTING_SETTING, true);
    const model = enabled ? this.models.getModel(editor.document) : undefined;
    const ranges = model ? mentionRangesByKind(model, editor.document) : { actor: [], system: [] };
    editor.setDecorations(this.decorationTypes.actor, ranges.actor);
    editor.setDecorations(this.decorationTypes.system, ranges.system);
    this.painted.set(editor, ranges);
  }

  dispose(): void {
    for (const timer of this.pendingRepaints.values()) clearTimeout(timer);
    for (const disposable of this.disposables) disposable.dispose();
  }
}

function createMentionDecorationType(kind: EntityKind): vscode.TextEditorDecorationType {
  return vscode.window.createTextEditorDecorationType({
    backgroundColor: new vscode.ThemeColor(`marginalia.${kind}MentionBackground`),
    borderRadius: '2px',
    overviewRulerColor: new vscode.ThemeColor(`marginalia.${kind}MentionOverviewRuler`),
    overviewRulerLane: vscode.OverviewRulerLane.Center,
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  });
}

function mentionRangesByKind(model: ArticleModel, document: vscode.TextDocument): PaintedMentions {
  const ranges: PaintedMentions = { actor: [], system: [] };
  for (const mention of model.mentions) {
    const entity = model.entityById.get(mention.entityId);
    if (!entity) continue;
    ranges[entity.kind].push(new vscode.Range(document.positionAt(mention.start), document.positionAt(mention.end)));
  }
  return ranges;
}
