import * as vscode from 'vscode';
import { ACTOR_TYPES, SYSTEM_TYPES, type EntityKind, type EntityType } from '../model/annotationTypes';
import { ArticleModelService } from './articleModelService';
import { rangeOfOffsets } from './vscodeRanges';

export const HIGHLIGHTING_SETTING = 'marginalia.highlighting.enabled';
export const CLAIM_HIGHLIGHTING_SETTING = 'marginalia.highlighting.claims';

/** While typing, repaint after this pause; VS Code moves existing decorations with the edit meanwhile. */
const TYPING_DEBOUNCE_MS = 40;

/** The ranges last painted in one editor: mentions by entity kind, and claim passages (read by tests through the extension's API). */
export type PaintedMentions = Record<EntityKind, vscode.Range[]> & { claims: vscode.Range[] };

/**
 * Highlights entity mentions in visible article editors, coloured by type (and ruler marks by kind)
 * from theme colours declared in contributes.colors, and underlines claim passages, so both show where
 * they overlap. Decoration types are created once; only visible editors are painted.
 */
export class MentionDecorator implements vscode.Disposable {
  private readonly decorationTypes: Map<EntityType, vscode.TextEditorDecorationType>;
  private readonly claimDecorationType: vscode.TextEditorDecorationType;
  private readonly painted = new WeakMap<vscode.TextEditor, PaintedMentions>();
  /** How long the last paints took, in milliseconds (model build included), newest last; for the benchmark. */
  readonly paintDurations: number[] = [];
  private readonly pendingRepaints = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly models: ArticleModelService) {
    this.decorationTypes = new Map([
      ...ACTOR_TYPES.map((type) => [type, createMentionDecorationType('actor', type)] as const),
      ...SYSTEM_TYPES.map((type) => [type, createMentionDecorationType('system', type)] as const),
    ]);
    this.claimDecorationType = vscode.window.createTextEditorDecorationType({
      borderWidth: '0 0 1px 0',
      borderStyle: 'dashed',
      borderColor: new vscode.ThemeColor('marginalia.claimPassageBorder'),
      backgroundColor: new vscode.ThemeColor('marginalia.claimPassageBackground'),
      overviewRulerColor: new vscode.ThemeColor('marginalia.claimPassageOverviewRuler'),
      overviewRulerLane: vscode.OverviewRulerLane.Left,
      rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
    });
    this.disposables.push(
      ...this.decorationTypes.values(),
      this.claimDecorationType,
      // Switching editors repaints at once (no flicker); typing repaints after a short pause.
      vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((editor) => this.paint(editor))),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length > 0 && ArticleModelService.isArticle(event.document)) this.scheduleRepaint(event.document);
      }),
      models.onDidChangeModel((articleUri) => this.repaintDocument(articleUri.toString())),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(HIGHLIGHTING_SETTING) || event.affectsConfiguration(CLAIM_HIGHLIGHTING_SETTING)) this.repaintAll();
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
    const started = performance.now();
    const configuration = vscode.workspace.getConfiguration();
    const enabled = configuration.get<boolean>(HIGHLIGHTING_SETTING, true);
    const model = enabled ? this.models.getModel(editor.document) : undefined;
    const byType = new Map<EntityType, vscode.Range[]>();
    const painted: PaintedMentions = { actor: [], system: [], claims: [] };
    const document = editor.document;
    for (const mention of model?.mentions ?? []) {
      const entity = model!.entityById.get(mention.entityId);
      if (!entity) continue;
      const range = rangeOfOffsets(document, mention.start, mention.end);
      painted[entity.kind].push(range);
      const ranges = byType.get(entity.type);
      if (ranges) ranges.push(range);
      else byType.set(entity.type, [range]);
    }
    if (model && configuration.get<boolean>(CLAIM_HIGHLIGHTING_SETTING, true)) {
      for (const claim of model.claims) {
        if (claim.anchor.status !== 'orphan') painted.claims.push(rangeOfOffsets(document, claim.anchor.start, claim.anchor.end));
      }
    }
    for (const [type, decorationType] of this.decorationTypes) editor.setDecorations(decorationType, byType.get(type) ?? []);
    editor.setDecorations(this.claimDecorationType, painted.claims);
    this.painted.set(editor, painted);
    this.paintDurations.push(performance.now() - started);
    if (this.paintDurations.length > 1000) this.paintDurations.splice(0, 500);
  }

  dispose(): void {
    for (const timer of this.pendingRepaints.values()) clearTimeout(timer);
    for (const disposable of this.disposables) disposable.dispose();
  }
}

function createMentionDecorationType(kind: EntityKind, type: EntityType): vscode.TextEditorDecorationType {
  return vscode.window.createTextEditorDecorationType({
    backgroundColor: new vscode.ThemeColor(`marginalia.${type}MentionBackground`),
    borderRadius: '2px',
    overviewRulerColor: new vscode.ThemeColor(`marginalia.${kind}MentionOverviewRuler`),
    overviewRulerLane: vscode.OverviewRulerLane.Center,
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  });
}
