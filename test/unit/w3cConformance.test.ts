import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv04 from 'ajv-draft-04';
import { decodeHTML } from 'entities';
import MarkdownIt from 'markdown-it';
import addFormats from 'ajv-formats';
import { AnnotationFileParser } from '../../src/model/format/annotationFileParser';
import { buildArticleModel } from '../../src/model/article/buildArticleModel';
import { parseArticle } from '../../src/model/article/articleParser';
import { w3cCitation } from '../../src/model/output/citation';
import { w3cAnnotationCollection } from '../../src/model/output/w3cExport';

// The W3C Web Annotation test suite (w3c/web-annotation-tests, copied into test/conformance): every
// annotation must pass the MUST assertions listed in annotations/annotationMusts.test, which are JSON
// Schemas (draft-04); an assertion passes when validation gives its expectedResult.

const projectRoot = join(__dirname, '../../..');
const suite = join(projectRoot, 'test/conformance/w3c-web-annotation-tests');

interface Assertion {
  id: string;
  expectedResult?: 'valid' | 'invalid';
  errorMessage?: string;
}

function loadMusts(): (annotation: unknown) => string[] {
  const ajv = new Ajv04({ strict: false, allErrors: false, validateSchema: false, logger: false });
  // The assertions check "format": "uri" and date-times: a validator must know the formats.
  addFormats(ajv);
  for (const file of readdirSync(join(suite, 'definitions'))) ajv.addSchema(JSON.parse(readFileSync(join(suite, 'definitions', file), 'utf8')));
  const musts = JSON.parse(readFileSync(join(suite, 'annotations/annotationMusts.test'), 'utf8')).assertions as string[];
  const checks = musts.map((path) => {
    const schema = JSON.parse(readFileSync(join(suite, path), 'utf8')) as Assertion;
    return { schema, validate: ajv.compile(schema) };
  });
  return (annotation) =>
    checks.flatMap(({ schema, validate }) => ((validate(annotation) as boolean) === ((schema.expectedResult ?? 'valid') === 'valid') ? [] : [`${schema.id}: ${schema.errorMessage ?? ''}`]));
}

