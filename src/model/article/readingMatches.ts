import MarkdownIt from 'markdown-it';
import type { AliasMatch, AliasMatcher } from '../anchoring/aliasMatcher';
import { QuoteIndex } from '../anchoring/passageAnchor';
import { buildReadingText, type ReadingText } from '../anchoring/readingText';
import { IntervalSweep } from '../text/intervalSweep';
import { LineIndex } from '../text/lineIndex';
import type { ResumableWork } from '../text/resumableWork';

// Names are looked for where a reader sees them (issue 12): on the reading text of the article's
// top-level blocks (not in link addresses, attributes, raw HTML, code or front matter; across soft line
// breaks), and each match is mapped back to the Markdown source, where the editor shows it.

/** A top-level block of the body (a paragraph, a heading, a whole list or quote, a code block): [start, end) in the file. */
export interface TextBlock {
  start: number;
  end: number;
  /** Whether it may run on past where it ends now if the text after it changes: a fence, an HTML block, a list or a quote. */
  open: boolean;
  /** markdown-it's token type for it: paragraph_open, heading_open, fence… */
  kind: string;
  /**
   * A paragraph of one line with no inline markup and nothing beyond ASCII, which a reader sees as it is
   * written (see plainParagraph): known from the pass that found it, when that was the prose pass.
   */
  plain?: boolean;
}

const OUTLINE = new MarkdownIt({ html: true, linkify: false, typographer: false }).disable(['inline', 'text_join']);
const OPEN_BLOCKS = new Set(['fence', 'html_block', 'bullet_list_open', 'ordered_list_open', 'blockquote_open', 'code_block']);

/** The top-level blocks of text[from, to), from markdown-it's block pass (which collects link references in `env`). */
export function topLevelBlocks(text: string, from: number, to: number, env: Record<string, unknown> = {}): TextBlock[] {
  return proseBlocks(text, from, to) ?? markdownItBlocks(text, from, to, env);
}

/**
 * topLevelBlocks, and where the surrogate pairs of text[from, to) start when the pass that found the
 * blocks read every character anyway (prose): the code point index then needs no pass of its own.
 */
export function topLevelBlocksAndPairs(text: string, from: number, to: number): { blocks: TextBlock[]; pairStarts: number[] | undefined } {
  const pairStarts: number[] = [];
  const blocks = proseBlocks(text, from, to, pairStarts);
  return blocks ? { blocks, pairStarts } : { blocks: markdownItBlocks(text, from, to), pairStarts: undefined };
}

