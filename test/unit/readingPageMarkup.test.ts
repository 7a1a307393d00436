import * as assert from 'node:assert/strict';
import { AnnotationFileParser } from '../../src/model/format/annotationFileParser';
import { buildArticleModel } from '../../src/model/article/buildArticleModel';
import { parseArticle } from '../../src/model/article/articleParser';
import { readingPageHtml } from '../../src/model/output/readingPage';

// Issue 12: the reading page shows what a reader of the article sees: link text with its highlights
// and claims, and nothing of raw HTML (no literal markup, nothing that could run).

const parser = new AnnotationFileParser();

function page(article: string, annotations: object): string {
  const model = buildArticleModel(parseArticle(article, 'a.md'), parser.parse(JSON.stringify({ version: 1, article: 'a.md', entities: [], claims: [], notes: [], ...annotations }), 'a.annotations.json'));
  const html = readingPageHtml(model);
  return html.slice(html.indexOf('<article id="article">'), html.indexOf('</article>'));
}

describe('The reading page', () => {
  const entities = [{ id: 'iran', kind: 'actor', type: 'state', name: 'Iran' }];

  it('highlights mentions and claims in link text, and keeps the link', () => {
    const article = '---\ntitle: T\n---\n\nSee [what Iran "denied"](https://example.org/report) today.\n';
    const html = page(article, { entities, claims: [{ id: 'c', claimant: 'iran', summary: 'Denied', passage: { exact: 'what Iran "denied"' } }] });
    assert.match(html, /<a href="https:\/\/example\.org\/report"><span class="marginalia-claim" data-claim="c"[^>]*>what <\/span><span class="marginalia-claim"[^>]*><span class="marginalia-mention[^"]*" data-entity="iran"[^>]*>Iran<\/span><\/span><span class="marginalia-claim"[^>]*> &quot;denied&quot;<\/span><\/a>/);
  });

  it('drops raw HTML: no literal markup, no element of it, and the text between inline tags stays', () => {
    const article = '---\ntitle: T\n---\n\n<div class="figure"><img src="x.png" onerror="alert(1)"></div>\n\nIran said <b>so</b>.<script>alert(2)</script>\n\n<script>\nalert(3)\n</script>\n';
    const html = page(article, { entities });
    assert.doesNotMatch(html, /&lt;|<div|<img|<b>|<script|alert/);
    assert.match(html, /<p><span class="marginalia-mention[^>]*>Iran<\/span> said so\.<\/p>/);
  });
});
