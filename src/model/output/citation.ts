import type { ArticleModel } from '../article/articleModel';
import { w3cPassageTargets, type ArticleIris } from './w3cExport';
import type { PassageLocator } from '../article/citableBlocks';
import { isInstitution, locatorText, quoted } from './citationText';
import { readingRange, squeezeWhiteSpace, type ReadingText } from '../anchoring/readingText';
import { QuoteIndex } from '../anchoring/passageAnchor';
import { finishNow } from '../text/resumableWork';

export const CITATION_FORMATS = ['markdown', 'text', 'csl-json', 'w3c'] as const;
export type CitationFormat = (typeof CITATION_FORMATS)[number];

/** Everything a citation of a passage says, whatever its format. */
export interface CitedPassage {
  quote: string;
  /** Who says it: the claimant, when the passage is a claim. */
  speaker?: string;
  authors: string[];
  title?: string;
  publisher?: string;
  /** ISO date. */
  published?: string;
  /** Where the passage is: its paragraph, list item or table cell. */
  locator?: PassageLocator;
  /** The article's URL with a text fragment that lands on the passage; undefined without a URL. */
  link?: string;
  start: number;
  end: number;
}

/** Characters read around a passage for the words of a text fragment's prefix and suffix. */
const FRAGMENT_CONTEXT = 80;
/** Where a browser's text search stops: between blocks and table cells, and at hard breaks (the reading text's "\n" and "\t"). */
const BLOCK_BOUNDARY = /[\n\t]/;

/** Up to three words just before `start`, all in one block (the passage's own, else the block before it), and none cut by the window. */
function wordsBefore(text: string, start: number): string {
  const windowStart = Math.max(0, start - FRAGMENT_CONTEXT);
  const window = text.slice(windowStart, start).trimEnd();
  const boundary = Math.max(window.lastIndexOf('\n'), window.lastIndexOf('\t'));
  let words = window.slice(boundary + 1).split(/\s+/).filter(Boolean);
  if (boundary === -1 && windowStart > 0 && /\S/.test(text[windowStart - 1]) && /\S/.test(text[windowStart])) words = words.slice(1);
  return words.slice(-3).join(' ');
}

/** Up to three words just after `end`, all in one block, and none cut by the window. */
function wordsAfter(text: string, end: number): string {
  const windowEnd = Math.min(text.length, end + FRAGMENT_CONTEXT);
  const window = text.slice(end, windowEnd).trimStart();
  const boundary = window.search(BLOCK_BOUNDARY);
  let words = (boundary === -1 ? window : window.slice(0, boundary)).split(/\s+/).filter(Boolean);
  if (boundary === -1 && windowEnd < text.length && /\S/.test(text[windowEnd]) && /\S/.test(text[windowEnd - 1])) words = words.slice(0, -1);
  return words.slice(0, 3).join(' ');
}

/**
 * A URL text fragment (#:~:text=) that makes a browser scroll to and mark text[start, end) of the
 * reading text. A browser matches each term of a fragment within one block, so a passage that spans
 * blocks is given as its first and last block's text (textStart,textEnd), and the prefix and suffix
 * (up to three words each, added when the quoted words occur elsewhere in the article, or when the
 * passage spans blocks) are taken from one block each. Every character that the fragment syntax
 * reserves ("-", ",", "&") and every non-ASCII character is percent-encoded. `flat` is the text
 * squeezed (see squeezeWhiteSpace), when the caller has it; `occurrences`, how often the squeezed quote
 * occurs in it, when the caller counted it (see fragmentQuoteCounts), else it is searched for.
 */
export function textFragmentUrl(url: string, text: string, start: number, end: number, flat = squeezeWhiteSpace(text), occurrences?: number): string {
  const encode = (part: string) => encodeURIComponent(part).replace(/-/g, '%2D').replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const exact = squeezeWhiteSpace(text.slice(start, end));
  const blocks = text.slice(start, end).trim().split(/\s*[\n\t]\s*/);
  let directive = blocks.length > 1 ? `${encode(squeezeWhiteSpace(blocks[0]))},${encode(squeezeWhiteSpace(blocks[blocks.length - 1]))}` : encode(exact);
  const unique = occurrences !== undefined ? occurrences === 1 : flat.indexOf(exact) !== -1 && flat.indexOf(exact, flat.indexOf(exact) + 1) === -1;
  if (blocks.length > 1 || !unique) {
    const prefix = wordsBefore(text, start);
    const suffix = wordsAfter(text, end);
    directive = `${prefix ? `${encode(prefix)}-,` : ''}${directive}${suffix ? `,-${encode(suffix)}` : ''}`;
  }
  return `${url.replace(/#.*$/, '')}#:~:text=${directive}`;
}

/** How often each passage's quote occurs in what a reader sees, counted for many passages in one pass: a search of the whole text for each would make an export of every claim quadratic. */
export type QuoteCounts = ReadonlyMap<string, number>;

/** What a reader sees of a reading range, white space squeezed: a citation's quote, and the key of its count. */
function quoteOf(reading: ReadingText, range: { start: number; end: number }): string {
  return squeezeWhiteSpace(reading.text.slice(range.start, range.end));
}

export function fragmentQuoteCounts(model: ArticleModel, passages: ReadonlyArray<{ start: number; end: number }>): QuoteCounts {
  const reading = model.readingText;
  const quotes = passages.map(({ start, end }) => quoteOf(reading, readingRange(reading, start, end)));
  const occurrences = finishNow(new QuoteIndex(quotes).occurrencesInSteps(reading.squeezed));
  return new Map([...occurrences].map(([quote, places]) => [quote, places.length]));
}

