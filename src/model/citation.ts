import type { ArticleModel } from './articleModel';

/**
 * A URL text fragment (#:~:text=) that makes a browser scroll to and highlight the passage; prefix
 * and suffix are added when the passage's words occur more than once in the article.
 */
export function textFragmentUrl(url: string, text: string, start: number, end: number): string {
  const encode = (part: string) => encodeURIComponent(part).replace(/-/g, '%2D').replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const exact = text.slice(start, end).replace(/\s+/g, ' ').trim();
  let directive = encode(exact);
  if (text.indexOf(text.slice(start, end)) !== start || text.indexOf(text.slice(start, end), start + 1) !== -1) {
    const prefix = text.slice(Math.max(0, start - 40), start).split(/\s+/).filter(Boolean).slice(-3).join(' ');
    const suffix = text.slice(end, end + 40).split(/\s+/).filter(Boolean).slice(0, 3).join(' ');
    directive = `${prefix ? `${encode(prefix)}-,` : ''}${directive}${suffix ? `,-${encode(suffix)}` : ''}`;
  }
  return `${url.replace(/#.*$/, '')}#:~:text=${directive}`;
}

/** A Markdown citation of a passage: a block quote, then who says it and where it was published. */
export function markdownCitation(model: ArticleModel, start: number, end: number, speakerId?: string | null): string {
  const { metadata } = model.article;
  const quote = model.article.text.slice(start, end).replace(/\s+/g, ' ').trim();
  const speaker = speakerId ? model.entityById.get(speakerId)?.name : undefined;
  const source = [metadata.authors.join(', '), metadata.title ? `“${metadata.title}”` : undefined, metadata.publisher, metadata.published].filter(Boolean).join(', ');
  const link = metadata.url ? ` ${textFragmentUrl(metadata.url, model.article.text, start, end)}` : '';
  return `> ${quote}\n\n— ${speaker ? `${speaker}, quoted in ` : ''}${source || model.article.fileName}.${link}\n`;
}
