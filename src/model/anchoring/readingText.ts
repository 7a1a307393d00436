import MarkdownIt from 'markdown-it';
import type MarkdownItModule from 'markdown-it';
import type { Interval } from '../text/intervalSweep';
import { lineStartOffsets } from '../text/lineIndex';
import { markdownItSource } from '../text/markdownItSource';

type Token = MarkdownItModule.Token;

// The text a reader sees of an article's body (issue 12), derived from markdown-it's own tokens, with a
// map between its offsets and the Markdown source's. Rules, which the CommonMark spec tests check
// against the text content of markdown-it's HTML:
// - the text of paragraphs, headings, list items, block quotes, table cells and code, in order; blocks
//   are separated by a blank line ("\n\n"), table cells by a tab and rows by a line break;
// - a soft line break reads as a space, a hard one as "\n"; entities and backslash escapes as the
//   characters they stand for;
// - link text is read, link destinations and titles are not; images' alt text is not (it is not shown);
// - raw HTML contributes nothing (tags are dropped, and an HTML block entirely); text between inline
//   tags is read;
// - code spans, code blocks and autolinks are read, and listed as verbatim: shown, but never where
//   names are looked for.

export interface ReadingText {
  /** The text a reader sees of the body. */
  readonly text: string;
  /** Where the code, code blocks and addresses are, in reading offsets (sorted). */
  readonly verbatim: readonly Interval[];
  /** The text with each run of white space one space, and none at either end (as a browser finds text); made on first use. */
  readonly squeezed: string;
  /** The source offset of a reading offset (a character that stands for markup maps to where that markup starts; the end maps to the end). */
  toSource(readingOffset: number): number;
  /** The reading offset of a source offset: of the first character a reader sees at or after it. */
  toReading(sourceOffset: number): number;
  /** The source offset just after what the reading character before `readingEnd` stands for. */
  toSourceEnd(readingEnd: number): number;
}

/**
 * Runs of the reading text: `length` reading characters from `readingStart` stand for `sourceLength`
 * source characters from `sourceStart`. Equal lengths with `copied` set mean character for character.
 */
interface Segment {
  readingStart: number;
  sourceStart: number;
  length: number;
  sourceLength: number;
  copied: boolean;
}

const PARSER = new MarkdownIt({ html: true, linkify: false, typographer: false });
// Entities and escapes stay tokens of their own, each with its source form.
PARSER.disable('text_join');

/** The reading text of source[from, to) (the body, after the front matter; or some of its top-level blocks). */
export function buildReadingText(source: string, from = 0, to = source.length): ReadingText {
  const bodyStart = from;
  // markdown-it reads CRLF and CR as LF and NUL as U+FFFD; offsets in its text map back through the CRs it dropped.
  const body = source.slice(from, to);
  const droppedCrs: number[] = [];
  for (let at = body.indexOf('\r\n'); at !== -1; at = body.indexOf('\r\n', at + 2)) droppedCrs.push(at);
  const normalized = markdownItSource(body);
  const toOriginal = (offset: number): number => {
    let low = 0;
    let high = droppedCrs.length;
    // The number of dropped CRs before the original position of `offset`.
    while (low < high) {
      const middle = (low + high) >> 1;
      if (droppedCrs[middle] - middle < offset) low = middle + 1;
      else high = middle;
    }
    return bodyStart + offset + low;
  };
  const builder = new ReadingTextBuilder(normalized);
  builder.read(PARSER.parse(normalized, {}));
  return builder.finish(toOriginal);
}

class ReadingTextBuilder {
  private readonly parts: string[] = [];
  private length = 0;
  private readonly segments: Segment[] = [];
  private readonly verbatim: Interval[] = [];
  private readonly lineStarts: number[];
  /** Whether a block has been read since the last separator. */
  private blockOpen = false;

  constructor(private readonly src: string) {
    this.lineStarts = lineStartOffsets(src);
  }

