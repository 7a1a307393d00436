import MarkdownIt from 'markdown-it';
import type MarkdownItModule from 'markdown-it';
import type { ArticleModel, ResolvedClaim } from '../article/articleModel';
import { claimantName } from '../article/modelQueries';
import { buildClaimTree, type ClaimNode } from '../article/claimTree';
import { HIGHLIGHT_PIECE, highlightTokensInSteps, joinSpecialText, type RenderSpansCache } from './markdownItMentions';
import type { ReadingPageData } from './readingPageData';
import { chunksOf, topLevelBlocks } from '../article/readingMatches';
import { markdownItSource } from '../text/markdownItSource';
import { finishNow, STEPS_BETWEEN_PAUSES, type ResumableWork } from '../text/resumableWork';

type Token = MarkdownItModule.Token;

// A standalone HTML reading page of an annotated article: the article with its highlights, hover
// cards, the claims tree and the entities beside it. One file that works offline, printable, under a
// strict Content-Security-Policy (nothing may load; only the page's own style and script run, by
// hash). Every piece of article and annotation text is escaped: markdown-it renders without raw HTML,
// the sidebar escapes what it writes, and the cards are filled with textContent from a JSON data block.

/** Answers nest this deep in the sidebar; deeper ones follow in order at this depth. */
const MAX_NESTED_LISTS = 24;

function pushTo<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** JSON that can sit inside a <script> element: "<" is escaped so that no "</script>" can close it. */
function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

// Raw HTML is parsed as HTML (so that none of it shows as literal markup) and then dropped: nothing of
// it reaches the page; text between inline tags stays.
const MARKDOWN_OPTIONS = { html: true, linkify: false, typographer: false } as const;
/** Paragraphs longer than this are shown as plain text (see articleHtmlInSteps). */
const PLAIN_BLOCK_CHARS = 1024 * 1024;
/** About how much Markdown the reading page renders between pauses. */
const CHUNK_CHARS = 16 * 1024;

/**
 * The article's body as HTML, highlighted, rendered a few top-level blocks at a time with pauses between:
 * markdown-it renders in one call, which on a huge article would hold the editor for seconds. The blocks
 * are found by one block-level pass (no inline parsing); each chunk of them is then parsed and rendered
 * on its own, with the whole document's link references, which gives the HTML a whole render gives.
 */
function* articleHtmlInSteps(model: ArticleModel, chunkChars: number): ResumableWork<string> {
  const { bodyStart } = model.article;
  const { text } = model.article.source;
  const env: Record<string, unknown> = {};
  // The body as markdown-it reads it (line ends normalised), where it starts in the text markdown-it reads,
  // and its top-level blocks (one block pass, which also collects the link references every chunk needs).
  const source = markdownItSource(text.slice(bodyStart));
  const renderedBodyStart = markdownItSource(text.slice(0, bodyStart)).length;
  const blocks = topLevelBlocks(source, 0, source.length, env);
  yield;
  // Highlighted before text_join, as the preview plugin is (see markdownItMentions).
  const md = new MarkdownIt(MARKDOWN_OPTIONS).disable('text_join');
  const spansCache: RenderSpansCache = new WeakMap();
  const html: string[] = [];
  for (const { from, to, first } of chunksOf(blocks, chunkChars)) {
    const state = new md.core.State(source.slice(from, to), md, env);
    if (to - from > PLAIN_BLOCK_CHARS && first.kind === 'paragraph_open') {
      // A paragraph of megabytes (no real article has one) is shown as plain text, with its highlights:
      // markdown-it's inline parse of it is one call that would hold the editor too long.
      const paragraph = new state.Token('paragraph_open', 'p', 1);
      const inline = new state.Token('inline', '', 0);
      inline.map = [0, state.src.split('\n').length];
      const text = new state.Token('text', '', 0);
      text.content = state.src.replace(/\n+$/, '');
      inline.children = [text];
      state.tokens.push(paragraph, inline, new state.Token('paragraph_close', 'p', -1));
    } else {
      md.core.process(state);
    }
    yield;
    yield* highlightTokensInSteps(state, model, spansCache, renderedBodyStart + from, { insideLinks: true });
    joinSpecialText(state.tokens);
    state.tokens = withoutRawHtml(state.tokens);
    html.push(md.renderer.render(state.tokens, md.options, env));
    yield;
  }
  return html.join('');
}



