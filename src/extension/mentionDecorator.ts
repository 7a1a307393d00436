import * as vscode from 'vscode';
import { ACTOR_TYPES, SYSTEM_TYPES, type EntityKind, type EntityType } from '../model/format/annotationTypes';
import type { EntityMention } from '../model/article/articleModel';
import type { IntervalPage } from '../model/text/relativeIntervals';
import { ArticleModelService } from './articleModelService';
import { onDidChangeSettings, setting } from './config';
import { KeyedDebouncer } from './util/debounce';
import { DisposableOwner } from './util/dispose';
import { rangeOfOffsets } from './vscodeRanges';


/** In a large article, paint this many lines beyond the visible ones, so that scrolling a little needs no repaint. */
const VIEWPORT_MARGIN_LINES = 300;

/** While typing, repaint after this pause; VS Code moves existing decorations with the edit meanwhile. */
const TYPING_DEBOUNCE_MS = 40;

/**
 * One paint's extension-host time in milliseconds, the part of it spent getting the model (built or
 * updated, unless cached), and the time the model took to build or update, all its slices included
 * (in a large article an update runs in slices before the paint).
 */
export interface PaintTiming {
  totalMs: number;
  modelMs: number;
  modelBuildMs: number;
}

/** The ranges one paint of an editor set: mentions by entity kind, and claim passages. */
export type PaintedMentions = Record<EntityKind, vscode.Range[]> & { claims: vscode.Range[] };

/** One paint, as onDidPaint reports it. */
export interface Paint {
  editor: vscode.TextEditor;
  painted: PaintedMentions;
  timing: PaintTiming;
}

/**
 * Highlights entity mentions in visible article editors, coloured by type (and ruler marks by kind)
 * from theme colours declared in contributes.colors, and underlines claim passages, so both show where
 * they overlap. Decoration types are created once; only visible editors are painted.
 */
export class MentionDecorator extends DisposableOwner {
  private readonly decorationTypes: Map<EntityType, vscode.TextEditorDecorationType>;
  private readonly claimDecorationType: vscode.TextEditorDecorationType;
  private readonly paintStates = new WeakMap<vscode.TextEditor, PaintState>();
  private readonly paintEmitter = this.register(new vscode.EventEmitter<Paint>());
  /** Fires after each paint, with what was painted and how long it took. */
  readonly onDidPaint = this.paintEmitter.event;
  private readonly repaints = this.register(new KeyedDebouncer<string>());
  /** Read once and on change, not on every paint. */
  private settings = readSettings();

  constructor(private readonly models: ArticleModelService) {
    super();
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
    for (const disposable of [
      ...this.decorationTypes.values(),
      this.claimDecorationType,
      // Switching editors repaints at once (no flicker); typing repaints after a short pause.
      vscode.window.onDidChangeVisibleTextEditors((editors) =>
        editors.forEach((editor) => {
          this.paintStates.delete(editor);
          this.paint(editor);
        }),
      ),
      models.onDidEditArticle((event) => {
        for (const editor of vscode.window.visibleTextEditors) {
          if (editor.document === event.document) this.paintStates.get(editor)?.noteEdits(event.contentChanges);
        }
        this.scheduleRepaint(event.document);
      }),
      models.onDidChangeModel((articleUri) => this.repaintDocument(articleUri.toString())),
      vscode.window.onDidChangeTextEditorVisibleRanges(({ textEditor }) => {
        // Only large articles are painted around the visible lines; repaint once the view nears the edge of what was painted.
        const window = this.paintStates.get(textEditor)?.paintedLines;
        if (!window || textEditor.visibleRanges.every((range) => range.start.line >= window.from + 50 && range.end.line <= window.to - 50)) return;
        this.scheduleRepaint(textEditor.document, 30);
      }),
      onDidChangeSettings(['highlighting.enabled', 'highlighting.claims', 'highlighting.wholeArticleLimit'], () => {
        this.settings = readSettings();
        this.repaintAll();
      }),
    ]) {
      this.register(disposable);
    }
  }

  repaintAll(): void {
    for (const editor of vscode.window.visibleTextEditors) this.paint(editor);
  }