  read(tokens: readonly Token[]): void {
    let row: number | undefined;
    let cellCursor = 0;
    for (const token of tokens) {
      if (token.type === 'tr_open' && token.map) {
        row = token.map[0];
        cellCursor = this.lineStarts[row];
        continue;
      }
      if (token.type === 'inline') {
        if (token.map) {
          this.startBlock('\n\n', this.lineStarts[token.map[0]]);
          this.readInline(token, this.inlineSourceMap(token.content, token.map[0]));
        } else if (row !== undefined) {
          // A table cell: its text, in order on its row's line (an escaped "|" reads as "|").
          const cell = this.cellSourceMap(token.content, cellCursor, this.lineEnd(row));
          this.startBlock(cellCursor === this.lineStarts[row] ? '\n\n' : '\t', cell.at);
          this.readInline(token, cell.map);
          cellCursor = cell.end;
        }
        continue;
      }
      if ((token.type === 'fence' || token.type === 'code_block') && token.map) {
        const first = token.type === 'fence' ? token.map[0] + 1 : token.map[0];
        this.startBlock('\n\n', this.lineStarts[first] ?? this.src.length);
        const map = this.linesSourceMap(token.content.replace(/\n$/, ''), first);
        const start = this.length;
        this.append(token.content.replace(/\n$/, ''), 0, map);
        this.verbatim.push({ start, end: this.length });
      }
      if (token.type === 'tr_close') row = undefined;
    }
  }

  /** Starts a block's text: a separator from the last block, mapped to where this one starts. */
  private startBlock(separator: string, sourceAt: number): void {
    if (this.blockOpen) this.push(separator, sourceAt, 0, false);
    this.blockOpen = true;
  }

