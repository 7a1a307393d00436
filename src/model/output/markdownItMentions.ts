import type MarkdownItModule from 'markdown-it';

type MarkdownIt = MarkdownItModule.MarkdownIt;
type StateCore = MarkdownItModule.StateCore;
type Token = MarkdownItModule.Token;
import { IntervalSweep } from '../text/intervalSweep';
import { lineStartOffsets } from '../text/lineIndex';
import { markdownItSource } from '../text/markdownItSource';
import { finishNow, STEPS_BETWEEN_PAUSES, type ResumableWork } from '../text/resumableWork';
import type { ArticleModel, EntityMention, ResolvedClaim } from '../article/articleModel';
import { claimantName } from '../article/modelQueries';
import { firstEndingAfter } from '../text/relativeIntervals';

/** Finds the article model for a render; undefined leaves the output exactly as markdown-it makes it. */
export type ModelForRender = (source: string, env: unknown) => ArticleModel | undefined;

interface ClaimSpan {
  start: number;
  end: number;
  claim: ResolvedClaim;
  /** Its place in the annotation file: where claims overlap, the first one is shown. */
  order: number;
}

/**
 * The model's mentions and claim passages in offsets of the text as markdown-it sees it: markdown-it
 * turns CRLF and lone CR into LF and NUL into U+FFFD before parsing, so an article saved with CRLF line
 * ends would otherwise have every offset after its first line off.
 */
interface RenderSpans {
  text: string;
  mentions: readonly EntityMention[];
  /** Sorted by start. */
  claims: readonly ClaimSpan[];
}

/** A render's mentions and claims, kept per model: a model is rendered again and again as the preview follows the cursor. */
export type RenderSpansCache = WeakMap<ArticleModel, RenderSpans>;

function renderSpans(model: ArticleModel, spansByModel: RenderSpansCache): RenderSpans {
  const cached = spansByModel.get(model);
  if (cached) return cached;
  const original = model.article.source.text;
  // The offsets of the CRs that markdown-it drops (the CR of each CRLF), in order.
  const dropped: number[] = [];
  for (let at = original.indexOf('\r\n'); at !== -1; at = original.indexOf('\r\n', at + 2)) dropped.push(at);
  const text = markdownItSource(original);
  let toRendered = (offset: number) => offset;
  if (dropped.length > 0) {
    toRendered = (offset: number) => {
      let low = 0;
      let high = dropped.length;
      while (low < high) {
        const middle = (low + high) >> 1;
        if (dropped[middle] < offset) low = middle + 1;
        else high = middle;
      }
      return offset - low;
    };
  }
  const mentions = dropped.length === 0 ? model.mentions.all() : model.mentions.all().map((m) => ({ ...m, start: toRendered(m.start), end: toRendered(m.end) }));
  const claims: ClaimSpan[] = [];
  model.claims.forEach((claim, order) => {
    if (claim.anchor.status !== 'orphan') claims.push({ start: toRendered(claim.anchor.start), end: toRendered(claim.anchor.end), claim, order });
  });
  claims.sort((a, b) => a.start - b.start || a.order - b.order);
  const spans = { text, mentions, claims };
  spansByModel.set(model, spans);
  return spans;
}

/**
 * A markdown-it plugin that highlights the same mentions and claim passages as the editor, in VS Code's
 * Markdown preview and in exports. It only splits text tokens (outside links, code and HTML) and wraps
 * pieces in spans; every other token is left as markdown-it made it. Its cost is linear in the tokens,
 * mentions and claims of the render.
 */
export function markdownItMentions(md: MarkdownIt, modelFor: ModelForRender): void {
  // Per plugin instance: a model is rendered again and again as the preview follows the cursor.
  const spansByModel = new WeakMap<ArticleModel, RenderSpans>();
  const rule = (state: StateCore) => {
    try {
      const model = modelFor(state.src, state.env);
      if (model) finishNow(highlightTokensInSteps(state, model, spansByModel));
    } catch (error) {
      // A preview must render whatever happens here: without highlights, as markdown-it made it.
      console.error('Marginalia: highlighting the preview failed', error);
    }
  };
  // Before text_join, text tokens are the source's own characters, and entities and escapes tokens of
  // their own with their source form: each text piece is found exactly where it is.
  try {
    md.core.ruler.before('text_join', 'marginalia_mentions', rule);
  } catch {
    md.core.ruler.push('marginalia_mentions', rule);
  }
}