/**
 * What a citation of text[start, end) of the article says; the speaker is the claimant's name when
 * given. The quote and the link's text fragment are what a reader sees (no Markdown), as a browser
 * finds it on the published page. `counts` are the quote counts of an export of many passages.
 */
export function citedPassage(model: ArticleModel, start: number, end: number, speakerId?: string | null, counts?: QuoteCounts): CitedPassage {
  const { metadata } = model.article;
  // Built once per model: an export cites every claim.
  const reading = model.readingText;
  const range = readingRange(reading, start, end);
  const quote = quoteOf(reading, range);
  return {
    quote,
    speaker: speakerId ? (model.entityById.get(speakerId)?.name ?? speakerId) : undefined,
    authors: metadata.authors,
    title: metadata.title,
    publisher: metadata.publisher,
    published: metadata.published,
    locator: model.citableBlocks.locatorAt(start),
    link: metadata.url ? textFragmentUrl(metadata.url, reading.text, range.start, range.end, reading.squeezed, counts?.get(quote)) : undefined,
    start,
    end,
  };
}

/** "16 September 2022", in English whatever the machine's locale, so citations read the same everywhere. */
function readableDate(iso: string | undefined): string | undefined {
  const match = iso && /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!match) return iso;
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  return `${Number(match[3])} ${months[Number(match[2]) - 1]} ${match[1]}`;
}

function attribution(cited: CitedPassage, fileName: string): string {
  const source = [
    cited.authors.length > 0 ? cited.authors.join(' and ') : undefined,
    cited.title ? quoted(cited.title) : undefined,
    cited.publisher,
    readableDate(cited.published),
    cited.locator ? locatorText(cited.locator) : undefined,
  ].filter(Boolean);
  return `${cited.speaker ? `${cited.speaker}, quoted in ` : ''}${source.length > 0 ? source.join(', ') : fileName}`;
}

/** A Markdown citation: a block quote of the passage, then who says it and where, with a link to the exact passage. */
export function markdownCitation(model: ArticleModel, start: number, end: number, speakerId?: string | null): string {
  const cited = citedPassage(model, start, end, speakerId);
  const where = attribution(cited, model.article.fileName);
  return `> ${cited.quote}\n\n— ${cited.link ? `[${where}](${cited.link})` : where}.\n`;
}

/** The same as plain text: the quote in quotation marks, the attribution, the link. */
export function plainTextCitation(model: ArticleModel, start: number, end: number, speakerId?: string | null): string {
  const cited = citedPassage(model, start, end, speakerId);
  return `${quoted(cited.quote)} — ${attribution(cited, model.article.fileName)}.${cited.link ? ` ${cited.link}` : ''}\n`;
}

/** CSL-JSON for reference managers: one article-newspaper item, with the paragraph (or list item, or table cell) as its locator. */
export function cslCitation(model: ArticleModel, start: number, end: number, speakerId?: string | null): string {
  return `${JSON.stringify([cslItem(model, start, end, speakerId)], null, 2)}\n`;
}

/** The CSL-JSON item of a passage (see cslCitation); `counts` as for citedPassage. */
export function cslItem(model: ArticleModel, start: number, end: number, speakerId?: string | null, counts?: QuoteCounts): object {
  const cited = citedPassage(model, start, end, speakerId, counts);
  const date = cited.published && /^(\d{4})-(\d{2})-(\d{2})/.exec(cited.published);
  return {
    id: `${model.article.fileName.split(/[\\/]/).pop()?.replace(/\.md$/, '')}-${start}`,
    type: 'article-newspaper',
    title: cited.title,
    'container-title': cited.publisher,
    publisher: cited.publisher,
    author: cited.authors.map((name) => {
      if (isInstitution(name, cited.publisher)) return { literal: name.trim() };
      const parts = name.trim().split(/\s+/);
      return { given: parts.slice(0, -1).join(' '), family: parts[parts.length - 1] };
    }),
    issued: date ? { 'date-parts': [[Number(date[1]), Number(date[2]), Number(date[3])]] } : undefined,
    URL: cited.link,
    // CSL's labels have no list item or table cell: those are a section, written out.
    locator: cited.locator ? (cited.locator.kind === 'paragraph' ? String(cited.locator.paragraph) : locatorText(cited.locator)) : undefined,
    label: cited.locator ? (cited.locator.kind === 'paragraph' ? 'paragraph' : 'section') : undefined,
    note: cited.speaker ? `Quoting ${cited.speaker}: ${quoted(cited.quote)}` : quoted(cited.quote),
  };
}

/** A W3C Web Annotation of the passage: a bookmarking annotation whose targets are the passage on the published page and in the Markdown file. */
export function w3cCitation(model: ArticleModel, start: number, end: number, iris: ArticleIris): string {
  const codePoints = model.article.source.codePoints;
  const annotation = {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    id: `${iris.page ?? iris.file}#passage-${codePoints.toCodePoint(start)}-${codePoints.toCodePoint(end)}`,
    type: 'Annotation',
    motivation: 'bookmarking',
    target: w3cPassageTargets(model, iris, start, end),
  };
  return `${JSON.stringify(annotation, null, 2)}\n`;
}

/** A citation in any of the formats. `iris` name the article in W3C annotations. */
export function formatCitation(format: CitationFormat, model: ArticleModel, start: number, end: number, speakerId: string | null | undefined, iris: ArticleIris): string {
  switch (format) {
    case 'markdown':
      return markdownCitation(model, start, end, speakerId);
    case 'text':
      return plainTextCitation(model, start, end, speakerId);
    case 'csl-json':
      return cslCitation(model, start, end, speakerId);
    case 'w3c':
      return w3cCitation(model, start, end, iris);
  }
}