  private lineEnd(line: number): number {
    return line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] - 1 : this.src.length;
  }

  /**
   * Source offsets of each character of an inline token's content (and of its end). The content is
   * the block's lines without their markers and indentation, trimmed: each of its lines is the end of
   * a source line (the last one before trailing white space), read from the right.
   */
  private inlineSourceMap(content: string, firstLine: number): number[] {
    return this.linesSourceMap(content, firstLine, true);
  }

  private linesSourceMap(content: string, firstLine: number, trimmed = false): number[] {
    const map: number[] = new Array(content.length + 1);
    const lines = content.split('\n');
    let at = 0;
    lines.forEach((line, k) => {
      const sourceLine = Math.min(firstLine + k, this.lineStarts.length - 1);
      const lineStart = this.lineStarts[sourceLine];
      let lineEnd = this.lineEnd(sourceLine);
      if (trimmed && k === lines.length - 1) while (lineEnd > lineStart && /[ \t]/.test(this.src[lineEnd - 1])) lineEnd--;
      // Right-aligned on its source line; else (a heading's closing #s) its first occurrence in it.
      let start = lineEnd - line.length;
      if (!(start >= lineStart && this.src.startsWith(line, start))) {
        const found = this.src.indexOf(line, lineStart);
        start = found !== -1 && found + line.length <= lineEnd ? found : -1;
      }
      if (start !== -1) {
        for (let i = 0; i < line.length; i++) map[at + i] = start + i;
        map[at + line.length] = k + 1 < lines.length ? lineEnd : start + line.length;
      } else {
        // Found nowhere (tabs expanded into spaces in code): the common end character for character, the
        // white space before it on the characters before.
        let c = line.length;
        let s = lineEnd;
        while (c > 0 && s > lineStart && this.src[s - 1] === line[c - 1]) map[at + --c] = --s;
        for (let i = 0; i < c; i++) map[at + i] = Math.max(lineStart, s - (c - i));
        map[at + line.length] = lineEnd;
      }
      at += line.length + 1;
    });
    map[content.length] = map[content.length] ?? this.src.length;
    return map;
  }

  /** A table cell's content on its row's line, from `from`: where it starts and ends, and each character's source offset. */
  private cellSourceMap(content: string, from: number, lineEnd: number): { at: number; end: number; map: number[] } {
    const pattern = new RegExp(content.replace(/[.*+?^${}()|[\]\\]/g, (c) => (c === '|' ? '\\\\?\\|' : `\\${c}`)), 'g');
    pattern.lastIndex = from;
    const match = content.length > 0 ? pattern.exec(this.src) : null;
    const at = match && match.index < lineEnd ? match.index : from;
    const map: number[] = [];
    let s = at;
    for (let i = 0; i < content.length; i++) {
      if (content[i] === '|' && this.src[s] === '\\') s++;
      map.push(s);
      s++;
    }
    map.push(s);
    return { at, end: match && match.index < lineEnd ? s : from, map };
  }

  private readInline(inline: Token, map: number[]): void {
    const content = inline.content;
    let cursor = 0;
    const find = (needle: string) => {
      const at = content.indexOf(needle, cursor);
      return at === -1 ? cursor : at;
    };
    const children = inline.children ?? [];
    for (let k = 0; k < children.length; k++) {
      const token = children[k];
      switch (token.type) {
        case 'text': {
          const at = find(token.content);
          this.append(token.content, at, map);
          cursor = at + token.content.length;
          break;
        }
        case 'text_special': {
          // An entity or an escape: the characters it stands for, mapped to its source form.
          const at = find(token.markup);
          this.push(token.content, map[at], map[Math.min(at + token.markup.length, content.length)] - map[at], false);
          cursor = at + token.markup.length;
          break;
        }
        case 'softbreak':
        case 'hardbreak': {
          const at = content.indexOf('\n', cursor);
          if (at === -1) break;
          this.push(token.type === 'softbreak' ? ' ' : '\n', map[at], map[at + 1] - map[at], false);
          cursor = at + 1;
          break;
        }
        case 'code_inline': {
          const open = find(token.markup);
          const innerStart = open + token.markup.length;
          const close = closingBackticks(content, innerStart, token.markup.length);
          const inner = content.slice(innerStart, close);
          const offset = inner.length === token.content.length + 2 ? 1 : 0;
          const start = this.length;
          this.append(token.content, innerStart + offset, map);
          this.verbatim.push({ start, end: this.length });
          cursor = close + token.markup.length;
          break;
        }
        case 'link_open':
          if (token.markup === 'autolink') {
            // <address>: what is shown is the address, perhaps normalised; it stands for the whole.
            const open = find('<');
            const close = content.indexOf('>', open);
            const shown = children[k + 1]?.type === 'text' ? children[k + 1].content : '';
            const start = this.length;
            if (content.slice(open + 1, close) === shown) this.append(shown, open + 1, map);
            else this.push(shown, map[open], map[close + 1] - map[open], false);
            this.verbatim.push({ start, end: this.length });
            cursor = close + 1;
            k += 2; // its text and link_close
          } else {
            cursor = find('[') + 1;
          }
          break;
        case 'link_close':
          cursor = skipDestination(content, find(']') + 1);
          break;
        case 'image': {
          const open = find('![');
          const label = new PARSER.inline.State(content, PARSER, {}, []);
          const end = PARSER.helpers.parseLinkLabel(label, open + 1, false);
          cursor = end < 0 ? open + 2 : skipDestination(content, end + 1);
          break;
        }
        case 'html_inline':
          cursor = find(token.content) + token.content.length;
          break;
        default:
          // Emphasis and strikethrough delimiters: passed over.
          if (token.markup && /^[*_~]+$/.test(token.markup)) cursor = find(token.markup) + token.markup.length;
      }
    }
  }

  /**
   * Appends visible text whose characters are those of the inline content from `contentStart`, mapped
   * through `map`: runs that are the source's own characters are copied; any other character (a tab
   * read as spaces, a line break read as a space) stands for the source character it maps to.
   */
  private append(visible: string, contentStart: number, map: number[]): void {
    let runStart = 0;
    const sourceOf = (i: number) => map[Math.min(contentStart + i, map.length - 1)];
    const flush = (end: number) => {
      if (end > runStart) this.push(visible.slice(runStart, end), sourceOf(runStart), end - runStart, true);
    };
    for (let i = 0; i < visible.length; i++) {
      const same = this.src[sourceOf(i)] === visible[i];
      const contiguous = i === runStart || sourceOf(i) === sourceOf(i - 1) + 1;
      if (same && contiguous) continue;
      flush(i);
      runStart = i;
      if (!same) {
        this.push(visible[i], sourceOf(i), 1, false);
        runStart = i + 1;
      }
    }
    flush(visible.length);
  }

  private push(text: string, sourceStart: number, sourceLength: number, copied: boolean): void {
    if (text.length === 0) return;
    // A copied run must be the source's own characters.
    const isCopy = copied && sourceLength === text.length && this.src.startsWith(text, sourceStart);
    this.segments.push({ readingStart: this.length, sourceStart, length: text.length, sourceLength: Math.max(0, sourceLength), copied: isCopy });
    this.parts.push(text);
    this.length += text.length;
  }

  finish(toOriginal: (offset: number) => number): ReadingText {
    return new MappedReadingText(this.parts.join(''), this.segments, this.verbatim, toOriginal, this.src.length);
  }
}

