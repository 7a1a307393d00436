import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { AnnotationFileParser } from '../../src/model/format/annotationFileParser';
import type { ArticleModel, ChangedSpan } from '../../src/model/article/articleModel';
import { buildArticleModel } from '../../src/model/article/buildArticleModel';
import { updateArticleModel } from '../../src/model/article/updateArticleModel';
import { parseArticle } from '../../src/model/article/articleParser';
import type { TextBlock } from '../../src/model/article/readingMatches';

const projectRoot = join(__dirname, '../../..');
const ARTICLE = readFileSync(join(projectRoot, 'articles/dw-albania-iran-cyberattacks.md'), 'utf8');
const ANNOTATIONS = readFileSync(join(projectRoot, 'articles/dw-albania-iran-cyberattacks.annotations.json'), 'utf8');
const parser = new AnnotationFileParser();

interface Edit {
  at: number;
  deleteCount: number;
  insert: string;
}

function applyEdit(text: string, edit: Edit): { text: string; span: ChangedSpan } {
  const at = Math.min(edit.at, text.length);
  const deleteCount = Math.min(edit.deleteCount, text.length - at);
  return { text: text.slice(0, at) + edit.insert + text.slice(at + deleteCount), span: { start: at, suffixLength: text.length - at - deleteCount } };
}

const mentionsOf = (model: ArticleModel) => model.mentions.all().map((m) => `${m.entityId}@${m.start}-${m.end}:${m.source}`);

const FRONT_MATTER = '---\ntitle: T\n---\n';
const ENTITIES = [
  { id: 'iran', kind: 'actor', type: 'state', name: 'Iran', aliases: ['Islamic Republic', 'Islamic Republic of Iran', 'Tehran'] },
  { id: 'albania', kind: 'actor', type: 'state', name: 'Albania' },
  { id: 'nato', kind: 'actor', type: 'alliance', name: 'NATO', caseSensitive: false },
  { id: 'inc', kind: 'actor', type: 'company', name: 'Acme Inc.' },
];
const smallModel = (body: string) =>
  buildArticleModel(
    parseArticle(FRONT_MATTER + body, 'a.md'),
    parser.parse(JSON.stringify({ version: 1, article: 'a.md', entities: ENTITIES, claims: [], notes: [] }), 'a.annotations.json'),
  );

const piece = fc.constantFrom('Iran', 'Albania', 'NATO', 'nato', 'Islamic', 'Republic', ' of ', 'Tehran', 'Acme', ' Inc.', 'the', ' ', ' ', '\n', '\n\n', '\r\n', '. ', ',', 'x', 'é', '😀');
const body = fc.array(piece, { maxLength: 60 }).map((pieces) => pieces.join(''));
const edit = fc.record({ at: fc.nat(400), deleteCount: fc.nat(20), insert: fc.array(piece, { maxLength: 4 }).map((p) => p.join('')) });

// Markdown that changes where a reader sees names: block structure, links, code, HTML, escapes.
const markdownPiece = fc.constantFrom('Iran', 'Albania', 'NATO', 'Islamic Republic', 'Tehran', ' ', ' ', '\n', '\n\n', '- ', '> ', '# ', '```', '    ', '`', '[', '](https://iran.x)', '<b>', '</b>', '<div>', '\\', '*', '_', '&amp;', '|', '---', '1. ', 'x', '\t');
const markdownBody = fc.array(markdownPiece, { maxLength: 50 }).map((pieces) => pieces.join(''));
const markdownEdit = fc.record({ at: fc.nat(300), deleteCount: fc.nat(10), insert: fc.array(markdownPiece, { maxLength: 3 }).map((p) => p.join('')) });