/** Elements whose text a browser does not show. */
const HIDDEN_TEXT = /^<(script|style|template|noscript|textarea|title)\b/i;

/**
 * The tokens without raw HTML: HTML blocks and the author's inline tags are dropped (the highlights,
 * html_inline tokens of the plugin's own, stay), and so is the text of inline elements a browser does
 * not show (a script's, a style's).
 */
function withoutRawHtml(tokens: Token[]): Token[] {
  const kept = tokens.filter((token) => token.type !== 'html_block');
  for (const token of kept) {
    if (!token.children) continue;
    let hiddenUntil: RegExp | undefined;
    token.children = token.children.filter((child) => {
      if (child.type === 'html_inline' && child.meta !== HIGHLIGHT_PIECE) {
        const hidden = HIDDEN_TEXT.exec(child.content);
        if (hidden) hiddenUntil = new RegExp(`^</${hidden[1]}\\s*>`, 'i');
        else if (hiddenUntil?.test(child.content)) hiddenUntil = undefined;
        return false;
      }
      return hiddenUntil === undefined;
    });
  }
  return kept;
}

/** The page's style and script, and their CSP hashes: built from media/ by build.mjs. */
declare const MARGINALIA_READING_PAGE: { style: string; script: string; styleHash: string; scriptHash: string };

/**
 * The reading page of an article, as one HTML document. Its style and script are allowed by their
 * hashes; in a VS Code webview, pass a fresh crypto `nonce` to allow them by nonce instead.
 */
export function readingPageHtml(model: ArticleModel, options: ReadingPageOptions = {}): string {
  return finishNow(readingPageHtmlInSteps(model, options));
}

export interface ReadingPageOptions {
  /** Allows the page's style and script by this nonce (in a webview) instead of by their hashes. */
  nonce?: string;
  /** About how much Markdown is rendered between pauses (tests set it small). */
  chunkChars?: number;
}