/** What starts a line of prose, and no block but a paragraph in markdown-it: a letter, an opening quotation mark or parenthesis. */
const PROSE_LINE_START = /[\p{L}"'“‘«„(]/uy;

/**
 * What ends a plain paragraph's line or makes it not plain: a line break, a character that markdown-it's
 * inline rules act on (escapes, code, emphasis, links, images, HTML, entities, strikethrough) or NUL;
 * and what needs a second look, any character beyond ASCII (it may not be in NFC).
 */
const NOT_PLAIN_ASCII = /[\n\r\\`*_[\]!<&~\0\x80-\uffff]/g;

/** Whether the line at `at` starts as only a paragraph's line can (PROSE_LINE_START), an ASCII letter told without the regular expression. */
function startsProse(text: string, at: number): boolean {
  const code = text.charCodeAt(at) | 0x20;
  if (code >= 0x61 && code <= 0x7a) return true;
  PROSE_LINE_START.lastIndex = at;
  return PROSE_LINE_START.test(text);
}

/**
 * The blocks of text[from, to) when it is prose, every line blank or starting as only a paragraph's
 * line can (see PROSE_LINE_START): its paragraphs are its runs of lines that are not blank, as
 * markdown-it would find, at a fraction of its cost. Undefined for anything else, which markdown-it reads.
 */
function proseBlocks(text: string, from: number, to: number, pairStarts?: number[]): TextBlock[] | undefined {
  // Carriage returns, which markdown-it turns into line feeds first, are left to it. Looked for in the
  // range (a slice of a flat string is not a copy): a search from `from` in the text would run past `to`.
  // (A NUL, which it replaces by U+FFFD, changes no block and no offset; plainParagraph leaves it to markdown-it.)
  if (text.slice(from, to).includes('\r')) return undefined;
  const blocks: TextBlock[] = [];
  let paragraphStart = -1;
  let paragraphEnd = -1;
  let plain = false;
  for (let lineStart = from; lineStart <= to; ) {
    // One search finds the line's end and whether anything on it makes it not plain (see plainParagraph);
    // asked for surrogate pairs, it goes on past each character beyond ASCII, where they are.
    NOT_PLAIN_ASCII.lastIndex = lineStart;
    const special = NOT_PLAIN_ASCII.test(text) ? NOT_PLAIN_ASCII.lastIndex - 1 : text.length;
    let lineEnd = text.charCodeAt(special) === 0x0a ? special : pairStarts ? pairsUpToLineEnd(text, special, to, pairStarts) : text.indexOf('\n', special);
    if (lineEnd === -1 || lineEnd > to) lineEnd = to;
    let first = lineStart;
    while (first < lineEnd && (text.charCodeAt(first) === 0x20 || text.charCodeAt(first) === 0x09)) first++;
    if (first === lineEnd) {
      if (paragraphStart !== -1) blocks.push({ start: paragraphStart, end: paragraphEnd, open: false, kind: 'paragraph_open', plain });
      paragraphStart = -1;
    } else {
      if (!startsProse(text, lineStart)) return undefined;
      // Plain while it is one line with nothing special on it.
      plain = paragraphStart === -1 && special >= lineEnd;
      if (paragraphStart === -1) paragraphStart = lineStart;
      paragraphEnd = lineEnd;
    }
    if (lineEnd === to) break;
    lineStart = lineEnd + 1;
  }
  if (paragraphStart !== -1) blocks.push({ start: paragraphStart, end: paragraphEnd, open: false, kind: 'paragraph_open', plain });
  return blocks;
}

/**
 * Where the line holding `at` ends (its line feed, or the text's end), adding the surrogate pairs that
 * start on it from `at` on, before `to`, to `pairStarts`.
 */
function pairsUpToLineEnd(text: string, at: number, to: number, pairStarts: number[]): number {
  for (;;) {
    if (at >= text.length || text.charCodeAt(at) === 0x0a) return at;
    const code = text.charCodeAt(at);
    if (code >= 0xd800 && code <= 0xdbff && at + 1 < text.length) {
      const next = text.charCodeAt(at + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        if (at < to) pairStarts.push(at);
        at++;
      }
    }
    NOT_PLAIN_ASCII.lastIndex = at + 1;
    at = NOT_PLAIN_ASCII.test(text) ? NOT_PLAIN_ASCII.lastIndex - 1 : text.length;
  }
}

/** The top-level blocks of text[from, to) as markdown-it's block pass finds them (topLevelBlocks, for any text). */
export function markdownItBlocks(text: string, from: number, to: number, env: Record<string, unknown> = {}): TextBlock[] {
  const slice = text.slice(from, to);
  const lines = new LineIndex(slice);
  const lineStart = (line: number) => from + lines.offsetAt({ line, column: 0 });
  const lineEnd = (line: number) => lineStart(line) + lines.lineText(line).length;
  const blocks: TextBlock[] = [];
  for (const token of OUTLINE.parse(slice, env)) {
    if (token.level !== 0 || token.nesting < 0 || !token.map) continue;
    const [first, end] = token.map;
    blocks.push({ start: lineStart(first), end: Math.max(lineStart(first), lineEnd(Math.max(first, end - 1))), open: OPEN_BLOCKS.has(token.type), kind: token.type });
  }
  return blocks;
}

/** Blocks are read together up to about this much text; a single paragraph longer than the largest is matched on its source, as it is. */
const CHUNK_CHARS = 64 * 1024;
const PLAIN_BLOCK_CHARS = 1024 * 1024;

/** Runs of consecutive blocks of up to about `maxChars` (a longer block alone), as [from, to) of the text, with the first block. */
export function* chunksOf(blocks: readonly TextBlock[], maxChars = CHUNK_CHARS): Generator<{ from: number; to: number; first: TextBlock }> {
  for (let first = 0; first < blocks.length; ) {
    let last = first;
    while (last + 1 < blocks.length && blocks[last + 1].end - blocks[first].start <= maxChars) last++;
    yield { from: blocks[first].start, to: blocks[last].end, first: blocks[first] };
    first = last + 1;
  }
}

/** Where a quote given as a reader sees it is in the source. */
export type ReadingQuoteOccurrences = Map<string, Array<{ start: number; end: number }>>;

/**
 * One reading of the given blocks (in order), a few at a time with a pause between: the names a reader
 * sees (with `matcher`), and where quotes copied from what a reader sees (a preview, the reading page,
 * the published page: across links, emphasis, entities and line breaks) are in the source.
 */
export function* readBlocksInSteps(matcher: AliasMatcher | undefined, text: string, blocks: readonly TextBlock[], quotes: readonly string[] = []): ResumableWork<{ matches: AliasMatch[]; quotes: ReadingQuoteOccurrences }> {
  const matches: AliasMatch[] = [];
  const found: ReadingQuoteOccurrences = new Map();
  const index = quotes.length > 0 ? new QuoteIndex(quotes) : undefined;
  if (index) yield;
  // A paragraph of one line without markup reads as its own source: its names are matched there, without
  // markdown-it (most of an article's prose; reading the others costs ten times the matching). Not when
  // quotes are looked for: a quote a reader copied may run across paragraphs.
  const direct = matcher !== undefined && !index && !matcher.spansLines ? matcher : undefined;
  const plainOf = (block: TextBlock) => (direct ? plainParagraph(text, block) : undefined);
  let plainChars = 0;
  let next: { start: number; end: number } | undefined;
  for (let first = 0; first < blocks.length; ) {
    const plain = next ?? plainOf(blocks[first]);
    next = undefined;
    if (plain && direct) {
      // Plain paragraphs with only line breaks between them are matched in one scan: no name holds a
      // line break (direct), so no match runs across, and the scan's setup is paid once, not per paragraph.
      let end = plain.end;
      first++;
      while (first < blocks.length && end - plain.start < CHUNK_CHARS) {
        next = plainOf(blocks[first]);
        if (!next || !onlyLineBreaks(text, end, next.start)) break;
        end = next.end;
        next = undefined;
        first++;
      }
      for (const match of direct.findAll(text, plain.start, end)) matches.push(match);
      plainChars += end - plain.start;
      if (plainChars >= CHUNK_CHARS) {
        plainChars = 0;
        yield;
      }
      continue;
    }
    // The run of blocks up to the next plain paragraph is read.
    let last = first;
    while (last + 1 < blocks.length && !plainOf(blocks[last + 1])) last++;
    yield* readRun(matcher, text, blocks.slice(first, last + 1), index, matches, found);
    first = last + 1;
  }
  return { matches, quotes: found };
}

/** Reads a run of blocks, a chunk at a time: the names a reader sees, and the quotes looked for. */
function* readRun(matcher: AliasMatcher | undefined, text: string, run: readonly TextBlock[], index: QuoteIndex | undefined, matches: AliasMatch[], found: ReadingQuoteOccurrences): ResumableWork<void> {
  for (const { from, to } of chunksOf(run)) {
    if (to - from > PLAIN_BLOCK_CHARS) {
      // A paragraph of megabytes (no real article has one): markdown-it's inline pass over it cannot
      // pause, so names are matched on its source as it is, and no quote is looked for in it.
      if (matcher) for (const match of yield* matcher.findAllInSteps(text, from, to)) matches.push(match);
      continue;
    }
    const reading = buildReadingText(text, from, to);
    if (matcher) for (const match of matchesOn(matcher, reading)) matches.push(match);
    if (index) {
      for (const [quote, offsets] of yield* index.occurrencesInSteps(reading.text)) {
        for (const at of offsets) {
          let list = found.get(quote);
          if (!list) found.set(quote, (list = []));
          list.push(withWholeMarkup(text, reading.toSource(at), reading.toSourceEnd(at + quote.length)));
        }
      }
    }
    yield;
  }
}

/** Whether text[from, to) is line feeds only. */
function onlyLineBreaks(text: string, from: number, to: number): boolean {
  for (let at = from; at < to; at++) if (text.charCodeAt(at) !== 0x0a) return false;
  return true;
}


/**
 * The source range of a block that a reader sees exactly as it is written: a paragraph of one line with
 * no inline markup, in NFC; its reading text is the line without its surrounding spaces and tabs. Known
 * from the prose pass when it found the block; otherwise one search of the line (a slice of the text,
 * not a copy, so that the search stops at the block's end), and its normalisation only when it holds
 * more than ASCII.
 */
function plainParagraph(text: string, block: TextBlock): { start: number; end: number } | undefined {
  if (block.kind !== 'paragraph_open' || block.end - block.start > PLAIN_BLOCK_CHARS) return undefined;
  if (block.plain) return withoutSpacesAround(text, block.start, block.end);
  const line = text.slice(block.start, block.end);
  let asciiOnly = true;
  NOT_PLAIN_ASCII.lastIndex = 0;
  while (NOT_PLAIN_ASCII.test(line)) {
    if (line.charCodeAt(NOT_PLAIN_ASCII.lastIndex - 1) < 0x80) return undefined;
    asciiOnly = false;
  }
  if (!asciiOnly && line.normalize('NFC') !== line) return undefined;
  return withoutSpacesAround(text, block.start, block.end);
}

/** text[start, end) without the spaces and tabs around it: markdown-it strips those around a paragraph, and only those (a no-break space stays). */
function withoutSpacesAround(text: string, start: number, end: number): { start: number; end: number } {
  const isSpaceOrTab = (code: number) => code === 0x20 || code === 0x09;
  while (start < end && isSpaceOrTab(text.charCodeAt(start))) start++;
  while (end > start && isSpaceOrTab(text.charCodeAt(end - 1))) end--;
  return { start, end };
}

/**
 * A source range widened to the markup that opens or closes inside it: "[Iran](…) said" rather than
 * "Iran](…) said", "*said*" rather than "said*", so that a stored quote is Markdown that reads whole.
 */
export function withWholeMarkup(text: string, start: number, end: number): { start: number; end: number } {
  // A quote that is a link's whole text takes in the link.
  if (text[start - 1] === '[' && text[end] === ']') start--;
  const inside = text.slice(start, end);
  // An opening bracket or emphasis run just before, whose closing is inside.
  for (;;) {
    const before = text[start - 1];
    if (before === '[' && inside.includes(']')) start--;
    else if ((before === '*' || before === '_' || before === '~') && text.slice(start, end).includes(before)) start--;
    else break;
  }
  // The closing bracket and destination of a link whose text ends inside.
  if (text[end] === ']' && text.slice(start, end).includes('[')) {
    const close = text[end + 1] === '(' ? text.indexOf(')', end + 1) : -1;
    end = close === -1 ? end + 1 : close + 1;
  }
  // The closing runs of emphasis opened inside ("*said" → "*said*").
  for (const marker of ['*', '_', '~']) {
    let open = unclosedRun(text.slice(start, end), marker);
    while (open > 0 && text[end] === marker) {
      end++;
      open--;
    }
  }
  return { start, end };
}

/** How many `marker` characters of emphasis runs opened in `text` are not closed in it (a run opens before a word, closes after one). */
function unclosedRun(text: string, marker: string): number {
  const runs: number[] = [];
  for (let i = 0; i < text.length; ) {
    if (text[i] !== marker) {
      i++;
      continue;
    }
    let j = i;
    while (text[j] === marker) j++;
    const length = j - i;
    const opens = j < text.length && !/\s/.test(text[j]) && (i === 0 || /[\s([{"'“‘]/.test(text[i - 1]));
    if (opens) runs.push(length);
    else {
      let closing = length;
      while (closing > 0 && runs.length > 0) {
        const top = runs.pop()!;
        if (top > closing) runs.push(top - closing);
        closing -= Math.min(top, closing);
      }
    }
    i = j;
  }
  return runs.reduce((sum, run) => sum + run, 0);
}

/** The matches a reader sees in text[from, to), a run of whole top-level blocks, in order, with source offsets. */
export function readingMatches(matcher: AliasMatcher, text: string, from: number, to: number): AliasMatch[] {
  if (to <= from || matcher.patternCount === 0) return [];
  return matchesOn(matcher, buildReadingText(text, from, to));
}

/** The matches on a reading text, outside its verbatim ranges, with source offsets. */
function matchesOn(matcher: AliasMatcher, reading: ReadingText): AliasMatch[] {
  if (matcher.patternCount === 0) return [];
  const verbatim = new IntervalSweep(reading.verbatim, (interval) => interval);
  const composed = composedText(reading.text);
  const matches: AliasMatch[] = [];
  for (const found of matcher.findAll(composed.text)) {
    const match = { start: composed.toReading(found.start), end: composed.toReading(found.end) };
    if (verbatim.overlapping(match).length > 0) continue;
    matches.push({ start: reading.toSource(match.start), end: reading.toSourceEnd(match.end), pattern: found.pattern });
  }
  return matches;
}

/**
 * The text in Unicode NFC, as names are (an accent typed as a character of its own, NFD, is composed
 * with its letter), and where each of its offsets is in the text; the text itself when it is in NFC.
 */
function composedText(text: string): { text: string; toReading: (offset: number) => number } {
  if (text.normalize('NFC') === text) return { text, toReading: (offset) => offset };
  const parts: string[] = [];
  // For each offset of the composed text, where its letter and marks start in the text.
  const starts: number[] = [];
  for (const cluster of text.matchAll(/\P{M}\p{M}*|\p{M}+/gsu)) {
    const composed = cluster[0].normalize('NFC');
    parts.push(composed);
    for (let i = 0; i < composed.length; i++) starts.push(cluster.index!);
  }
  starts.push(text.length);
  return { text: parts.join(''), toReading: (offset) => starts[Math.min(offset, starts.length - 1)] };
}
