import MarkdownIt from 'markdown-it';
import type { ParsedArticle } from './articleParser';

/** A paragraph of the article as a reader counts it: its number (from 1) and where it is. */
export interface ArticleParagraph {
  number: number;
  start: number;
  end: number;
}

/** Ends like a sentence: a full stop, question or exclamation mark, colon or ellipsis, then perhaps closing quotes or brackets. */
const SENTENCE_END = /[.!?:;…]["'”’»)\]*_]*\s*$/;

/**
 * The article's paragraphs, numbered the way a reader counts them: top-level paragraphs of the
 * Markdown body that end like a sentence. Headings, block quotes (the captions), lists, tables, code
 * and the front matter are not counted, nor are lines such as a byline or a dateline that do not end
 * like a sentence.
 */
export function articleParagraphs(article: ParsedArticle): ArticleParagraph[] {
  const body = article.source.text.slice(article.bodyStart);
  const tokens = new MarkdownIt().parse(body, {});
  // Offsets of the body's lines, to turn markdown-it's line maps into offsets of the whole text.
  const lineStarts = [0];
  for (let i = 0; i < body.length; i++) if (body.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const paragraphs: ArticleParagraph[] = [];
  for (const token of tokens) {
    if (token.type !== 'paragraph_open' || token.level !== 0 || !token.map) continue;
    const [firstLine, endLine] = token.map;
    const start = article.bodyStart + lineStarts[firstLine];
    const end = article.bodyStart + (endLine < lineStarts.length ? lineStarts[endLine] : body.length);
    if (!SENTENCE_END.test(article.source.text.slice(start, end))) continue;
    paragraphs.push({ number: paragraphs.length + 1, start, end });
  }
  return paragraphs;
}

/** The number of the paragraph a passage starts in; undefined for a passage in a heading or caption. */
export function paragraphNumberAt(paragraphs: readonly ArticleParagraph[], offset: number): number | undefined {
  return paragraphs.find((paragraph) => paragraph.start <= offset && offset < paragraph.end)?.number;
}