/** After highlighting tokens that text_join has not joined: entities and escapes become text, as text_join makes them. */
export function joinSpecialText(tokens: readonly Token[]): void {
  for (const block of tokens) for (const token of block.children ?? []) if (token.type === 'text_special') token.type = 'text';
}

/** The meta of the html_inline tokens this plugin makes, so that they are told from the author's raw HTML. */
export const HIGHLIGHT_PIECE = Object.freeze({ marginalia: true });

/** HTML elements with no closing tag. */
const VOID_ELEMENTS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

/** How raw inline HTML changes the depth of open elements: +1 for an opening tag, -1 for a closing one. */
function htmlDepthChange(html: string): number {
  const tag = /^<(\/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*?(\/?)>$/.exec(html.trim());
  if (!tag || VOID_ELEMENTS.has(tag[2].toLowerCase()) || tag[3] === '/') return 0;
  return tag[1] === '/' ? -1 : 1;
}

/**
 * Splits the text tokens of a parsed render into highlighted pieces, pausing now and then. The source
 * may be the whole file, its body, or (from the reading page) a piece of it that starts at `sourceOffset`
 * in the text as markdown-it sees it.
 */
export function* highlightTokensInSteps(state: StateCore, model: ArticleModel, spansByModel: RenderSpansCache, sourceOffset?: number, options: HighlightOptions = {}): ResumableWork<void> {
  const spans = renderSpans(model, spansByModel);
  // The source may be the whole file or the body without front matter; offsets are the file's.
  const delta = sourceOffset !== undefined && spans.text.startsWith(state.src, sourceOffset) ? sourceOffset : spans.text.startsWith(state.src) ? 0 : spans.text.indexOf(state.src);
  if (delta < 0) return;
  const lineStarts = lineStartOffsets(state.src);
  // Text pieces come in increasing order: the claims over each are swept alongside them.
  const sweep = new IntervalSweep(spans.claims, (span) => span);
  for (const block of state.tokens) {
    if (block.type !== 'inline' || !block.map || !block.children) continue;
    const regionEnd = block.map[1] < lineStarts.length ? lineStarts[block.map[1]] : state.src.length;
    block.children = yield* highlightInline(block.children, lineStarts[block.map[0]] ?? 0, regionEnd, state, model, spans, sweep, delta, options);
  }
}

/** What to highlight beyond plain text. */
export interface HighlightOptions {
  /** Link text too (the reading page; VS Code's preview leaves links as they are). */
  insideLinks?: boolean;
}

function* highlightInline(children: Token[], regionStart: number, regionEnd: number, state: StateCore, model: ArticleModel, spans: RenderSpans, sweep: IntervalSweep<ClaimSpan>, delta: number, options: HighlightOptions): ResumableWork<Token[]> {
  const result: Token[] = [];
  let cursor = regionStart;
  let linkDepth = 0;
  // Text inside raw inline HTML (<code>Iran</code>, <a …>Iran</a>) is the author's markup: left alone.
  let htmlDepth = 0;
  for (const token of children) {
    if (token.type === 'link_open') linkDepth++;
    if (token.type === 'link_close') linkDepth--;
    if (token.type === 'html_inline') htmlDepth = Math.max(0, htmlDepth + htmlDepthChange(token.content));
    if (token.type === 'text_special') {
      // An entity or escape: its source form is passed over.
      const at = state.src.indexOf(token.markup, cursor);
      if (at !== -1 && at + token.markup.length <= regionEnd) cursor = at + token.markup.length;
      result.push(token);
      continue;
    }
    if ((token.type !== 'text' && token.type !== 'code_inline') || token.content.length === 0) {
      result.push(token);
      continue;
    }
    // Where this piece of text is in the source: the next occurrence after the previous piece.
    const at = state.src.indexOf(token.content, cursor);
    if (at === -1 || at + token.content.length > regionEnd) {
      result.push(token);
      continue;
    }
    cursor = at + token.content.length;
    if (token.type === 'code_inline' || (linkDepth > 0 && !options.insideLinks) || htmlDepth > 0) {
      result.push(token);
      continue;
    }
    // Not a spread: a paragraph of 20,000 mentions makes more pieces than a call may take arguments.
    for (const piece of yield* splitText(token, at + delta, state, model, spans, sweep)) result.push(piece);
  }
  return result;
}

function* splitText(token: Token, start: number, state: StateCore, model: ArticleModel, spans: RenderSpans, sweep: IntervalSweep<ClaimSpan>): ResumableWork<Token[]> {
  const end = start + token.content.length;
  // Mentions are sorted and never overlap: find the first that could be in this piece by binary search.
  // One may run on into the next piece (a name across a soft line break): its part here is wrapped.
  const mentions: EntityMention[] = [];
  for (let k = firstEndingAfter(spans.mentions, start); k < spans.mentions.length && spans.mentions[k].start < end; k++) {
    if (k % STEPS_BETWEEN_PAUSES === 0) yield;
    mentions.push(spans.mentions[k]);
  }
  const claims = sweep.overlapping({ start, end });
  if (mentions.length === 0 && claims.length === 0) return [token];

  // Where pieces begin and end: the mentions' bounds come in order (they never overlap), the claims'
  // (few) are sorted, and the two are merged, so that thousands of mentions are not sorted again.
  const inside = (point: number) => point > start && point < end;
  const mentionCuts: number[] = [];
  for (let k = 0; k < mentions.length; k++) {
    if (k % STEPS_BETWEEN_PAUSES === STEPS_BETWEEN_PAUSES - 1) yield;
    mentionCuts.push(mentions[k].start, mentions[k].end);
  }
  const claimCuts = claims.flatMap((span) => [span.start, span.end]).filter(inside).sort((a, b) => a - b);
  const points = [start];
  for (let m = 0, c = 0; m < mentionCuts.length || c < claimCuts.length; ) {
    if ((m + c) % STEPS_BETWEEN_PAUSES === STEPS_BETWEEN_PAUSES - 1) yield;
    const point = c >= claimCuts.length || (m < mentionCuts.length && mentionCuts[m] <= claimCuts[c]) ? mentionCuts[m++] : claimCuts[c++];
    if (inside(point) && point > points[points.length - 1]) points.push(point);
  }
  points.push(end);
  const escape = state.md.utils.escapeHtml;
  // The piece becomes one html_inline token, its text escaped as markdown-it's text rule escapes it: a
  // token per span and piece would make three tokens a mention, too many in a paragraph of thousands.
  let parts: string[] = [];
  const html = (content: string) => parts.push(content);
  const pieces: Token[] = [];
  const flush = () => {
    const piece = new state.Token('html_inline', '', 0);
    piece.content = parts.join('');
    piece.meta = HIGHLIGHT_PIECE;
    pieces.push(piece);
    parts = [];
  };
  let nextMention = 0;
  // One opening tag per entity and claim, built once: a paragraph may hold thousands of the same.
  const openTags = new Map<string, string>();
  const openTag = (key: string, build: () => string) => {
    let tag = openTags.get(key);
    if (tag === undefined) openTags.set(key, (tag = build()));
    return tag;
  };
  for (let i = 0; i < points.length - 1; i++) {
    // A token every so many pieces, so that no one join is huge, and a pause with it.
    if (i % STEPS_BETWEEN_PAUSES === STEPS_BETWEEN_PAUSES - 1) {
      flush();
      yield;
    }
    const [from, to] = [points[i], points[i + 1]];
    // Claims here are few (those over this one piece of text); mentions are walked in step with the points.
    let claim: ClaimSpan | undefined;
    for (const span of claims) if (span.start <= from && to <= span.end && (!claim || span.order < claim.order)) claim = span;
    while (nextMention < mentions.length && mentions[nextMention].end <= from) nextMention++;
    const mention = nextMention < mentions.length && mentions[nextMention].start <= from && to <= mentions[nextMention].end ? mentions[nextMention] : undefined;
    const entity = mention ? model.entityById.get(mention.entityId) : undefined;
    if (claim) {
      const { record } = claim.claim;
      html(openTag(`c:${record.id}`, () => `<span class="marginalia-claim" data-claim="${escape(record.id)}" title="${escape(`Claim · ${claimantName(model, record.claimant)}: ${record.summary}`)}">`));
    }
    if (entity) {
      html(openTag(`e:${entity.id}`, () => `<span class="marginalia-mention marginalia-${entity.kind} marginalia-type-${entity.type}" data-entity="${escape(entity.id)}" title="${escape(`${entity.name} · ${entity.kind} · ${entity.type}`)}">`));
    }
    parts.push(escape(token.content.slice(from - start, to - start)));
    if (entity) html('</span>');
    if (claim) html('</span>');
  }
  flush();
  return pieces;
}
