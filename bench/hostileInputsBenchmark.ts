import MarkdownIt from 'markdown-it';
import { applyEditsInOnePass } from '../src/model/format/jsonFormatting';
import { anchoredPassages, selectorEdits, staleSelectors } from '../src/model/article/anchoredPassages';
import { AnnotationFileParser } from '../src/model/format/annotationFileParser';
import type { ArticleModel } from '../src/model/article/articleModel';
import { buildArticleModel, buildArticleModelInSteps, createEntityMatcher } from '../src/model/article/buildArticleModel';
import { parseArticle } from '../src/model/article/articleParser';
import { buildClaimTree } from '../src/model/article/claimTree';
import { markdownItMentions } from '../src/model/output/markdownItMentions';
import { EXPORT_FORMATS, exportArticle } from '../src/model/output/articleExport';
import { EDITOR_SEARCH_LIMIT, resolvePassage } from '../src/model/anchoring/passageAnchor';
import { readingPageHtml, readingPageHtmlInSteps } from '../src/model/output/readingPage';
import { advanceFor, type ResumableWork } from '../src/model/text/resumableWork';

// Issue 10: the hostile and huge inputs, each at three sizes, doubling. For each: the time and the heap
// it took, its ratio to a baseline measured on the same input in the same run (JSON.parse of the file,
// or a plain scan of the text: linear work no parser can beat), and how the time grows when the input
// doubles (about 2 for linear work). Run as `node --expose-gc out/bench/hostileInputsBenchmark.js`
// (npm run bench does), so that each measurement starts from a collected heap.

const parser = new AnnotationFileParser();
const FRONT = '---\ntitle: T\n---\n\n';
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

interface Case {
  name: string;
  /** The sizes measured, smallest first, each twice the one before. */
  sizes: number[];
  unit: string;
  /** Makes the input of one size; returns the operation and the baseline on it. */
  prepare(size: number): { run: () => unknown; baseline: () => unknown };
  /** The bound the README states, checked on the largest size. */
  limitMs: number;
}

function annotationText(parts: object): string {
  return JSON.stringify({ version: 1, article: 'a.md', entities: [], claims: [], notes: [], ...parts }, null, 2);
}

function build(article: string, annotations: string): ArticleModel {
  return buildArticleModel(parseArticle(article, 'a.md'), parser.parse(annotations, 'a.annotations.json'));
}

function scan(text: string): number {
  let sum = 0;
  for (let i = 0; i < text.length; i++) sum += text.charCodeAt(i);
  return sum;
}

function prose(length: number): string {
  const words = ['the', 'attack', 'on', 'government', 'servers', 'was', 'claimed', 'by', 'a', 'group', 'in', 'Tirana', 'and', 'denied'];
  const parts: string[] = [];
  let total = 0;
  for (let i = 0; total < length; i++) {
    const word = words[(i * 7 + (i >> 3)) % words.length];
    parts.push(word);
    total += word.length + 1;
  }
  return parts.join(' ').slice(0, length);
}