  private repaintDocument(uri: string): void {
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document.uri.toString() === uri) this.paint(editor);
    }
  }

  private scheduleRepaint(document: vscode.TextDocument, delayMs = TYPING_DEBOUNCE_MS): void {
    const key = document.uri.toString();
    this.repaints.schedule(key, delayMs, () => this.repaintDocument(key));
  }

  private paint(editor: vscode.TextEditor): void {
    if (!ArticleModelService.isArticle(editor.document)) return;
    const started = performance.now();
    const model = this.settings.enabled ? this.models.getModel(editor.document) : undefined;
    // A model still being built in slices: VS Code moves the decorations with the edits meanwhile, and
    // the finished model repaints (onDidChangeModel).
    if (this.settings.enabled && !model && this.models.isBuilding(editor.document)) return;
    const modelReady = performance.now();
    const previous = this.paintStates.get(editor);
    const state = new PaintState();
    const byType = new Map<EntityType, vscode.Range[]>();
    const painted: PaintedMentions = { actor: [], system: [], claims: [] };
    const document = editor.document;
    const mentions = model?.mentions;
    let [paintFrom, paintTo] = [0, Infinity];
    if (mentions && mentions.length > this.settings.wholeArticleLimit && editor.visibleRanges.length > 0) {
      const from = Math.max(0, Math.min(...editor.visibleRanges.map((range) => range.start.line)) - VIEWPORT_MARGIN_LINES);
      const to = Math.min(document.lineCount - 1, Math.max(...editor.visibleRanges.map((range) => range.end.line)) + VIEWPORT_MARGIN_LINES);
      state.paintedLines = { from, to };
      paintFrom = document.offsetAt(new vscode.Position(from, 0));
      paintTo = document.offsetAt(document.lineAt(to).range.end);
    }
    // Per entity, the two lists its mentions go to: one lookup per mention.
    const bucketsByEntity = new Map<string, [vscode.Range[], vscode.Range[]]>();
    for (const entity of model?.entities ?? []) {
      let ranges = byType.get(entity.type);
      if (!ranges) byType.set(entity.type, (ranges = []));
      bucketsByEntity.set(entity.id, [painted[entity.kind], ranges]);
    }
    // Mentions come in pages that an edit leaves as they were (only moved): what was drawn for a page is reused where it still holds.
    for (const { page, base } of mentions?.pagesBetween(paintFrom, paintTo) ?? []) {
      const ranges = previous?.rangesStillHolding(document, page, base) ?? page.items.map((mention) => rangeOfOffsets(document, mention.start + base, mention.end + base));
      state.drawn.set(page, { base, ranges });
      page.items.forEach((mention, k) => {
        const buckets = bucketsByEntity.get(mention.entityId);
        if (!buckets) return;
        buckets[0].push(ranges[k]);
        buckets[1].push(ranges[k]);
      });
    }
    if (model && this.settings.claims) {
      for (const claim of model.claims) {
        if (claim.anchor.status !== 'orphan') painted.claims.push(rangeOfOffsets(document, claim.anchor.start, claim.anchor.end));
      }
    }
    for (const [type, decorationType] of this.decorationTypes) state.set(editor, previous, decorationType, byType.get(type) ?? []);
    state.set(editor, previous, this.claimDecorationType, painted.claims);
    this.paintStates.set(editor, state);
    this.paintEmitter.fire({ editor, painted, timing: { totalMs: performance.now() - started, modelMs: modelReady - started, modelBuildMs: (model && this.models.buildTimeOf(model)) ?? 0 } });
  }

}

function readSettings(): { enabled: boolean; claims: boolean; wholeArticleLimit: number } {
  return { enabled: setting('highlighting.enabled'), claims: setting('highlighting.claims'), wholeArticleLimit: setting('highlighting.wholeArticleLimit') };
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

/**
 * What one paint of an editor set, so the next paint can skip work: ranges by mention object, and the
 * ranges set per decoration type. Decorations that VS Code may have moved since (on a line an edit
 * touched, or anywhere once an edit added or removed a line) are always set again.
 */
class PaintState {
  /** The ranges drawn for each page of mentions, and the page's base then. */
  readonly drawn = new Map<IntervalPage<EntityMention>, { base: number; ranges: vscode.Range[] }>();
  private readonly rangesByType = new Map<vscode.TextEditorDecorationType, vscode.Range[]>();
  private readonly editedLines = new Set<number>();
  /** Text before this offset is as it was at this paint (the least offset an edit since started at). */
  private firstEditedOffset = Infinity;
  /** In a large article, the lines painted; undefined when the whole article was. */
  paintedLines: { from: number; to: number } | undefined;
  private linesMoved = false;

  /**
   * The ranges this paint drew for a page of mentions that is still in the model (at `base` now), where
   * they still hold: all of them when the page is before every edit since, else those on lines no edit
   * touched, as long as no edit added or removed a line. Undefined when the page must be drawn again.
   */
  rangesStillHolding(document: vscode.TextDocument, page: IntervalPage<EntityMention>, base: number): vscode.Range[] | undefined {
    const drawn = this.drawn.get(page);
    if (!drawn) return undefined;
    if (drawn.base === base && page.items[page.items.length - 1].end + base <= this.firstEditedOffset) return drawn.ranges;
    if (this.linesMoved) return undefined;
    return drawn.ranges.map((range, k) =>
      this.editedLines.has(range.start.line) || this.editedLines.has(range.end.line) ? rangeOfOffsets(document, page.items[k].start + base, page.items[k].end + base) : range,
    );
  }

  noteEdits(changes: readonly vscode.TextDocumentContentChangeEvent[]): void {
    for (const change of changes) {
      this.firstEditedOffset = Math.min(this.firstEditedOffset, change.rangeOffset);
      if (change.range.start.line !== change.range.end.line || /[\r\n]/.test(change.text)) this.linesMoved = true;
      else this.editedLines.add(change.range.start.line);
    }
  }

  set(editor: vscode.TextEditor, previous: PaintState | undefined, type: vscode.TextEditorDecorationType, ranges: vscode.Range[]): void {
    this.rangesByType.set(type, ranges);
    if (previous && !previous.linesMoved && previous.stillShows(type, ranges)) return;
    editor.setDecorations(type, ranges);
  }

  private stillShows(type: vscode.TextEditorDecorationType, ranges: vscode.Range[]): boolean {
    const shown = this.rangesByType.get(type);
    if (!shown || shown.length !== ranges.length) return false;
    for (let k = 0; k < ranges.length; k++) {
      if (!shown[k].isEqual(ranges[k]) || this.editedLines.has(shown[k].start.line) || this.editedLines.has(shown[k].end.line)) return false;
    }
    return true;
  }
}
