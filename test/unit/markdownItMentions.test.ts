import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import MarkdownIt from 'markdown-it';
import { AnnotationFileParser } from '../../src/model/format/annotationFileParser';
import type { ArticleModel } from '../../src/model/article/articleModel';
import { buildArticleModel } from '../../src/model/article/buildArticleModel';
import { parseArticle } from '../../src/model/article/articleParser';
import { markdownItMentions } from '../../src/model/output/markdownItMentions';

const projectRoot = join(__dirname, '../../..');
const parser = new AnnotationFileParser();

function modelOf(article: string, annotations: object): ArticleModel {
  return buildArticleModel(parseArticle(article, 'a.md'), parser.parse(JSON.stringify({ version: 1, article: 'a.md', claims: [], notes: [], ...annotations }), 'a.annotations.json'));
}

function render(article: string, model: ArticleModel | undefined): { plain: string; highlighted: string } {
  const plain = new MarkdownIt({ html: true }).render(article);
  const md = new MarkdownIt({ html: true });
  markdownItMentions(md, () => model);
  return { plain, highlighted: md.render(article) };
}

const entities = [
  { id: 'iran', kind: 'actor', type: 'state', name: 'Iran' },
  { id: 'tims', kind: 'system', type: 'database', name: 'TIMS' },
];

