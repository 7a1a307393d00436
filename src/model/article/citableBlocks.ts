import MarkdownIt from 'markdown-it';
import type MarkdownItModule from 'markdown-it';
import type { ParsedArticle } from './articleParser';
import { markdownItSource } from '../text/markdownItSource';

type Token = MarkdownItModule.Token;

/**
 * Where a passage is, in terms a reader can find on the page:
 * - a paragraph, numbered through the article;
 * - a list item, by its number (nested ones as 3.2; an ordered list's own numbers), in its list (counted
 *   under the nearest heading, and named only when that heading has more than one);
 * - a table row (the header row is 0) and cell, the cell named by its column's header;
 * - a heading, by its text.
 */
export type PassageLocator =
  | { kind: 'paragraph'; paragraph: number }
  | { kind: 'heading'; heading: string }
  | { kind: 'item'; section?: string; list?: number; item: string }
  | { kind: 'cell'; section?: string; table?: number; row: number; column: number; columnName?: string };

/** A row's locator before its cell is known. */
interface RowBlock {
  kind: 'row';
  section?: string;
  table?: number;
  row: number;
  columnNames: string[];
  /** Offset in the file where the row's line starts. */
  lineStart: number;
}

type Block = Exclude<PassageLocator, { kind: 'cell' }> | RowBlock;