describe('Updating a model after an edit', () => {
  it('finds the same mentions as a rebuild where a reader sees them, after edits that change Markdown structure', function () {
    this.timeout(60_000);
    fc.assert(
      fc.property(markdownBody, fc.array(markdownEdit, { minLength: 1, maxLength: 4 }), (initial, edits) => {
        // With claims whose quotes a reader sees across markup (a link, emphasis) as well as in the source.
        let model = buildArticleModel(
          parseArticle(FRONT_MATTER + initial, 'a.md'),
          parser.parse(JSON.stringify({ version: 1, article: 'a.md', entities: ENTITIES, claims: [{ id: 'a', claimant: null, summary: 's', passage: { exact: 'Iran Albania' } }, { id: 'b', claimant: null, summary: 's', passage: { exact: 'NATO Tehran' } }], notes: [] }), 'a.annotations.json'),
        );
        for (const step of edits) {
          const edited = applyEdit(model.article.source.text, { ...step, at: FRONT_MATTER.length + step.at });
          model = updateArticleModel(model, edited.text, edited.span);
          const rebuilt = buildArticleModel(parseArticle(edited.text, 'a.md'), model.annotationFile);
          assert.deepEqual(mentionsOf(model), mentionsOf(rebuilt), JSON.stringify(edited.text));
          // The blocks markdown-it finds (whether a block is known plain depends on the pass that read it; the mentions above check its use).
          const outline = (blocks: readonly TextBlock[]) => blocks.map(({ start, end, open, kind }) => ({ start, end, open, kind }));
          assert.deepEqual(outline(model.blocks.all()), outline(rebuilt.blocks.all()), JSON.stringify(edited.text));
          // Found word for word (in the source or on the reading text) or not at all, as a rebuild says. (An
          // approximate match may differ: an update looks near where the passage was, a rebuild near its stored position.)
          model.claims.forEach((claim, k) => {
            const fresh = rebuilt.claims[k].anchor;
            if (claim.anchor.status === 'fuzzy' || fresh.status === 'fuzzy') return;
            const where = (anchor: typeof fresh) => (anchor.status === 'orphan' ? 'orphan' : `${anchor.start}-${anchor.end}`);
            assert.equal(where(claim.anchor), where(fresh), `claim ${claim.record.id} in ${JSON.stringify(edited.text)}`);
          });
        }
      }),
      // Found by this property: typing "1. " made a quote's HTML line a paragraph, which then took in the
      // next line; a "`" typed after a passage read across a code span made it code no longer.
      {
        numRuns: 400,
        examples: [
          ['> </b>\nIran', [{ at: 4, deleteCount: 0, insert: '1. ' }]],
          ['&amp; NATO<div>1. xTehran', [{ at: 10, deleteCount: 9, insert: '\n```' }, { at: 20, deleteCount: 0, insert: '```' }, { at: 20, deleteCount: 0, insert: '`' }]],
        ],
      },
    );
  });

  it('finds the same mentions as a rebuild, after any sequence of edits to the body', function () {
    this.timeout(60_000);
    fc.assert(
      fc.property(body, fc.array(edit, { minLength: 1, maxLength: 6 }), (initialBody, edits) => {
        let model = smallModel(initialBody);
        let text = model.article.source.text;
        for (const e of edits) {
          // Edits stay in the body here; an edit of the front matter rebuilds, which another test covers.
          const applied = applyEdit(text, { ...e, at: FRONT_MATTER.length + (e.at % (text.length - FRONT_MATTER.length + 1)) });
          text = applied.text;
          model = updateArticleModel(model, text, applied.span);
          const rebuilt = buildArticleModel(parseArticle(text, 'a.md'), model.annotationFile);
          assert.deepEqual(mentionsOf(model), mentionsOf(rebuilt));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('keeps a claim whose passage the edit did not touch exactly on its passage', function () {
    this.timeout(60_000);
    const base = buildArticleModel(parseArticle(ARTICLE, 'dw-albania-iran-cyberattacks.md'), parser.parse(ANNOTATIONS, 'dw.annotations.json'));
    const quotes = new Map(base.claims.map((claim) => [claim.record.id, claim.record.passage.exact]));
    fc.assert(
      fc.property(fc.nat(ARTICLE.length), fc.nat(40), fc.string({ maxLength: 30 }), (at, deleteCount, insert) => {
        const applied = applyEdit(ARTICLE, { at: Math.max(at, base.article.bodyStart + 1), deleteCount, insert });
        const model = updateArticleModel(base, applied.text, applied.span);
        const editEnd = applied.text.length - applied.span.suffixLength;
        for (const [index, claim] of model.claims.entries()) {
          const before = base.claims[index].anchor;
          const untouched = before.end! <= applied.span.start || before.start! >= ARTICLE.length - applied.span.suffixLength;
          if (!untouched) continue;
          assert.notEqual(claim.anchor.status, 'orphan', claim.record.id);
          assert.equal(applied.text.slice(claim.anchor.start, claim.anchor.end), quotes.get(claim.record.id), claim.record.id);
          const expectedStart = before.start! < applied.span.start ? before.start : before.start! + applied.text.length - ARTICLE.length;
          assert.equal(claim.anchor.start, expectedStart, `${claim.record.id} moved elsewhere (edit ${applied.span.start}-${editEnd})`);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('makes a claim whose passage was deleted an orphan, and finds it again when the text comes back', () => {
    const base = smallModel('Tehran said Albania lied.\n');
    const withClaim = buildArticleModel(
      base.article,
      parser.parse(
        JSON.stringify({
          version: 1,
          article: 'a.md',
          entities: ENTITIES,
          claims: [{ id: 'c', claimant: 'iran', summary: 's', passage: { exact: 'Albania lied' } }],
          notes: [],
        }),
        'a.annotations.json',
      ),
    );
    const text = withClaim.article.source.text;
    const at = text.indexOf('Albania lied');
    const deleted = applyEdit(text, { at, deleteCount: 'Albania lied'.length, insert: 'nobody' });
    const orphaned = updateArticleModel(withClaim, deleted.text, deleted.span);
    assert.equal(orphaned.claims[0].anchor.status, 'orphan');
    assert.ok(orphaned.problems.some((problem) => problem.code === 'quote-not-found'));
    const restored = applyEdit(deleted.text, { at, deleteCount: 'nobody'.length, insert: 'Albania lied' });
    const back = updateArticleModel(orphaned, restored.text, restored.span);
    assert.equal(back.claims[0].anchor.start, at);
    assert.ok(!back.problems.some((problem) => problem.code === 'quote-not-found'));
  });

  it('reads the front matter again when an edit touches it', () => {
    const model = smallModel('Iran\n');
    const edited = applyEdit(model.article.source.text, { at: FRONT_MATTER.indexOf('T\n'), deleteCount: 1, insert: 'New title' });
    assert.equal(updateArticleModel(model, edited.text, edited.span).article.metadata.title, 'New title');
  });

  it('keeps the pages of mentions and blocks that an edit did not touch, moved by their base alone, so that painting can reuse them', () => {
    const model = smallModel('Iran and Albania said so.\n\n'.repeat(2000));
    const at = Math.floor(model.article.source.text.length / 2);
    const edited = applyEdit(model.article.source.text, { at, deleteCount: 0, insert: 'x' });
    const updated = updateArticleModel(model, edited.text, edited.span);
    for (const [name, before, after] of [['mentions', model.mentions, updated.mentions], ['blocks', model.blocks, updated.blocks]] as const) {
      const pagesBefore = before.pagesBetween(0, Infinity).map(({ page }) => page as object);
      const pagesAfter = after.pagesBetween(0, Infinity).map(({ page }) => page as object);
      assert.ok(pagesBefore.length > 5, name);
      assert.ok(pagesAfter.filter((page) => pagesBefore.includes(page)).length >= pagesBefore.length - 1, `${name}: only the page of the edit is made again`);
    }
    assert.deepEqual(mentionsOf(updated), mentionsOf(buildArticleModel(parseArticle(edited.text, 'a.md'), model.annotationFile)));
  });
});
