import type MarkdownItModule from 'markdown-it';

type MarkdownIt = MarkdownItModule.MarkdownIt;
type StateCore = MarkdownItModule.StateCore;
type Token = MarkdownItModule.Token;
import { claimantName, firstMentionEndingAfter, type ArticleModel } from './articleModel';

/** Finds the article model for a render; undefined leaves the output exactly as markdown-it makes it. */
export type ModelForRender = (source: string, env: unknown) => ArticleModel | undefined;

interface Span {
  start: number;
  end: number;
}

/**
 * A markdown-it plugin that highlights the same mentions and claim passages as the editor, in VS Code's
 * Markdown preview and in exports. It only splits text tokens (outside links, code and HTML) and wraps
 * pieces in spans; every other token is left as markdown-it made it.
 */
export function markdownItMentions(md: MarkdownIt, modelFor: ModelForRender): void {
  md.core.ruler.push('marginalia_mentions', (state: StateCore) => {
    const model = modelFor(state.src, state.env);
    if (!model) return;
    // The source may be the whole file or the body without front matter; offsets are the file's.
    const delta = model.article.text.startsWith(state.src) ? 0 : model.article.text.indexOf(state.src);
    if (delta < 0) return;
    const lineStarts = [0];
    for (let i = 0; i < state.src.length; i++) if (state.src.charCodeAt(i) === 10) lineStarts.push(i + 1);
    for (const block of state.tokens) {
      if (block.type !== 'inline' || !block.map || !block.children) continue;
      const regionEnd = block.map[1] < lineStarts.length ? lineStarts[block.map[1]] : state.src.length;
      block.children = highlightInline(block.children, lineStarts[block.map[0]] ?? 0, regionEnd, state, model, delta);
    }
  });
}

function highlightInline(children: Token[], regionStart: number, regionEnd: number, state: StateCore, model: ArticleModel, delta: number): Token[] {
  const result: Token[] = [];
  let cursor = regionStart;
  let linkDepth = 0;
  for (const token of children) {
    if (token.type === 'link_open') linkDepth++;
    if (token.type === 'link_close') linkDepth--;
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
    if (token.type === 'code_inline' || linkDepth > 0) {
      result.push(token);
      continue;
    }
    result.push(...splitText(token, at + delta, state, model));
  }
  return result;
}

function splitText(token: Token, start: number, state: StateCore, model: ArticleModel): Token[] {
  const end = start + token.content.length;
  // Mentions are sorted and never overlap: find the first that could be in this piece by binary search.
  const mentions = [];
  for (let k = firstMentionEndingAfter(model.mentions, start); k < model.mentions.length && model.mentions[k].start < end; k++) {
    const mention = model.mentions[k];
    if (mention.start >= start && mention.end <= end) mentions.push(mention);
  }
  const claims: Span[] = model.claims.flatMap((c) => (c.anchor.status !== 'orphan' && c.anchor.start < end && c.anchor.end > start ? [{ start: c.anchor.start, end: c.anchor.end }] : []));
  if (mentions.length === 0 && claims.length === 0) return [token];

  const cuts = new Set<number>([start, end]);
  for (const span of [...mentions, ...claims]) {
    if (span.start > start && span.start < end) cuts.add(span.start);
    if (span.end > start && span.end < end) cuts.add(span.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const escape = state.md.utils.escapeHtml;
  const tokens: Token[] = [];
  const html = (content: string) => {
    const tag = new state.Token('html_inline', '', 0);
    tag.content = content;
    tokens.push(tag);
  };
  for (let i = 0; i < points.length - 1; i++) {
    const [from, to] = [points[i], points[i + 1]];
    const claim = model.claims.find((c) => c.anchor.status !== 'orphan' && c.anchor.start <= from && to <= c.anchor.end);
    const mention = mentions.find((m) => m.start <= from && to <= m.end);
    const entity = mention ? model.entityById.get(mention.entityId) : undefined;
    if (claim) {
      html(`<span class="marginalia-claim" data-claim="${escape(claim.record.id)}" title="${escape(`Claim · ${claimantName(model, claim.record.claimant)}: ${claim.record.summary}`)}">`);
    }
    if (entity) {
      html(`<span class="marginalia-mention marginalia-${entity.kind} marginalia-type-${entity.type}" data-entity="${escape(entity.id)}" title="${escape(`${entity.name} · ${entity.kind} · ${entity.type}`)}">`);
    }
    const text = new state.Token('text', '', 0);
    text.content = token.content.slice(from - start, to - start);
    tokens.push(text);
    if (entity) html('</span>');
    if (claim) html('</span>');
  }
  return tokens;
}