/** readingPageHtml, pausing now and then (see resumableWork). */
export function* readingPageHtmlInSteps(model: ArticleModel, options: ReadingPageOptions = {}): ResumableWork<string> {
  const { metadata } = model.article;
  const articleHtml = yield* articleHtmlInSteps(model, options.chunkChars ?? CHUNK_CHARS);

  const tree = buildClaimTree(model);
  yield;
  const claimItem = (node: ClaimNode, children: string): string => {
    const { record } = node.claim;
    const who = claimantName(model, record.claimant);
    const stance = record.stance ? ` class="stance-${escapeHtml(record.stance)}"` : '';
    const link =
      node.claim.anchor.status === 'orphan'
        ? `<span class="orphan">${escapeHtml(record.summary)}</span>`
        : `<a href="#" data-go-claim="${escapeHtml(record.id)}">${escapeHtml(record.summary)}</a>`;
    return `<li${stance}>${link} <span class="who">— ${escapeHtml(who)}${record.stance ? ` · ${escapeHtml(record.stance)}` : ''}</span>${children}</li>`;
  };
  const pace = { steps: 0 };
  const claimsHtml = yield* claimListInSteps(tree.roots, 0, claimItem, pace);
  const orphans = tree.orphans.length > 0 ? `<h2>Passages no longer in the article</h2><ul>${yield* claimListInSteps(tree.orphans, 1, claimItem, pace)}</ul>` : '';
  const entityItems = (kind: 'actor' | 'system') =>
    model.entities
      .filter((entity) => entity.kind === kind)
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((entity) => {
        const count = model.mentionsByEntity.get(entity.id)?.length ?? 0;
        const name = count > 0 ? `<a href="#" data-go-entity="${escapeHtml(entity.id)}">${escapeHtml(entity.name)}</a>` : escapeHtml(entity.name);
        return `<li>${name} <span class="who">${escapeHtml(entity.type)} · ${count}</span></li>`;
      })
      .join('');

  const claimsByClaimant = new Map<string, ResolvedClaim[]>();
  const answersTo = new Map<string, ResolvedClaim[]>();
  for (const claim of model.claims) {
    if (claim.record.claimant) pushTo(claimsByClaimant, claim.record.claimant, claim);
    if (claim.record.answers) pushTo(answersTo, claim.record.answers, claim);
  }
  const data: ReadingPageData = {
    entities: Object.fromEntries(
      model.entities.map((entity) => [
        entity.id,
        {
          name: entity.name,
          kind: entity.kind,
          type: entity.type,
          summary: entity.summary ?? '',
          aliases: entity.aliases ?? [],
          mentions: model.mentionsByEntity.get(entity.id)?.length ?? 0,
          claims: (claimsByClaimant.get(entity.id) ?? [])
            .map((claim) => ({ summary: claim.record.summary, claimant: entity.name, stance: claim.record.stance ?? '' })),
        },
      ]),
    ),
    claims: Object.fromEntries(
      model.claims.map((claim) => [
        claim.record.id,
        {
          summary: claim.record.summary,
          claimant: claimantName(model, claim.record.claimant),
          stance: claim.record.stance ?? '',
          answers: claim.record.answers ? (tree.byId.get(claim.record.answers)?.claim.record.summary ?? claim.record.answers) : '',
          answeredBy: (answersTo.get(claim.record.id) ?? []).map((c) => `${claimantName(model, c.record.claimant)}: ${c.record.summary}`),
        },
      ]),
    ),
  };

  yield;
  const { style, script, styleHash, scriptHash } = MARGINALIA_READING_PAGE;
  const { nonce } = options;
  const allow = (hash: string) => (nonce ? `'nonce-${nonce}'` : hash);
  const csp = `default-src 'none'; style-src ${allow(styleHash)}; script-src ${allow(scriptHash)}; img-src data:; base-uri 'none'; form-action 'none'`;
  const nonceAttribute = nonce ? ` nonce="${escapeHtml(nonce)}"` : '';
  const title = metadata.title ?? model.article.fileName.split(/[\\/]/).pop() ?? 'Article';
  const byline = [metadata.authors.join(' and '), metadata.publisher, metadata.published].filter(Boolean).join(' · ');
  const source = metadata.url ? `<p>Source: <a href="${escapeHtml(metadata.url)}" rel="noreferrer">${escapeHtml(metadata.url)}</a></p>` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Marginalia">
<title>${escapeHtml(title)}</title>
<style${nonceAttribute}>${style}</style>
</head>
<body>
<header><h1>${escapeHtml(title)}</h1><p>${escapeHtml(byline)}</p>${source}<p>Annotated: ${model.entities.length} actors and systems, ${model.claims.length} claims, ${model.notes.length} notes.</p></header>
<main class="layout">
<article id="article">
${articleHtml}</article>
<aside>
<section><h2>Claims</h2><ul class="claims">${claimsHtml}</ul>${orphans}</section>
<section><h2>Actors</h2><ul class="entities">${entityItems('actor')}</ul><h2>Systems</h2><ul class="entities">${entityItems('system')}</ul></section>
</aside>
</main>
<div id="card" role="tooltip" hidden></div>
<script type="application/json" id="marginalia-data">${scriptSafeJson(data)}</script>
<script${nonceAttribute}>${script}</script>
</body>
</html>
`;
}

/**
 * The items of claims and their answers. Answers nest as lists up to a readable depth; deeper answers (a
 * chain can be thousands long) follow in order in the deepest list. Recursion is bounded by that depth;
 * `pace` counts the steps across calls, to pause every so often.
 */
function* claimListInSteps(nodes: readonly ClaimNode[], depth: number, claimItem: (node: ClaimNode, children: string) => string, pace: { steps: number }): ResumableWork<string> {
  const items: string[] = [];
  if (depth < MAX_NESTED_LISTS) {
    for (const node of nodes) {
      if (++pace.steps % STEPS_BETWEEN_PAUSES === 0) yield;
      items.push(claimItem(node, node.answers.length > 0 ? `<ul>${yield* claimListInSteps(node.answers, depth + 1, claimItem, pace)}</ul>` : ''));
    }
    return items.join('');
  }
  const pending = [...nodes].reverse();
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (++pace.steps % STEPS_BETWEEN_PAUSES === 0) yield;
    items.push(claimItem(node, ''));
    for (let k = node.answers.length - 1; k >= 0; k--) pending.push(node.answers[k]);
  }
  return items.join('');
}