/** Ends like a sentence: a full stop, question or exclamation mark, colon or ellipsis, then perhaps closing quotes or brackets. */
const SENTENCE_END = /[.!?:;…]["'”’»)\]*_]*\s*$/;

/** Headings of the sections whose lists and paragraphs are references, not the article's text. */
const REFERENCE_HEADING = /^(?:references?|notes?|footnotes|endnotes|sources?|bibliography|works cited|further reading|literatur|quellen|einzelnachweise|anmerkungen|références|notes et références|referencias|fuentes|notas)$/i;

/** A list entry or paragraph that is a reference: "[1] …", "[^1]: …", "^ …". */
const REFERENCE_ENTRY = /^\s*(?:\[\^?[\w-]+\](?::|\s)|\^\s)/;

const PARSER = new MarkdownIt({ html: true, linkify: false, typographer: false });

/**
 * The article's citable blocks, for citations' locators. Each line of the body belongs to at most one
 * innermost block. The rule, as a reader counts:
 * - paragraphs at the top level and in quotations are numbered through the article, if they end like a
 *   sentence (a byline or a dateline does not);
 * - list items and table rows have their own locators (see PassageLocator), and paragraphs in them are
 *   part of the item;
 * - figures are not citable and not counted: a paragraph of images only, the paragraph in emphasis after
 *   it (its caption), a block quote that opens with a paragraph in emphasis (a converted figure: picture,
 *   caption, credit; see the README), and raw HTML;
 * - nor are reference lists: the lists and paragraphs under a heading such as "References", "Notes" or
 *   "Sources", a list whose every item starts like "[1]", and footnote definitions ("[^1]: …").
 */
export class CitableBlocks {
  private readonly blocks: Block[] = [];
  /** The block of each body line, as an index into `blocks`; -1 for none. */
  private readonly lineBlock: Int32Array;
  /** The file's line where the body starts (markdown-it counts lines as the file's line index does: CRLF, CR and LF). */
  private readonly firstLine: number;

  constructor(private readonly article: ParsedArticle) {
    const lines = article.source.lineIndex;
    this.firstLine = lines.locationAt(article.bodyStart).line;
    this.lineBlock = new Int32Array(lines.lineCount - this.firstLine).fill(-1);
    this.read(PARSER.parse(markdownItSource(article.source.text.slice(article.bodyStart)), {}));
  }

  /** The locator of the passage starting at `offset` (of the file), or undefined where there is none. */
  locatorAt(offset: number): PassageLocator | undefined {
    const line = offset < this.article.bodyStart ? -1 : this.article.source.lineIndex.locationAt(offset).line - this.firstLine;
    const index = line >= 0 && line < this.lineBlock.length ? this.lineBlock[line] : -1;
    if (index === -1) return undefined;
    const block = this.blocks[index];
    if (block.kind !== 'row') return block;
    const column = columnAt(this.article.source.text, block.lineStart, offset);
    return { kind: 'cell', section: block.section, table: block.table, row: block.row, column: column + 1, columnName: block.columnNames[column] || undefined };
  }

  private read(tokens: readonly Token[]): void {
    let section: string | undefined;
    /** Lists and tables are counted per section (each heading starts one). */
    let sectionNumber = 0;
    let referenceLevel: number | undefined;
    let paragraphs = 0;
    const groups: Array<{ key: string; number: number; blocks: Array<{ kind: string; list?: number; table?: number }>; kind: 'list' | 'table' }> = [];
    const counts = new Map<string, number>();
    const openGroup = (kind: 'list' | 'table') => {
      const key = `${kind} ${sectionNumber}`;
      const number = (counts.get(key) ?? 0) + 1;
      counts.set(key, number);
      const group = { key, number, blocks: [], kind };
      groups.push(group);
      return group;
    };
    const items: string[] = [];
    const lists: Array<{ ordered: boolean; next: number; references: boolean; group: (typeof groups)[number] }> = [];
    let quoteDepth = 0;
    let figureQuoteDepth: number | undefined;
    let afterFigure = false;
    let table: { group: (typeof groups)[number]; columnNames: string[]; row: number } | undefined;

    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i];
      const citable = referenceLevel === undefined && figureQuoteDepth === undefined;
      switch (token.type) {
        case 'heading_open': {
          const text = inlineText(tokens[i + 1]);
          const level = Number(token.tag.slice(1));
          if (referenceLevel !== undefined && level <= referenceLevel) referenceLevel = undefined;
          if (REFERENCE_HEADING.test(text.replace(/[:.]\s*$/, '').trim())) referenceLevel = level;
          section = text || undefined;
          sectionNumber++;
          if (referenceLevel === undefined && figureQuoteDepth === undefined && section) this.assign(token, { kind: 'heading', heading: section });
          break;
        }
        case 'blockquote_open':
          quoteDepth++;
          if (figureQuoteDepth === undefined && tokens[i + 1]?.type === 'paragraph_open' && isWhollyEmphasised(tokens[i + 2])) figureQuoteDepth = quoteDepth;
          break;
        case 'blockquote_close':
          if (figureQuoteDepth === quoteDepth) figureQuoteDepth = undefined;
          quoteDepth--;
          break;
        case 'bullet_list_open':
        case 'ordered_list_open': {
          const ordered = token.type === 'ordered_list_open';
          const parent = lists[lists.length - 1];
          // A list in a list item is part of that item (its items are numbered 3.1, 3.2…).
          const group = parent ? parent.group : openGroup('list');
          const references = !citable || (parent?.references ?? false) || isReferenceList(tokens, i);
          lists.push({ ordered, next: ordered ? Number(token.attrGet('start') ?? 1) : 1, references, group });
          break;
        }
        case 'bullet_list_close':
        case 'ordered_list_close':
          lists.pop();
          break;
        case 'list_item_open': {
          const list = lists[lists.length - 1];
          // An ordered list's items carry the numbers the reader sees.
          const number = list.ordered && /^\d+$/.test(token.info) ? token.info : String(list.next);
          list.next = Number(number) + 1;
          items.push(number);
          if (!list.references) {
            const block = { kind: 'item' as const, section, item: items.join('.') };
            list.group.blocks.push(block);
            this.assign(token, block);
          }
          break;
        }
        case 'list_item_close':
          items.pop();
          break;
        case 'table_open':
          table = { group: openGroup('table'), columnNames: [], row: 0 };
          break;
        case 'th_open':
          if (table) table.columnNames.push(inlineText(tokens[i + 1]));
          break;
        case 'tr_open':
          if (table && token.map && citable) {
            const block: RowBlock = { kind: 'row', section, row: table.row, columnNames: table.columnNames, lineStart: this.article.source.lineIndex.offsetAt({ line: this.firstLine + token.map[0], column: 0 }) };
            table.group.blocks.push(block);
            this.assign(token, block);
          }
          if (table) table.row++;
          break;
        case 'table_close':
          table = undefined;
          break;
        case 'paragraph_open': {
          const inline = tokens[i + 1];
          const figure = isFigure(inline);
          const caption = afterFigure && isWhollyEmphasised(inline);
          afterFigure = figure;
          if (figure || caption || !citable || items.length > 0 || table || !token.map) break;
          if (REFERENCE_ENTRY.test(inline.content) || !SENTENCE_END.test(inline.content)) break;
          this.assign(token, { kind: 'paragraph', paragraph: ++paragraphs });
          break;
        }
        case 'paragraph_close':
        case 'inline':
          break;
        default:
          // A caption follows its figure directly.
          if (token.block && token.nesting !== -1) afterFigure = false;
      }
    }
    // A list's or table's number is said only where its section has more than one.
    for (const group of groups) {
      if ((counts.get(group.key) ?? 0) < 2) continue;
      for (const block of group.blocks) block[group.kind] = group.number;
    }
  }

  /** Gives the lines of a token's map to a block; inner blocks come later in the stream and take their lines. */
  private assign(token: Token, block: Block): void {
    if (!token.map) return;
    const index = this.blocks.push(block) - 1;
    this.lineBlock.fill(index, token.map[0], Math.min(token.map[1], this.lineBlock.length));
  }
}

