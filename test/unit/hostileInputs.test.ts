import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyEdits, modify, parse as parseJson } from 'jsonc-parser';
import MarkdownIt from 'markdown-it';
import { selectorEdits, type SelectorChange } from '../../src/model/article/anchoredPassages';
import { applyEditsInOnePass } from '../../src/model/format/jsonFormatting';
import { AnnotationFileParser } from '../../src/model/format/annotationFileParser';
import { setValue } from '../../src/model/format/annotationEdits';
import type { ArticleModel } from '../../src/model/article/articleModel';
import { buildArticleModel } from '../../src/model/article/buildArticleModel';
import { parseArticle } from '../../src/model/article/articleParser';
import { exportArticle } from '../../src/model/output/articleExport';
import { buildClaimTree } from '../../src/model/article/claimTree';
import { httpUrl } from '../../src/model/text/httpUrl';
import { markdownItMentions } from '../../src/model/output/markdownItMentions';
import { findQuoteOccurrences, PASSAGE_SEARCH_LIMIT, resolvePassage, SearchBudget } from '../../src/model/anchoring/passageAnchor';
import { formatProblem, type Problem } from '../../src/model/format/problem';
import { readingPageHtml } from '../../src/model/output/readingPage';
import { visibleLine } from '../../src/model/text/visibleText';

// Issue 10: inputs an attacker or a careless user would write. The core never throws, reports every
// failure at its place, forges no output, and its work stays bounded; each test checks one class.

const parser = new AnnotationFileParser();
const FRONT = '---\ntitle: T\nurl: https://example.org/a\n---\n\n';

function annotationText(parts: object): string {
  return JSON.stringify({ version: 1, article: 'a.md', entities: [], claims: [], notes: [], ...parts }, null, 2);
}

function modelOf(article: string, annotations: string | object): ArticleModel {
  const text = typeof annotations === 'string' ? annotations : annotationText(annotations);
  return buildArticleModel(parseArticle(article, 'a.md'), parser.parse(text, 'a.annotations.json'));
}

/** Every problem is at a real place of its file: lines and columns inside the text. */
function assertPlaced(problems: readonly Problem[], texts: Record<string, string>): void {
  for (const problem of problems) {
    const text = texts[problem.file];
    if (text === undefined) continue;
    const lines = text.split(/\r\n|\r|\n/);
    for (const at of [problem.start, problem.end]) {
      assert.ok(at.line >= 0 && at.line < lines.length + 1, `${formatProblem(problem)}: line outside the file`);
      assert.ok(at.column >= 0 && at.column <= (lines[at.line]?.length ?? 0) + 1, `${formatProblem(problem)}: column outside the line`);
    }
  }
}

const iran = { id: 'iran', kind: 'actor', type: 'state', name: 'Iran' };