/** The index where the closing run of `count` backticks starts, from `from` (a run of another length does not close). */
function closingBackticks(content: string, from: number, count: number): number {
  for (let at = content.indexOf('`', from); at !== -1; at = content.indexOf('`', at)) {
    let end = at;
    while (content[end] === '`') end++;
    if (end - at === count) return at;
    at = end;
  }
  return content.length;
}

/** After a link's "]": past its "(destination "title")" or "[label]", if it has one. */
function skipDestination(content: string, at: number): number {
  if (content[at] === '(') {
    let pos = at + 1;
    while (pos < content.length && /\s/.test(content[pos])) pos++;
    const destination = PARSER.helpers.parseLinkDestination(content, pos, content.length);
    if (destination.ok) pos = destination.pos;
    while (pos < content.length && /\s/.test(content[pos])) pos++;
    const title = PARSER.helpers.parseLinkTitle(content, pos, content.length);
    if (title.ok) pos = title.pos;
    while (pos < content.length && /\s/.test(content[pos])) pos++;
    return content[pos] === ')' ? pos + 1 : at;
  }
  if (content[at] === '[') {
    const close = content.indexOf(']', at);
    return close === -1 ? at : close + 1;
  }
  return at;
}

class MappedReadingText implements ReadingText {
  private squeezedText: string | undefined;

  constructor(
    readonly text: string,
    private readonly segments: readonly Segment[],
    readonly verbatim: readonly Interval[],
    private readonly toOriginal: (offset: number) => number,
    private readonly sourceLength: number,
  ) {}

  toSource(readingOffset: number): number {
    const segments = this.segments;
    if (segments.length === 0) return this.toOriginal(0);
    let low = 0;
    let high = segments.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (segments[middle].readingStart <= readingOffset) low = middle;
      else high = middle - 1;
    }
    const segment = segments[low];
    const within = readingOffset - segment.readingStart;
    if (within >= segment.length) return this.toOriginal(Math.min(segment.sourceStart + segment.sourceLength, this.sourceLength));
    return this.toOriginal(segment.copied ? segment.sourceStart + within : segment.sourceStart);
  }

  get squeezed(): string {
    return (this.squeezedText ??= squeezeWhiteSpace(this.text));
  }

  toSourceEnd(readingEnd: number): number {
    if (readingEnd <= 0) return this.toSource(0);
    const segments = this.segments;
    let low = 0;
    let high = segments.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (segments[middle].readingStart <= readingEnd - 1) low = middle;
      else high = middle - 1;
    }
    const segment = segments[low];
    const within = readingEnd - 1 - segment.readingStart;
    return this.toOriginal(segment.copied ? segment.sourceStart + within + 1 : segment.sourceStart + segment.sourceLength);
  }

  toReading(sourceOffset: number): number {
    const segments = this.segments;
    // Segments are in source order too: binary search for the last that starts at or before.
    let low = 0;
    let high = segments.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.toOriginal(segments[middle].sourceStart) <= sourceOffset) low = middle + 1;
      else high = middle;
    }
    if (low === 0) return 0;
    const segment = segments[low - 1];
    const start = this.toOriginal(segment.sourceStart);
    if (segment.copied && sourceOffset - start < segment.length) return segment.readingStart + (sourceOffset - start);
    return sourceOffset === start ? segment.readingStart : segment.readingStart + segment.length;
  }
}

/** The reading text's range of source[start, end): where a reader sees what it stands for (empty if nothing). */
export function readingRange(reading: ReadingText, start: number, end: number): { start: number; end: number } {
  const from = reading.toReading(start);
  return { start: from, end: Math.max(from, reading.toReading(end)) };
}

/** Runs of white space made one space, and none at either end. */
export function squeezeWhiteSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
