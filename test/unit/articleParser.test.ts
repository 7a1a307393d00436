import * as assert from 'node:assert/strict';
import { parseArticle } from '../../src/model/article/articleParser';

describe('parseArticle', () => {
  it('reads the metadata from YAML front matter and finds where the body starts', () => {
    const text = '---\ntitle: A title\npublisher: DW\nauthors:\n  - A\n  - B\npublished: 2022-09-16\nurl: https://example.org/a\n---\n\n# A title\n';
    const article = parseArticle(text, 'a.md');
    assert.deepEqual(article.problems, []);
    assert.deepEqual(article.metadata, { title: 'A title', publisher: 'DW', authors: ['A', 'B'], published: '2022-09-16', url: 'https://example.org/a' });
    assert.equal(text.slice(article.bodyStart), '\n# A title\n');
  });

  it('reads front matter with CRLF line ends', () => {
    const article = parseArticle('---\r\ntitle: T\r\n---\r\nBody', 'crlf.md');
    assert.equal(article.metadata.title, 'T');
    assert.equal(article.source.text.slice(article.bodyStart), 'Body');
  });

  it('warns when there is no front matter, and reads the whole file as body', () => {
    const article = parseArticle('# Just a title\n', 'plain.md');
    assert.equal(article.bodyStart, 0);
    assert.equal(article.problems[0].code, 'no-front-matter');
  });

  it('reports invalid YAML and wrong fields at their line', () => {
    const broken = parseArticle('---\ntitle: [unclosed\n---\n', 'broken.md');
    assert.equal(broken.problems[0].code, 'front-matter-yaml');
    assert.equal(broken.problems[0].start.line, 1);
    const wrong = parseArticle('---\ntitle: T\npublished: last week\nurl: ftp://x\n---\n', 'wrong.md');
    assert.deepEqual(wrong.problems.map((p) => [p.start.line + 1, p.message]), [
      [3, '"published" must be a date such as 2022-09-16, not "last week".'],
      [4, '"url" must be an http or https address; it is left out of citations and exports.'],
    ]);
  });
});