describe('The markdown-it plugin on a bare MarkdownIt()', () => {
  it('wraps mentions in spans with the entity\'s kind, type and a tooltip naming it', () => {
    const article = 'Albania blames Iran for the attack on TIMS.\n';
    const { highlighted } = render(article, modelOf(article, { entities }));
    assert.equal(
      highlighted,
      '<p>Albania blames <span class="marginalia-mention marginalia-actor marginalia-type-state" data-entity="iran" title="Iran · actor · state">Iran</span> for the attack on <span class="marginalia-mention marginalia-system marginalia-type-database" data-entity="tims" title="TIMS · system · database">TIMS</span>.</p>\n',
    );
  });

  it('leaves code spans, code blocks, links, HTML, headings and emphasis exactly as markdown-it renders them', () => {
    const article = [
      '# A heading with `Iran` in code',
      '',
      'Some *emphasis*, **strong**, a [link about Iran](https://example.org/Iran) and <abbr title="Iran">html</abbr>.',
      '',
      '```',
      'Iran in a fence',
      '```',
      '',
      '    Iran in an indented block',
      '',
      '> a quote with `TIMS`',
      '',
    ].join('\n');
    const { plain, highlighted } = render(article, modelOf(article, { entities }));
    assert.equal(highlighted, plain);
  });

  it('changes nothing when there is no model for the document', () => {
    const article = 'Iran and TIMS.\n';
    const { plain, highlighted } = render(article, undefined);
    assert.equal(highlighted, plain);
  });

  it('honours exclusions and explicit mentions, like the editor', () => {
    const article = 'The Free Iran Conference. The hackers struck. Iran denied.\n';
    const model = modelOf(article, {
      entities: [
        { id: 'iran', kind: 'actor', type: 'state', name: 'Iran', exclusions: [{ exact: 'Iran', prefix: 'Free ' }] },
        { id: 'hackers', kind: 'actor', type: 'group', name: 'Iranian hackers', mentions: [{ exact: 'The hackers' }] },
      ],
    });
    const { highlighted } = render(article, model);
    assert.ok(highlighted.includes('The Free Iran Conference.'), highlighted);
    assert.ok(highlighted.includes('data-entity="hackers" title="Iranian hackers · actor · group">The hackers</span>'), highlighted);
    assert.ok(highlighted.includes('data-entity="iran" title="Iran · actor · state">Iran</span> denied'), highlighted);
  });

  it('marks claim passages across emphasis, with mentions inside them, and escapes file content in attributes', () => {
    const article = 'Iran says *it did nothing* at all.\n';
    const model = modelOf(article, {
      entities,
      claims: [{ id: 'c1', claimant: 'iran', summary: 'Iran denies "everything" <b>', passage: { exact: 'Iran says *it did nothing*' } }],
    });
    const { highlighted } = render(article, model);
    assert.match(highlighted, /^<p><span class="marginalia-claim" data-claim="c1" title="Claim · Iran: Iran denies &quot;everything&quot; &lt;b&gt;"><span class="marginalia-mention/);
    assert.match(highlighted, /<em><span class="marginalia-claim"[^>]*>it did nothing<\/span><\/em> at all\.<\/p>/);
  });

  it('highlights the first article the same way as the editor', () => {
    const article = readFileSync(join(projectRoot, 'articles/dw-albania-iran-cyberattacks.md'), 'utf8');
    const annotations = readFileSync(join(projectRoot, 'articles/dw-albania-iran-cyberattacks.annotations.json'), 'utf8');
    const model = buildArticleModel(parseArticle(article, 'dw.md'), parser.parse(annotations, 'dw.annotations.json'));
    const md = new MarkdownIt({ html: true });
    markdownItMentions(md, () => model);
    const html = md.render(article);
    const spans = [...html.matchAll(/data-entity="([^"]+)"/g)].map((m) => m[1]);
    assert.equal(spans.filter((id) => id === 'tims').length, model.mentionsByEntity.get('tims')!.length);
    assert.equal(spans.filter((id) => id === 'edi-rama').length, 2);
    assert.ok(html.includes('data-claim="iran-dismisses-allegations"'));
  });

  it('changes nothing in any CommonMark spec example but its own spans, with entities named after the examples\' words', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a data package without types
    const spec = require('commonmark-spec') as { tests: Array<{ markdown: string; number: number }> };
    const words = [
      { id: 'foo', kind: 'actor', type: 'person', name: 'foo' },
      { id: 'bar', kind: 'actor', type: 'group', name: 'bar' },
      { id: 'baz', kind: 'system', type: 'server', name: 'baz', caseSensitive: false },
      { id: 'amp', kind: 'actor', type: 'organization', name: 'Foo & Bar' },
    ];
    const ours = /<span class="marginalia-[^"]*"[^>]*>([^<]*)<\/span>/g;
    let highlightedExamples = 0;
    const failures: number[] = [];
    for (const example of spec.tests) {
      const markdown = example.markdown.replace(/→/g, '\t');
      const model = modelOf(markdown, { entities: words });
      const { plain, highlighted } = render(markdown, model);
      let stripped = highlighted;
      for (let previous = ''; previous !== stripped; ) [previous, stripped] = [stripped, stripped.replace(ours, '$1')];
      if (stripped !== plain) failures.push(example.number);
      if (highlighted !== plain) highlightedExamples++;
    }
    assert.deepEqual(failures, []);
    assert.ok(highlightedExamples > 100, `${highlightedExamples} examples highlighted`);
  });

  it('highlights text beside entities and escapes, and never inside raw inline HTML', () => {
    const article = 'Tom &amp; Iran; then Iran. \\*Iran\\* and <code>Iran</code> or <kbd>Iran</kbd>, <br> Iran.\n';
    const model = modelOf(article, { entities });
    const { highlighted } = render(article, model);
    const spans = highlighted.match(/data-entity="iran"/g) ?? [];
    // Four mentions a reader sees as text: after the entity, after "then", between the escapes, after <br>.
    assert.equal(spans.length, 4, highlighted);
    assert.match(highlighted, /<code>Iran<\/code>/);
    assert.match(highlighted, /<kbd>Iran<\/kbd>/);
  });

  it('highlights a name across a soft line break, its part on each line', () => {
    const article = 'The Government of\nIran spoke.\n';
    const model = modelOf(article, { entities: [{ id: 'goi', kind: 'actor', type: 'government', name: 'Government of Iran' }] });
    const { highlighted } = render(article, model);
    assert.equal(highlighted.match(/data-entity="goi"/g)?.length, 2, highlighted);
    assert.match(highlighted, />Government of<\/span>\n<span[^>]*data-entity="goi"[^>]*>Iran<\/span> spoke\./);
  });
});