/** What a reader sees of an inline token, roughly: its text and code (for headings and column names). */
function inlineText(inline: Token | undefined): string {
  let text = '';
  for (const child of inline?.children ?? []) {
    if (child.type === 'text' || child.type === 'code_inline') text += child.content;
    else if (child.type === 'softbreak' || child.type === 'hardbreak') text += ' ';
  }
  return text.replace(/\s+/g, ' ').trim();
}

/** A paragraph of images only (and the links and white space around them): a figure. */
function isFigure(inline: Token | undefined): boolean {
  const children = inline?.children ?? [];
  return children.some((child) => child.type === 'image') && children.every((child) => child.type === 'image' || child.type === 'link_open' || child.type === 'link_close' || child.type === 'softbreak' || (child.type === 'text' && !/\S/.test(child.content)));
}

/** A paragraph wholly in emphasis (a caption, a picture's description, a credit). */
function isWhollyEmphasised(inline: Token | undefined): boolean {
  const children = inline?.children ?? [];
  if (children.length < 3) return false;
  const first = children[0].type;
  return (first === 'em_open' || first === 'strong_open') && children[children.length - 1].type === first.replace('_open', '_close') && children[children.length - 1].level === children[0].level;
}

/** A list whose every item starts like a reference ("[1] …", "[^1]: …", "^ …"). */
function isReferenceList(tokens: readonly Token[], open: number): boolean {
  const level = tokens[open].level;
  let items = 0;
  for (let i = open + 1; i < tokens.length && tokens[i].level > level; i++) {
    if (tokens[i].type !== 'list_item_open' || tokens[i].level !== level + 1) continue;
    items++;
    const inline = tokens[i + 2];
    if (tokens[i + 1]?.type !== 'paragraph_open' || inline?.type !== 'inline' || !REFERENCE_ENTRY.test(inline.content)) return false;
  }
  return items > 0;
}

/** The column (from 0) of a table row that `offset` is in: unescaped pipes before it on the row's line, a leading pipe aside. */
function columnAt(text: string, lineStart: number, offset: number): number {
  let at = lineStart;
  while (at < offset && (text[at] === ' ' || text[at] === '\t')) at++;
  if (text[at] === '|') at++;
  let column = 0;
  for (; at < offset; at++) {
    if (text[at] === '\\') at++;
    else if (text[at] === '|') column++;
  }
  return column;
}
