import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { AnnotationFileParser } from '../../src/model/format/annotationFileParser';
import type { ArticleModel } from '../../src/model/article/articleModel';
import { buildArticleModel, buildArticleModelInSteps } from '../../src/model/article/buildArticleModel';
import { updateArticleModel, updateArticleModelInSteps } from '../../src/model/article/updateArticleModel';
import { parseArticle } from '../../src/model/article/articleParser';
import { readingPageHtml } from '../../src/model/output/readingPage';
import { finishInSlices, type ResumableWork } from '../../src/model/text/resumableWork';
const projectRoot = join(__dirname, '../../..');

// The editor runs parsing, anchoring and the reading page in slices (resumableWork): wherever the work
// pauses, the result must be what the CLI gets by running it at once.

const parser = new AnnotationFileParser();
const ARTICLE = readFileSync(join(projectRoot, 'articles/dw-albania-iran-cyberattacks.md'), 'utf8');
const ANNOTATIONS = readFileSync(join(projectRoot, 'articles/dw-albania-iran-cyberattacks.annotations.json'), 'utf8');

/** Runs work with a pause at every point it offers, and counts them. */
function runPausingEverywhere<T>(work: ResumableWork<T>): { value: T; pauses: number } {
  let pauses = 0;
  for (;;) {
    const step = work.next();
    if (step.done) return { value: step.value, pauses };
    pauses++;
  }
}

/** The model as data: mentions, anchors and problems (the lazy parts and the matcher left out). */
function modelData(model: ArticleModel): unknown {
  return { mentions: model.mentions, claims: model.claims.map((c) => c.anchor), notes: model.notes.map((n) => n.anchor), explicit: model.explicitMentions.map((p) => p.anchor), problems: model.problems };
}

function articleSection(page: string): string {
  return page.slice(page.indexOf('<article id="article">'), page.indexOf('</article>'));
}

/** The reading page's article rendered in one chunk: one markdown-it render of the whole body. */
function wholeRender(model: ArticleModel): string {
  return articleSection(readingPageHtml(model, { chunkChars: Number.MAX_SAFE_INTEGER }));
}

describe('Work in slices', () => {
  const model = buildArticleModel(parseArticle(ARTICLE, 'a.md'), parser.parse(ANNOTATIONS, 'a.annotations.json'));

  it('parses, builds and updates the sample article to the same result, however often it pauses', async () => {
    const parsed = runPausingEverywhere(parser.parseInSteps(ANNOTATIONS, 'a.annotations.json')).value;
    assert.deepEqual(parsed.annotations, parser.parse(ANNOTATIONS, 'a.annotations.json').annotations);
    const built = await finishInSlices(buildArticleModelInSteps(parseArticle(ARTICLE, 'a.md'), parsed), { sliceMs: 0 });
    assert.deepEqual(modelData(built), modelData(model));
    const at = ARTICLE.indexOf('Albania');
    const edited = `${ARTICLE.slice(0, at)}the Republic of ${ARTICLE.slice(at)}`;
    const span = { start: at, suffixLength: ARTICLE.length - at };
    assert.deepEqual(modelData(runPausingEverywhere(updateArticleModelInSteps(model, edited, span)).value), modelData(updateArticleModel(model, edited, span)));
  });

  it('renders the reading page in chunks of any size to the HTML of one whole render (one chunk)', () => {
    const whole = wholeRender(model);
    for (const chunkChars of [1, 200, 5000]) assert.equal(articleSection(readingPageHtml(model, { chunkChars })), whole, `chunks of ${chunkChars}`);
  });

  it('renders any mix of Markdown blocks in chunks as one render does, references and lists included', () => {
    const blocks = fc.constantFrom(
      'A paragraph about Iran\nwith a lazy line.',
      'Setext heading on Albania\n---',
      '# ATX heading',
      '- tight item\n- another item on Iran',
      '1. loose item\n\n2. second item',
      '> a quote from Iran\ncontinued lazily',
      '```\ncode Iran\n```',
      '    indented code',
      '| a | b |\n|---|---|\n| Iran | x |',
      'See [the report][ref] and [Iran].',
      '[ref]: https://example.org/report',
      '[Iran]: https://example.org/iran "Iran"',
      '***',
      'Text with *emphasis* on Iran and `code`.',
      'Paragraph\n\n\n\nafter blank lines',
      'line ending with CRLF\r\nand Iran\r\n',
    );
    fc.assert(
      fc.property(fc.array(blocks, { minLength: 1, maxLength: 12 }), fc.constantFrom('\n\n', '\n', '\r\n\r\n'), fc.integer({ min: 1, max: 120 }), (parts, separator, chunkChars) => {
        const article = `---\ntitle: T\n---\n\n${parts.join(separator)}\n`;
        const annotations = JSON.stringify({ version: 1, article: 'a.md', entities: [{ id: 'iran', kind: 'actor', type: 'state', name: 'Iran' }, { id: 'albania', kind: 'actor', type: 'state', name: 'Albania' }], claims: [], notes: [] });
        const small = buildArticleModel(parseArticle(article, 'a.md'), parser.parse(annotations, 'a.annotations.json'));
        assert.equal(articleSection(readingPageHtml(small, { chunkChars })), wholeRender(small));
      }),
      { numRuns: 400 },
    );
  });
});