// The hostile inputs, each made at any size: the same for the whole-operation table and the editor's.
const IRAN = () => annotationText({ entities: [{ id: 'iran', kind: 'actor', type: 'state', name: 'Iran' }] });
const inputs = {
  answerChain(n: number) {
    const claims = Array.from({ length: n }, (_, i) => ({ id: `c${i}`, claimant: null, summary: `s${i}`, passage: { exact: `Claim ${i}.` }, ...(i > 0 ? { answers: `c${i - 1}`, stance: 'disputes' } : {}) }));
    return { article: FRONT + claims.map((c) => c.passage.exact).join('\n\n'), annotations: annotationText({ claims }) };
  },
  sharedAlias(n: number) {
    return { article: `${FRONT}Shared.\n`, annotations: annotationText({ entities: Array.from({ length: n }, (_, i) => ({ id: `e${i}`, kind: 'actor', type: 'person', name: `Name ${i}`, aliases: ['Shared'] })) }) };
  },
  longAliases(n: number) {
    return { article: `${FRONT}${'x'.repeat(n)}\n`, annotations: annotationText({ entities: Array.from({ length: 10 }, (_, i) => ({ id: `e${i}`, kind: 'actor', type: 'person', name: `N${i}`, aliases: ['x'.repeat(n - i)] })) }) };
  },
  movedPassages(n: number) {
    const sentences = Array.from({ length: n }, (_, i) => `Sentence ${i} is a claim.`);
    return { article: FRONT + sentences.join('\n\n'), annotations: annotationText({ claims: sentences.map((exact, i) => ({ id: `c${i}`, claimant: null, summary: 's', passage: { exact, position: { start: 0, end: 1 } } })) }) };
  },
  orphanedNotes(n: number) {
    return { article: FRONT + prose(1_000_000), annotations: annotationText({ notes: Array.from({ length: n }, (_, i) => ({ id: `n${i}`, text: 't', passage: { exact: `missing quote number ${i} zzz`, position: { start: i * 100, end: i * 100 + 20 } } })) }) };
  },
  orphanedMentions(n: number) {
    const mentions = Array.from({ length: n }, (_, i) => ({ exact: `gone mention ${i} qq`, position: { start: i * 50, end: i * 50 + 10 } }));
    return { article: FRONT + prose(500_000), annotations: annotationText({ entities: [{ id: 'x', kind: 'actor', type: 'person', name: 'Tirana', mentions }] }) };
  },
  absentQuote(articleLength: number) {
    return { text: prose(articleLength), quote: prose(5000).toUpperCase() };
  },
  deepJson(levels: number) {
    return `{"version":1,"article":"a.md","entities":${'['.repeat(levels)}${']'.repeat(levels)},"claims":[],"notes":[]}`;
  },
  frontMatterKeys(n: number) {
    let frontMatter = 'title: T\n';
    for (let i = 0; i < n; i++) frontMatter += `k${i}: v\n`;
    return { article: `---\n${frontMatter}---\n\nIran.\n`, annotations: IRAN() };
  },
  mentionParagraph(n: number) {
    return { article: `${FRONT}${Array(n).fill('Iran').join(' ')}.\n`, annotations: IRAN() };
  },
  singleLine(n: number) {
    return { article: `${FRONT}${'Iran and '.repeat(Math.ceil(n / 9)).slice(0, n)}\n`, annotations: IRAN() };
  },
};

const CASES: Case[] = [
  {
    name: 'answer chain (parse, build, tree, page)',
    sizes: [2000, 4000, 8000],
    unit: 'claims',
    limitMs: 2000,
    prepare(n) {
      const { article, annotations } = inputs.answerChain(n);
      return {
        run: () => {
          const model = build(article, annotations);
          buildClaimTree(model);
          return readingPageHtml(model).length;
        },
        baseline: () => JSON.parse(annotations),
      };
    },
  },
  {
    name: 'one alias shared by every entity (parse)',
    sizes: [1000, 2000, 4000],
    unit: 'entities',
    limitMs: 500,
    prepare(n) {
      const { annotations } = inputs.sharedAlias(n);
      return { run: () => parser.parse(annotations, 'a.annotations.json').problems.length, baseline: () => JSON.parse(annotations) };
    },
  },
  {
    name: 'ten over-long aliases (parse, build)',
    sizes: [25_000, 50_000, 100_000],
    unit: 'chars each',
    limitMs: 500,
    prepare(n) {
      const { article, annotations } = inputs.longAliases(n);
      return { run: () => build(article, annotations).mentions.length, baseline: () => JSON.parse(annotations) };
    },
  },
  {
    name: 'moved passages written back (refresh-anchors)',
    sizes: [2000, 4000, 8000],
    unit: 'passages',
    limitMs: 3000,
    prepare(n) {
      const { article, annotations } = inputs.movedPassages(n);
      return {
        run: () => {
          const model = build(article, annotations);
          return applyEditsInOnePass(annotations, selectorEdits(annotations, staleSelectors(anchoredPassages(model), model.article.source))).length;
        },
        baseline: () => JSON.parse(annotations),
      };
    },
  },
  {
    // Each export cites every claim: what a citation needs of the whole article is made once per model.
    name: 'every export, a claim per paragraph (build, export)',
    sizes: [2000, 4000, 8000],
    unit: 'claims',
    limitMs: 3000,
    prepare(n) {
      const claims = Array.from({ length: n }, (_, i) => ({ id: `c${i}`, claimant: null, summary: `s${i}`, passage: { exact: `Claim ${i} is made.` } }));
      const article = `---\ntitle: T\nurl: https://example.org/a\n---\n\n${claims.map((c) => c.passage.exact).join('\n\n')}\n`;
      const annotations = annotationText({ claims });
      return {
        run: () => {
          const model = build(article, annotations);
          return EXPORT_FORMATS.reduce((length, format) => length + exportArticle(model, format, { page: 'https://example.org/a', file: 'file:///a.md' }).length, 0);
        },
        baseline: () => JSON.stringify(JSON.parse(annotations)).length,
      };
    },
  },
  {
    name: 'orphaned notes in a 1 MB article (build)',
    sizes: [2500, 5000, 10_000],
    unit: 'orphans',
    limitMs: 4000,
    prepare(n) {
      const { article, annotations } = inputs.orphanedNotes(n);
      return { run: () => build(article, annotations).notes.length, baseline: () => scan(article) + JSON.parse(annotations).notes.length };
    },
  },
  {
    name: 'orphaned explicit mentions in 500 KB (build)',
    sizes: [1250, 2500, 5000],
    unit: 'mentions',
    limitMs: 4000,
    prepare(n) {
      const { article, annotations } = inputs.orphanedMentions(n);
      return { run: () => build(article, annotations).mentions.length, baseline: () => scan(article) + JSON.parse(annotations).entities.length };
    },
  },
  {
    name: 'an absent 5 KB quote (resolve one passage)',
    sizes: [500_000, 1_000_000, 2_000_000],
    unit: 'chars of article',
    limitMs: 500,
    prepare(n) {
      const { text, quote } = inputs.absentQuote(n);
      return { run: () => resolvePassage(text, { exact: quote }, 1000).status, baseline: () => scan(text) };
    },
  },
  {
    name: 'JSON nested deeply (parse)',
    sizes: [2500, 5000, 10_000],
    unit: 'levels',
    limitMs: 200,
    prepare(n) {
      const text = inputs.deepJson(n);
      return { run: () => parser.parse(text, 'a.annotations.json').problems.length, baseline: () => scan(text) };
    },
  },
  {
    name: 'front matter keys (parse the article)',
    sizes: [25_000, 50_000, 100_000],
    unit: 'keys',
    limitMs: 200,
    prepare(n) {
      const { article } = inputs.frontMatterKeys(n);
      return { run: () => parseArticle(article, 'a.md').problems.length, baseline: () => scan(article) };
    },
  },
  {
    name: 'one paragraph of mentions (preview)',
    sizes: [5000, 10_000, 20_000],
    unit: 'mentions',
    limitMs: 1500,
    prepare(n) {
      const { article, annotations } = inputs.mentionParagraph(n);
      const model = build(article, annotations);
      const md = new MarkdownIt();
      markdownItMentions(md, () => model);
      const plain = new MarkdownIt();
      return { run: () => md.render(article).length, baseline: () => plain.render(article).length };
    },
  },
  {
    name: 'a single line (reading page)',
    sizes: [2_500_000, 5_000_000, 10_000_000],
    unit: 'chars',
    limitMs: 20_000,
    prepare(n) {
      const { article, annotations } = inputs.singleLine(n);
      const model = build(article, annotations);
      const plain = new MarkdownIt();
      return { run: () => readingPageHtml(model).length, baseline: () => plain.render(article).length };
    },
  },
];