describe('Hostile and huge inputs (issue 10)', () => {
  describe('the core never throws, and says where', () => {
    it('refuses an annotation file nested 2,635 levels deep at the bracket that goes too deep', () => {
      const nested = `{"version":1,"article":"a.md","entities":${'['.repeat(2635)}${']'.repeat(2635)},"claims":[],"notes":[]}`;
      const parsed = parser.parse(nested, 'a.annotations.json');
      assert.equal(parsed.annotations, undefined);
      const [problem] = parsed.problems;
      assert.equal(problem.code, 'too-deep');
      assert.deepEqual(problem.start, { line: 0, column: nested.indexOf('[') + 63 });
    });

    it('reports a duplicate key at the second one and does not use the file', () => {
      const text = '{\n  "version": 1,\n  "article": "a.md",\n  "claims": [{"id": "a", "claimant": null, "summary": "s", "passage": {"exact": "Iran"}}],\n  "entities": [],\n  "notes": [],\n  "claims": []\n}\n';
      const parsed = parser.parse(text, 'a.annotations.json');
      assert.equal(parsed.annotations, undefined, 'a file that means two things is not used');
      const problem = parsed.problems.find((p) => p.code === 'duplicate-key')!;
      assert.deepEqual(problem.start, { line: 6, column: 2 });
      assert.match(problem.message, /"claims" appears twice in this object \(first on line 4\)/);
      const nestedKey = parser.parse(annotationText({ claims: [{ id: 'a', claimant: null, summary: 's', passage: { exact: 'Iran' } }] }).replace('"exact": "Iran"', '"exact": "Iran", "exact": "Tehran"'), 'a.annotations.json');
      assert.ok(nestedKey.problems.some((p) => p.code === 'duplicate-key' && /"exact" appears twice/.test(p.message)));
    });

    it('reports a front matter with 101 uses of one YAML alias at the front matter', () => {
      const article = `---\ntitle: &t T\nlist:\n${'  - *t\n'.repeat(101)}---\n\nIran.\n`;
      const parsed = parseArticle(article, 'a.md');
      const problem = parsed.problems.find((p) => p.code === 'front-matter-yaml')!;
      assert.match(problem.message, /could not be read: .*alias/i);
      assert.equal(problem.start.line, 1);
    });

    it('bounds the front matter: 100,000 keys are one problem, not a minute of parsing', () => {
      let frontMatter = 'title: T\n';
      for (let i = 0; i < 100_000; i++) frontMatter += `k${i}: v\n`;
      const parsed = parseArticle(`---\n${frontMatter}---\n\nIran.\n`, 'a.md');
      assert.deepEqual(parsed.problems.map((p) => p.code), ['front-matter-size']);
    });

    it('parses, builds, exports and renders random files without throwing, with every problem inside its file', () => {
      const entity = fc.record({ id: fc.constantFrom('iran', 'x', 'Bad Id', ''), kind: fc.constantFrom('actor', 'system', 'other'), type: fc.constantFrom('state', 'server', 'nope'), name: fc.string(), aliases: fc.array(fc.string(), { maxLength: 3 }), caseSensitive: fc.boolean() });
      const passage = fc.record({ exact: fc.string(), prefix: fc.string(), suffix: fc.string(), position: fc.record({ start: fc.oneof(fc.nat(), fc.double()), end: fc.nat() }) }, { requiredKeys: ['exact'] });
      const claim = fc.record({ id: fc.constantFrom('a', 'b', 'c'), claimant: fc.constantFrom(null, 'iran', 'nobody'), summary: fc.string(), passage, answers: fc.constantFrom('a', 'b', 'c', undefined), stance: fc.constantFrom('disputes', 'supports', undefined) }, { requiredKeys: ['id', 'summary', 'passage'] });
      const file = fc.record({ version: fc.constantFrom(1, 2, '1'), article: fc.string(), entities: fc.array(entity, { maxLength: 4 }), claims: fc.array(claim, { maxLength: 4 }), notes: fc.array(fc.record({ id: fc.string(), passage, text: fc.string() }), { maxLength: 2 }) }, { requiredKeys: [] });
      const article = fc.tuple(fc.constantFrom('', FRONT, '---\n: [\n---\n', '---\ntitle: 5\nurl: javascript:alert(1)\n---\n'), fc.string({ unit: fc.constantFrom('Iran', ' ', '\n', '\r\n', '\r', '\0', '*', '[', ']', '(', ')', '`', '<b>', 'é', '😀', '\u202e') }));
      const mangle = fc.constantFrom<(json: string) => string>((t) => t, (t) => t.slice(0, Math.floor(t.length / 2)), (t) => t.replace(/"/, ''), (t) => `\ufeff${t}`, (t) => t.replace('{', '{"version": 1, '));
      fc.assert(
        fc.property(file, article, mangle, (records, [front, body], change) => {
          const annotations = change(JSON.stringify(records, null, 2));
          const text = front + body;
          const model = modelOf(text, annotations);
          assertPlaced(model.problems, { 'a.md': text, 'a.annotations.json': annotations });
          for (let k = 1; k < model.mentions.length; k++) assert.ok(model.mentions.at(k - 1)!.end <= model.mentions.at(k)!.start, 'mentions never overlap');
          buildClaimTree(model);
          for (const format of ['w3c', 'claimreview', 'csl'] as const) JSON.parse(exportArticle(model, format, { page: 'https://example.org/a', file: 'file:///a.md' }));
          readingPageHtml(model);
          for (const problem of model.problems) assert.doesNotMatch(formatProblem(problem), /[\u0000-\u001f\u007f-\u009f]/); // eslint-disable-line no-control-regex
        }),
        { numRuns: 300 },
      );
    });
  });

  describe('work grows with the input, not faster', () => {
    it('reads an answer chain of 8,000 claims, and reports a circle of 8,000 once', () => {
      const claims = Array.from({ length: 8000 }, (_, i) => ({ id: `c${i}`, claimant: null, summary: `s${i}`, passage: { exact: `Claim ${i}.` }, ...(i > 0 ? { answers: `c${i - 1}`, stance: 'disputes' } : {}) }));
      const article = FRONT + claims.map((c) => c.passage.exact).join('\n\n');
      const chain = modelOf(article, { claims });
      assert.deepEqual(chain.problems, []);
      let depth = 0;
      for (let node = buildClaimTree(chain).roots[0]; node.answers.length > 0; node = node.answers[0]) depth++;
      assert.equal(depth, 7999);
      assert.match(readingPageHtml(chain), /data-go-claim="c7999"/);
      const circle = modelOf(article, { claims: claims.map((c, i) => (i === 0 ? { ...c, answers: 'c7999', stance: 'disputes' } : c)) });
      const cycles = circle.problems.filter((p) => p.code === 'answer-cycle');
      assert.equal(cycles.length, 1);
      assert.match(cycles[0].message, /… 7988 more …/);
    });

    it('reports an alias shared by 1,000 entities once, naming them', () => {
      const entities = Array.from({ length: 1000 }, (_, i) => ({ id: `e${i}`, kind: 'actor', type: 'person', name: `Name ${i}`, aliases: ['Shared'] }));
      const problems = parser.parse(annotationText({ entities }), 'a.annotations.json').problems;
      assert.equal(problems.length, 1);
      assert.match(problems[0].message, /^"Shared" names 1000 entities: "e0", "e1", "e2", "e3", "e4" and 995 more;/);
    });

    it('does not match aliases longer than 200 characters, and says so at each', () => {
      const entities = Array.from({ length: 10 }, (_, i) => ({ id: `e${i}`, kind: 'actor', type: 'person', name: `N${i}`, aliases: ['x'.repeat(100_000)] }));
      const model = modelOf(`${FRONT}${'x'.repeat(100_000)}\n`, { entities });
      assert.equal(model.problems.filter((p) => p.code === 'alias-too-long').length, 10);
      assert.equal(model.mentions.length, 0);
      assert.equal(model.matcher.patternCount, 10, 'only the names are matched');
    });

    it('gives up on an absent 5 KB quote in a 2 MB article within one passage\'s bound, and says so', () => {
      const words = ['the', 'attack', 'on', 'Albania', 'government', 'servers', 'was', 'claimed', 'by', 'a', 'group'];
      let text = '';
      for (let i = 0; text.length < 2_000_000; i++) text += `${words[(i * 7) % words.length]} `;
      const quote = Array.from({ length: 700 }, (_, i) => words[(i * 3 + 1) % words.length].toUpperCase()).join(' ').slice(0, 5000);
      const budget = new SearchBudget(10 * PASSAGE_SEARCH_LIMIT);
      const anchor = resolvePassage(text, { exact: quote }, 1000, 0, text.length, budget);
      assert.equal(anchor.status, 'orphan');
      assert.ok(10 * PASSAGE_SEARCH_LIMIT - budget.remaining <= PASSAGE_SEARCH_LIMIT, 'one passage spends at most its own bound');
      const model = modelOf(FRONT + text, { claims: [{ id: 'c', claimant: null, summary: 's', passage: { exact: quote, position: { start: 1000, end: 6000 } } }] });
      assert.match(model.problems.find((p) => p.code === 'quote-not-found')!.message, /stopped at its bound|is not in the article/);
    });

    it('finds every occurrence of many quotes in one pass, as a substring search of each would', () => {
      const unit = fc.constantFrom('a', 'b', 'ab', ' ', 'Sentence ', '😀', '\n');
      fc.assert(
        fc.property(fc.string({ unit, maxLength: 60 }), fc.array(fc.string({ unit, minLength: 1, maxLength: 12 }), { maxLength: 12 }), (text, quotes) => {
          const found = findQuoteOccurrences(text, quotes);
          for (const quote of quotes) {
            const expected: number[] = [];
            for (let at = text.indexOf(quote); at !== -1; at = text.indexOf(quote, at + 1)) expected.push(at);
            assert.deepEqual(found.get(quote), expected, JSON.stringify({ text, quote }));
          }
        }),
        { numRuns: 500 },
      );
    });

    it('anchors many passages with stale hints by one pass over the text, exactly as one by one', () => {
      const sentences = Array.from({ length: 40 }, (_, i) => `Sentence ${i % 25} is a claim.`);
      const article = FRONT + sentences.join('\n\n');
      const claims = sentences.map((exact, i) => ({ id: `c${i}`, claimant: null, summary: 's', passage: { exact, prefix: i % 3 === 0 ? '' : '\n\n', position: { start: 3 * i, end: 3 * i + 2 } } }));
      const many = modelOf(article, { claims });
      const few = claims.map((claim) => modelOf(article, { claims: [claim] }).claims[0].anchor);
      assert.deepEqual(many.claims.map((claim) => claim.anchor), few);
    });

    it('compares at most 64 characters of stored context, so a 100 KB prefix costs no more than a short one', () => {
      const text = `${FRONT}${'lorem ipsum dolor '.repeat(10_000)}quux quux quux\n`;
      const long = new SearchBudget(PASSAGE_SEARCH_LIMIT);
      const short = new SearchBudget(PASSAGE_SEARCH_LIMIT);
      const selector = { exact: 'quux quuz quux', suffix: '\n' };
      const withLong = resolvePassage(text, { ...selector, prefix: 'x'.repeat(100_000) }, undefined, 0, text.length, long);
      const withShort = resolvePassage(text, { ...selector, prefix: 'x'.repeat(64) }, undefined, 0, text.length, short);
      assert.equal(long.remaining, short.remaining);
      assert.deepEqual({ ...withLong, score: undefined }, { ...withShort, score: undefined });
    });

    it('writes 2,000 selector changes in one pass, exactly as one modify() per change would', () => {
      const claims = Array.from({ length: 2000 }, (_, i) => ({ id: `c${i}`, claimant: null, summary: 's', passage: { exact: `Claim ${i}.`, position: { start: 0, end: 1 } } }));
      const text = annotationText({ claims });
      const changes: SelectorChange[] = claims.map((_, i) => ({ path: ['claims', i, 'passage'], selector: { exact: `Claim ${i}.`, prefix: 'p', suffix: 's', position: { start: i, end: i + 8 } } }));
      const onePass = applyEditsInOnePass(text, selectorEdits(text, changes));
      let oneByOne = text;
      for (const change of changes.slice(0, 50)) oneByOne = applyEdits(oneByOne, modify(oneByOne, change.path, change.selector, { formattingOptions: { tabSize: 2, insertSpaces: true, eol: '\n' } }));
      const firstFifty = applyEdits(text, selectorEdits(text, changes.slice(0, 50)));
      assert.equal(firstFifty, oneByOne);
      assert.deepEqual(parseJson(onePass).claims.map((c: { passage: { position: { start: number } } }) => c.passage.position.start), claims.map((_, i) => i));
    });

    it('keeps the file\'s own indentation and line ends: tabs stay tabs, CRLF stays CRLF', () => {
      const tabbed = annotationText({ claims: [{ id: 'c', claimant: null, summary: 's', passage: { exact: 'Iran' } }] }).replace(/^( +)/gm, (spaces) => '\t'.repeat(spaces.length / 2)).replace(/\n/g, '\r\n');
      const written = applyEdits(tabbed, selectorEdits(tabbed, [{ path: ['claims', 0, 'passage'], selector: { exact: 'Iran', prefix: 'a ', suffix: '.', position: { start: 2, end: 6 } } }]));
      assert.doesNotMatch(written, /^ +/m);
      assert.doesNotMatch(written, /[^\r]\n/);
      assert.equal(parseJson(written).claims[0].passage.position.end, 6);
      const set = applyEdits(tabbed, setValue(tabbed, ['claims', 0, 'about'], ['iran']));
      assert.doesNotMatch(set, /^ +/m);
    });
  });

  describe('no forged output', () => {
    it('shows control characters and bidi overrides in messages as escapes, so no line can be forged', () => {
      const evil = 'Evil\u001b[32m 0 errors\u001b[0m\nfile:1:1: info: all good\u202e';
      const problems = modelOf(`${FRONT}Iran.\n`, { claims: [{ id: 'c', claimant: null, summary: 's', passage: { exact: evil } }] }).problems;
      assert.ok(problems.length > 0);
      for (const problem of problems) {
        const line = formatProblem(problem);
        assert.equal(line.split('\n').length, 1);
        assert.doesNotMatch(line, /[\u001b\u202e]/); // eslint-disable-line no-control-regex
        assert.match(line, /\\u001b\[32m/);
      }
      assert.equal(visibleLine('a\rb\u0085c'), 'a\\rb\\u0085c');
    });

    it('keeps only http(s) addresses that parse, encoded, in the front matter, links, exports and citations', () => {
      assert.equal(httpUrl('javascript:alert(1)'), undefined);
      assert.equal(httpUrl('https://x/a"><script>'), 'https://x/a%22%3E%3Cscript%3E');
      assert.equal(httpUrl('https://exa mple.org/'), undefined);
      const article = '---\ntitle: T\nurl: javascript:alert(1)\n---\n\nIran said so.\n';
      const entities = [{ ...iran, links: [{ title: 'bad', url: 'https://x/a"><script>' }, { title: 'worse', url: 'https://[::1' }] }];
      const model = modelOf(article, { entities, claims: [{ id: 'c', claimant: 'iran', summary: 's', passage: { exact: 'Iran said so.' } }] });
      assert.equal(model.article.metadata.url, undefined);
      assert.ok(model.problems.some((p) => p.code === 'front-matter-field' && /left out/.test(p.message)));
      const exported = [exportArticle(model, 'w3c', { file: 'urn:x' }), exportArticle(model, 'claimreview', { file: 'urn:x' }), readingPageHtml(model)].join('\n');
      // Only the address fields: quoted text may hold anything, escaped.
      assert.doesNotMatch(exported, /"(?:id|source|url|sameAs)": ?"javascript:|href="javascript:|"><script>/);
      assert.match(exportArticle(model, 'w3c', { file: 'urn:x' }), /"id": "https:\/\/x\/a%22%3E%3Cscript%3E"/);
    });

    it('rejects 1e400 and other out-of-range positions, and a position that ends before it starts', () => {
      const huge = annotationText({ claims: [{ id: 'c', claimant: null, summary: 's', passage: { exact: 'Iran', position: { start: 0, end: 4 } } }] }).replace('"end": 4', '"end": 1e400');
      const parsed = parser.parse(huge, 'a.annotations.json');
      assert.ok(parsed.problems.some((p) => p.code === 'schema' && /at most 2147483647/.test(p.message)));
      const backwards = modelOf(`${FRONT}Iran.\n`, { claims: [{ id: 'c', claimant: null, summary: 's', passage: { exact: 'Iran', position: { start: 9, end: 2 } } }] });
      assert.ok(backwards.problems.some((p) => p.code === 'position-order'));
      const past = modelOf(`${FRONT}Iran.\n`, { claims: [{ id: 'c', claimant: null, summary: 's', passage: { exact: 'Iran', position: { start: 900, end: 904 } } }] });
      assert.ok(past.problems.some((p) => p.code === 'position-past-end'));
      assert.equal(past.claims[0].anchor.status, 'exact', 'found by its quote, the bad hint ignored');
    });
  });

  describe('the preview plugin and the reading page', () => {
    const render = (article: string, model: ArticleModel) => {
      const md = new MarkdownIt();
      markdownItMentions(md, () => model);
      return md.render(article);
    };

    it('highlights CRLF, CR-only and NUL articles as it does LF ones', () => {
      const body = 'Iran said so.\n\nThen *Iran* again,\nand Iran.\n';
      const annotations = { entities: [iran], claims: [{ id: 'c', claimant: 'iran', summary: 's', passage: { exact: 'Iran again,' } }] };
      const expected = render(FRONT + body, modelOf(FRONT + body, annotations));
      assert.equal((expected.match(/data-entity="iran"/g) ?? []).length, 3);
      for (const lineEnd of ['\r\n', '\r']) {
        const article = (FRONT + body).replace(/\n/g, lineEnd);
        assert.equal(render(article, modelOf(article, annotations)), expected, JSON.stringify(lineEnd));
      }
      const withNul = `${FRONT}A\0 Iran.\n`;
      assert.match(render(withNul, modelOf(withNul, annotations)), /A\ufffd <span[^>]*data-entity="iran"[^>]*>Iran<\/span>/);
    });

    it('renders a paragraph of 20,000 mentions in the preview and the reading page', () => {
      const article = `${FRONT}${Array(20_000).fill('Iran').join(' ')}.\n`;
      const model = modelOf(article, { entities: [iran], claims: [{ id: 'c', claimant: 'iran', summary: 's', passage: { exact: 'Iran Iran Iran' } }] });
      assert.equal((render(article, model).match(/data-entity="iran"/g) ?? []).length, 20_000);
      assert.equal((readingPageHtml(model).match(/data-entity="iran"/g) ?? []).length, 20_000);
    });
  });
});