describe('W3C Web Annotation conformance', () => {
  const failuresOf = loadMusts();

  it('checks correctly: the suite\'s correct sample annotations pass and its incorrect ones fail', () => {
    const samples = join(suite, 'tools/samples');
    const read = (kind: string, file: string): unknown => {
      try {
        return JSON.parse(readFileSync(join(samples, kind, file), 'utf8'));
      } catch {
        return undefined; // Not JSON at all: an incorrect sample by construction.
      }
    };
    // Composite, List and Independents targets fail the suite's own 3.2-targetObjectsRecognized under a
    // draft-04 validator (its choice definition allows only "Choice"); Marginalia exports none of them.
    const knownSuiteQuirks = new Set(['anno11.json', 'anno12.json', 'anno13.json']);
    const annotationsOnly = (kind: string) =>
      readdirSync(join(samples, kind)).filter((file) => {
        const sample = read(kind, file) as { type?: unknown } | undefined;
        return !sample || sample.type === undefined || sample.type === 'Annotation' || (Array.isArray(sample.type) && sample.type.includes('Annotation'));
      });
    const correct = annotationsOnly('correct').filter((file) => !knownSuiteQuirks.has(file));
    assert.ok(correct.length >= 10);
    for (const file of correct) assert.deepEqual(failuresOf(read('correct', file)), [], file);
    const incorrect = annotationsOnly('incorrect');
    const missed = incorrect.filter((file) => read('incorrect', file) !== undefined && failuresOf(read('incorrect', file)).length === 0);
    assert.deepEqual(missed, [], 'every incorrect sample annotation fails a MUST assertion');
  });

  it('passes every MUST assertion for every annotation exported from the first article', () => {
    const article = readFileSync(join(projectRoot, 'articles/dw-albania-iran-cyberattacks.md'), 'utf8');
    const annotations = readFileSync(join(projectRoot, 'articles/dw-albania-iran-cyberattacks.annotations.json'), 'utf8');
    const model = buildArticleModel(parseArticle(article, 'dw-albania-iran-cyberattacks.md'), new AnnotationFileParser().parse(annotations, 'a.json'));
    const collection = w3cAnnotationCollection(model, { page: model.article.metadata.url!, file: 'file:///articles/dw-albania-iran-cyberattacks.md' }) as { type: string; total: number; first: { items: Array<{ id: string; motivation: string }> } };
    assert.equal(collection.type, 'AnnotationCollection');
    const items = collection.first.items;
    assert.equal(collection.total, items.length);
    assert.deepEqual([...new Set(items.map((item) => item.motivation))].sort(), ['commenting', 'describing', 'identifying']);
    assert.equal(items.length, model.mentions.length + model.claims.length + model.notes.length);
    for (const item of items) assert.deepEqual(failuresOf(item), [], item.id);
    const cited = JSON.parse(w3cCitation(model, 100, 140, { page: model.article.metadata.url!, file: 'file:///a.md' }));
    assert.deepEqual(failuresOf(cited), []);
  });

  describe('every selector is valid for the source it names', () => {
    const PAGE = 'https://example.org/article';
    const FILE = 'file:///articles/article.md';

    /**
     * The text a browser shows of the published page, made here without the reading text: markdown-it's
     * HTML of the body (raw HTML left out, as the reading page drops it), block tags read as line breaks
     * and inline ones as nothing, entities decoded, white space squeezed.
     */
    function pageText(body: string): string {
      const md = new MarkdownIt({ html: true });
      const tokens = md.parse(body, {}).filter((token) => token.type !== 'html_block');
      for (const token of tokens) if (token.children) token.children = token.children.filter((child) => child.type !== 'html_inline');
      const html = md.renderer.render(tokens, md.options, {});
      const text = html.replace(/<\/?(?:p|h[1-6]|li|ul|ol|blockquote|pre|table|thead|tbody|tr|td|th|hr|br)\b[^>]*>/g, '\n').replace(/<[^>]*>/g, '');
      return decodeHTML(text).replace(/\s+/g, ' ').trim();
    }

    interface Selector {
      type: string;
      exact?: string;
      prefix?: string;
      suffix?: string;
      start?: number;
      end?: number;
    }

    /** Each target's problems against the text of the source it names. */
    function selectorProblems(target: { source: string; selector: Selector | Selector[] }, fileText: string, page: string): string[] {
      const selectors = Array.isArray(target.selector) ? target.selector : [target.selector];
      const quote = selectors.find((selector) => selector.type === 'TextQuoteSelector')!;
      const position = selectors.find((selector) => selector.type === 'TextPositionSelector');
      const whole = `${quote.prefix ?? ''}${quote.exact}${quote.suffix ?? ''}`;
      const problems: string[] = [];
      if (target.source === FILE) {
        const codePoints = [...fileText];
        if (!position) problems.push('no position on the file');
        else {
          if (codePoints.slice(position.start, position.end).join('') !== quote.exact) problems.push(`position ${position.start}-${position.end} is not ${JSON.stringify(quote.exact)}`);
          const before = codePoints.slice(0, position.start).join('');
          if (!before.endsWith(quote.prefix ?? '') || !fileText.slice(before.length + quote.exact!.length).startsWith(quote.suffix ?? '')) problems.push(`context of ${JSON.stringify(quote.exact)} is not around its position`);
        }
      } else if (target.source === PAGE) {
        if (position) problems.push('a position on the page');
        if (!page.includes(whole)) problems.push(`${JSON.stringify(whole)} is not in the page's text`);
      } else problems.push(`unknown source ${target.source}`);
      return problems;
    }

    const tricky = [
      '---',
      'title: A statement',
      'url: https://example.org/article',
      '---',
      '',
      '# The *Government* of Albania',
      '',
      'The Government of',
      'Iran denied it. [Iran](https://example.org/Iran "Iran") was **named** by `Iran` watchers &amp; others.',
      '',
      '- Albania said: "Iran did it."',
      '- The *Iranian* [ministry](https://example.org/m) denied it\\.',
      '',
      '| Actor | Said |',
      '| --- | --- |',
      '| Iran | "No" |',
      '',
      '<div class="x">Iran in raw HTML</div>',
      '',
      '> Iran, quoted,',
      '> again.',
      '',
    ].join('\n');

    it('addresses the page on its text (no Markdown, no front matter) and the Markdown file by quote and position', () => {
      const annotations = JSON.stringify({
        version: 1,
        entities: [
          { id: 'iran', kind: 'actor', type: 'state', name: 'Iran', aliases: ['Government of Iran', 'Iranian ministry'] },
          { id: 'albania', kind: 'actor', type: 'state', name: 'Albania', aliases: ['Government of Albania'] },
        ],
        claims: [
          { id: 'denial', claimant: 'iran', summary: 'Iran denies it', passage: { exact: 'The Government of\nIran denied it.' } },
          { id: 'named', claimant: null, summary: 'Named', passage: { exact: 'was **named** by `Iran` watchers &amp; others' } },
          { id: 'gone', claimant: null, summary: 'Gone', passage: { exact: 'a passage no longer there' } },
        ],
        notes: [{ id: 'n', text: 'Quoted', passage: { exact: 'Iran, quoted,\n> again.' } }],
      });
      const model = buildArticleModel(parseArticle(tricky, 'article.md'), new AnnotationFileParser().parse(annotations, 'article.annotations.json'));
      const collection = w3cAnnotationCollection(model, { page: PAGE, file: FILE }) as { first: { items: Array<{ id: string; target: unknown }> } };
      const page = pageText(tricky.slice(model.article.bodyStart));
      const items = collection.first.items;
      assert.ok(items.length >= 12, `${items.length} annotations`);
      let pageSelectors = 0;
      for (const item of items) {
        assert.deepEqual(failuresOf(item), [], item.id);
        const targets = (Array.isArray(item.target) ? item.target : [item.target]) as Array<{ source: string; selector: Selector | Selector[] }>;
        for (const target of targets) {
          if (item.id.endsWith('#claim-gone')) continue; // An orphan: its stored selector, of the file as it was.
          assert.deepEqual(selectorProblems(target, tricky, page), [], `${item.id} on ${target.source}`);
          if (target.source === PAGE) {
            pageSelectors++;
            const selector = target.selector as Selector;
            assert.doesNotMatch(`${selector.prefix ?? ''}${selector.exact}${selector.suffix ?? ''}`, /\*\*|\]\(|`|&amp;|^---|title:/, item.id);
          }
        }
        if (!item.id.endsWith('#claim-gone')) assert.deepEqual(targets.map((target) => target.source), [PAGE, FILE], item.id);
      }
      assert.equal(pageSelectors, items.length - 1);
      const orphan = items.find((item) => item.id.endsWith('#claim-gone'))!;
      assert.deepEqual(orphan.target, { source: FILE, selector: { type: 'TextQuoteSelector', exact: 'a passage no longer there' } });
      const denial = items.find((item) => item.id.endsWith('#claim-denial'))!.target as Array<{ selector: Selector }>;
      assert.equal(denial[0].selector.exact, 'The Government of Iran denied it.');
      // A citation of a passage across a link and emphasis, and one of the first article, as well.
      const from = tricky.indexOf('[Iran]');
      const cited = JSON.parse(w3cCitation(model, from, tricky.indexOf(' watchers'), { page: PAGE, file: FILE }));
      for (const target of cited.target) assert.deepEqual(selectorProblems(target, tricky, page), []);
      assert.equal(cited.target[0].selector.exact, 'Iran was named by Iran');
    });

    it('holds for every annotation of the first article', () => {
      const article = readFileSync(join(projectRoot, 'articles/dw-albania-iran-cyberattacks.md'), 'utf8');
      const annotations = readFileSync(join(projectRoot, 'articles/dw-albania-iran-cyberattacks.annotations.json'), 'utf8');
      const model = buildArticleModel(parseArticle(article, 'a.md'), new AnnotationFileParser().parse(annotations, 'a.json'));
      const collection = w3cAnnotationCollection(model, { page: PAGE, file: FILE }) as { first: { items: Array<{ id: string; target: Array<{ source: string; selector: Selector | Selector[] }> }> } };
      const page = pageText(article.slice(model.article.bodyStart));
      for (const item of collection.first.items) for (const target of item.target) assert.deepEqual(selectorProblems(target, article, page), [], item.id);
    });
  });
});