// The editor's share: the same inputs through the steps the extension runs (read the annotation file,
// anchor it, build the Claims tree, render the reading page), in slices as the extension runs them. What
// matters is the longest the extension host is held at a time (issue 10's bound: 50 ms).
const EDITOR_SLICE_MS = 10;
const EDITOR_HOLD_BOUND_MS = 50;

function* editorSteps(article: string, annotations: string): ResumableWork<number> {
  const parsed = yield* parser.parseInSteps(annotations, 'a.annotations.json');
  yield;
  const matcher = createEntityMatcher(parsed.annotations?.entities ?? []);
  yield;
  const model = yield* buildArticleModelInSteps(parseArticle(article, 'a.md'), parsed, matcher, EDITOR_SEARCH_LIMIT);
  buildClaimTree(model);
  yield;
  return (yield* readingPageHtmlInSteps(model)).length;
}

function editorInputs(): Array<{ name: string; article: string; annotations: string }> {
  const absent = inputs.absentQuote(2_000_000);
  return [
    { name: 'answer chain of 8,000 claims', ...inputs.answerChain(8000) },
    { name: '4,000 entities sharing one alias', ...inputs.sharedAlias(4000) },
    { name: 'ten aliases of 100,000 characters', ...inputs.longAliases(100_000) },
    { name: '8,000 moved passages', ...inputs.movedPassages(8000) },
    { name: '10,000 orphaned notes in 1 MB', ...inputs.orphanedNotes(10_000) },
    { name: '5,000 orphaned mentions in 500 KB', ...inputs.orphanedMentions(5000) },
    { name: 'an absent 5 KB quote in 2 MB', article: FRONT + absent.text, annotations: annotationText({ claims: [{ id: 'c', claimant: null, summary: 's', passage: { exact: absent.quote } }] }) },
    { name: 'JSON nested 10,000 deep', article: `${FRONT}x\n`, annotations: inputs.deepJson(10_000) },
    { name: 'front matter of 100,000 keys', ...inputs.frontMatterKeys(100_000) },
    { name: 'a paragraph of 20,000 mentions', ...inputs.mentionParagraph(20_000) },
    { name: 'a single line of 4 MB', ...inputs.singleLine(4_000_000) },
  ];
}

function longestHold(work: ResumableWork<unknown>): { longestMs: number; totalMs: number; slices: number } {
  let longestMs = 0;
  let totalMs = 0;
  let slices = 0;
  for (;;) {
    const started = performance.now();
    const finished = advanceFor(work, EDITOR_SLICE_MS);
    const ms = performance.now() - started;
    longestMs = Math.max(longestMs, ms);
    totalMs += ms;
    slices++;
    if (finished) return { longestMs, totalMs, slices };
  }
}

function measureEditorHolds(failures: string[]): void {
  console.log(`\nThe editor: the same inputs read, anchored and rendered in slices of ${EDITOR_SLICE_MS} ms, as the extension does`);
  console.log('input                                   longest hold ms   total ms   slices');
  for (const { name, article, annotations } of editorInputs()) {
    gc();
    // The better of two runs, as above.
    const runs = [longestHold(editorSteps(article, annotations)), longestHold(editorSteps(article, annotations))];
    const best = runs[0].longestMs <= runs[1].longestMs ? runs[0] : runs[1];
    console.log(`${name.padEnd(40)} ${best.longestMs.toFixed(1).padStart(15)} ${best.totalMs.toFixed(0).padStart(10)} ${String(best.slices).padStart(8)}`);
    if (best.longestMs > EDITOR_HOLD_BOUND_MS) failures.push(`${name}: the editor held for ${best.longestMs.toFixed(0)} ms (bound ${EDITOR_HOLD_BOUND_MS} ms)`);
  }
}

function measure(operation: () => unknown): { ms: number; heapBytes: number } {
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const start = performance.now();
  const result = operation();
  const ms = performance.now() - start;
  const heapBytes = Math.max(0, process.memoryUsage().heapUsed - heapBefore);
  if (result === undefined) throw new Error('an operation returned nothing');
  return { ms, heapBytes };
}

function main(): void {
  const quick = process.argv.includes('--quick');
  console.log('Hostile and huge inputs: time and heap at three sizes, each twice the one before\n');
  console.log('case                                           size               ms   heap MB   baseline ms   ×baseline   growth');
  const failures: string[] = [];
  for (const testCase of CASES) {
    const sizes = quick ? testCase.sizes.slice(0, 2) : testCase.sizes;
    let previousMs: number | undefined;
    for (const size of sizes) {
      const { run, baseline } = testCase.prepare(size);
      // The better of two runs: this machine is shared, and a passing slowdown is not the input's doing.
      const best = (operation: () => unknown) => [measure(operation), measure(operation)].reduce((a, b) => (b.ms < a.ms ? { ms: b.ms, heapBytes: a.heapBytes } : a));
      const ours = best(run);
      const base = best(baseline);
      const growth = previousMs === undefined ? '' : `${(ours.ms / previousMs).toFixed(1)}×`;
      console.log(
        `${(size === sizes[0] ? testCase.name : '').padEnd(46)} ${`${size.toLocaleString('en')} ${testCase.unit}`.padEnd(17)} ${ours.ms.toFixed(1).padStart(8)} ${(ours.heapBytes / 2 ** 20).toFixed(1).padStart(9)} ${base.ms.toFixed(1).padStart(13)} ${(ours.ms / Math.max(base.ms, 0.01)).toFixed(1).padStart(10)}× ${growth.padStart(8)}`,
      );
      // Doubling the input may not much more than double the time (4× allows for noise and caches).
      if (previousMs !== undefined && previousMs > 20 && ours.ms / previousMs > 4) failures.push(`${testCase.name}: ${(ours.ms / previousMs).toFixed(1)}× the time for twice the input`);
      if (size === testCase.sizes[testCase.sizes.length - 1] && ours.ms > testCase.limitMs) failures.push(`${testCase.name}: ${ours.ms.toFixed(0)} ms at ${size.toLocaleString('en')} ${testCase.unit} (bound ${testCase.limitMs} ms)`);
      previousMs = ours.ms;
    }
  }
  measureEditorHolds(failures);
  console.log(failures.length === 0 ? '\nBounds met.' : `\nBounds missed:\n  ${failures.join('\n  ')}`);
  process.exitCode = failures.length === 0 ? 0 : 1;
}

main();
