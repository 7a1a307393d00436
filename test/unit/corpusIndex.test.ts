import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { AnnotationFileParser } from '../../src/model/format/annotationFileParser';
import { withRegistry } from '../../src/model/format/withRegistry';
import { buildArticleModel } from '../../src/model/article/buildArticleModel';
import { parseArticle } from '../../src/model/article/articleParser';
import { CorpusIndex, indexArticle, locationIn, type IndexedArticle } from '../../src/model/corpus/corpusIndex';
import { parseClaimReference } from '../../src/model/format/claimReference';

// The corpus (issue 14): mentions, claims and answers across the articles of a folder.

const parser = new AnnotationFileParser();
const REGISTRY = parser.parseRegistry(
  JSON.stringify({
    version: 1,
    entities: [
      { id: 'iran', kind: 'actor', type: 'state', name: 'Iran', aliases: ['Tehran'] },
      { id: 'albania', kind: 'actor', type: 'state', name: 'Albania' },
      { id: 'usa', kind: 'actor', type: 'state', name: 'United States' },
    ],
  }),
  '/c/marginalia.registry.json',
);

interface Claim {
  id: string;
  claimant: string | null;
  summary: string;
  quote: string;
  about?: string[];
  answers?: string;
  stance?: string;
}

/** An article of the corpus at /c/NAME.md, its annotation file beside it, with the registry above. */
function article(name: string, body: string, claims: Claim[] = [], ownEntities: unknown[] = []): { text: string; annotations: string; indexed: IndexedArticle } {
  const text = `---\ntitle: ${name} title\n---\n\n${body}\n`;
  const annotations = JSON.stringify(
    {
      version: 1,
      article: `${name}.md`,
      entities: ownEntities,
      claims: claims.map(({ quote, ...claim }) => ({ ...claim, passage: { exact: quote } })),
      notes: [],
    },
    null,
    2,
  );
  const { file } = withRegistry(parser.parse(annotations, `/c/${name}.annotations.json`), REGISTRY);
  const model = buildArticleModel(parseArticle(text, `/c/${name}.md`), file);
  return { text, annotations, indexed: indexArticle(model, { key: `/c/${name}.md`, path: `/c/${name}.md`, annotationKey: `/c/${name}.annotations.json`, annotationPath: `/c/${name}.annotations.json` }) };
}

describe('A claim that answers a claim of another article', () => {
  it('is written "other-article.md#claim-id", and the annotation file alone does not call the id unknown', () => {
    assert.deepEqual(parseClaimReference('statement.md#denial'), { article: 'statement.md', claimId: 'denial' });
    assert.deepEqual(parseClaimReference('../2022/statement.markdown#denial'), { article: '../2022/statement.markdown', claimId: 'denial' });
    assert.deepEqual(parseClaimReference('denial'), { claimId: 'denial' });
    const file = parser.parse(
      JSON.stringify({ version: 1, article: 'a.md', entities: [], claims: [{ id: 'c', claimant: null, summary: 'S', passage: { exact: 'x' }, answers: 'statement.md#denial', stance: 'disputes' }], notes: [] }),
      'a.annotations.json',
    );
    assert.deepEqual(file.problems, []);
    const bad = parser.parse(JSON.stringify({ version: 1, article: 'a.md', entities: [], claims: [{ id: 'c', claimant: null, summary: 'S', passage: { exact: 'x' }, answers: 'statement#denial', stance: 'disputes' }], notes: [] }), 'a.annotations.json');
    assert.equal(bad.problems.length, 1, 'a reference without an article file name is refused by the schema');
  });
});

describe('CorpusIndex', () => {
  const statement = article('statement', 'Iran denied that it attacked Albania. Tehran called it a lie.', [{ id: 'denial', claimant: 'iran', about: ['albania'], summary: 'Iran denies the attack', quote: 'Iran denied that it attacked Albania.' }]);
  const advisory = article('advisory', 'The United States said Iran attacked Albania in July.\n\nIran did it.', [
    { id: 'attribution', claimant: 'usa', about: ['iran'], summary: 'Iran attacked Albania', quote: 'The United States said Iran attacked Albania in July.', answers: 'statement.md#denial', stance: 'disputes' },
  ]);

  it('finds every mention of an entity in every article, and where each is', () => {
    const corpus = new CorpusIndex();
    corpus.set(statement.indexed);
    corpus.set(advisory.indexed);
    const found = corpus.mentionsOf('iran').map(({ article, ranges }) => ({
      title: article.title,
      places: [...ranges].flatMap((offset, k) => (k % 2 === 0 ? [`${locationIn(article, offset).line}:${locationIn(article, offset).column}`] : [])),
    }));
    assert.deepEqual(found, [
      { title: 'advisory title', places: ['4:23', '6:0'] },
      { title: 'statement title', places: ['4:0', '4:38'] },
    ]);
    assert.deepEqual(
      corpus.entities().map(({ entity, mentions }) => `${entity.name}: ${mentions.map((m) => `${m.article.title} ${m.count}`).join(', ')}`),
      ['Albania: advisory title 1, statement title 1', 'Iran: advisory title 2, statement title 2', 'United States: advisory title 1'],
    );
  });

  it('links a claim to its answer in another article both ways, and gathers the claims an actor makes or faces', () => {
    const corpus = new CorpusIndex();
    corpus.set(statement.indexed);
    corpus.set(advisory.indexed);
    const answer = advisory.indexed.claims[0];
    assert.equal(corpus.answered(advisory.indexed, answer)?.claim.id, 'denial');
    assert.deepEqual(corpus.answersFromElsewhere('/c/statement.md', 'denial').map(({ article, claim }) => `${article.title}#${claim.id}`), ['advisory title#attribution']);
    const { makes, about } = corpus.claimsOf('iran');
    assert.deepEqual(makes.map(({ claim }) => claim.id), ['denial']);
    assert.deepEqual(about.map(({ claim }) => claim.id), ['attribution']);
    assert.deepEqual(corpus.problems(), []);
    // The answered article goes: the answer is then a problem at its "answers".
    corpus.delete('/c/statement.md');
    assert.deepEqual(corpus.answersFromElsewhere('/c/statement.md', 'denial'), []);
    const [problem] = corpus.problems();
    assert.equal(problem.code, 'unknown-article');
    assert.equal(problem.file, '/c/advisory.annotations.json');
    assert.equal(problem.start.line, advisory.annotations.split('\n').findIndex((line) => line.includes('"answers"')));
    assert.match(problem.message, /No article statement\.md to answer: there is no annotated article at \/c\/statement\.md/);
  });

  it('reports a missing claim with the nearest id, a misspelt article with the nearest name, and a circle through two articles', () => {
    const corpus = new CorpusIndex();
    corpus.set(statement.indexed);
    corpus.set(article('typo', 'Iran said no.', [{ id: 'x', claimant: 'iran', summary: 'S', quote: 'Iran said no.', answers: 'statement.md#denail', stance: 'disputes' }]).indexed);
    corpus.set(article('typo2', 'Iran said no.', [{ id: 'x', claimant: 'iran', summary: 'S', quote: 'Iran said no.', answers: 'statment.md#denial', stance: 'disputes' }]).indexed);
    assert.deepEqual(
      corpus.problems().map((problem) => problem.message),
      ['No claim with the id "denail" in statement title to answer. Did you mean "denial"?', 'No article statment.md to answer: there is no annotated article at /c/statment.md. Did you mean "statement.md"?'],
    );
    // Each with its quick fix: the JSON string that replaces the mistyped reference.
    assert.deepEqual(corpus.problems().map((problem) => problem.fix?.replacement), ['"statement.md#denial"', '"statement.md#denial"']);
    const circle = new CorpusIndex();
    circle.set(article('one', 'Iran said no.', [{ id: 'a', claimant: 'iran', summary: 'S', quote: 'Iran said no.', answers: 'two.md#b', stance: 'disputes' }]).indexed);
    circle.set(article('two', 'Iran said yes.', [{ id: 'b', claimant: 'iran', summary: 'S', quote: 'Iran said yes.', answers: 'c', stance: 'disputes' }, { id: 'c', claimant: 'iran', summary: 'S', quote: 'Iran', answers: 'one.md#a', stance: 'supports' }]).indexed);
    const problems = circle.problems();
    assert.equal(problems.length, 1);
    assert.equal(problems[0].code, 'answer-cycle');
    assert.match(problems[0].message, /one\.md#a → two\.md#b → two\.md#c → one\.md#a/);
  });

  it('answers every question as a fresh index would after any sequence of articles set, replaced and deleted', () => {
    const names = ['a', 'b', 'c', 'd'];
    const bodies = ['Iran denied it.', 'Tehran and Albania.', 'The United States and Iran.', 'Nothing here.'];
    const version = fc.record({
      name: fc.constantFrom(...names),
      body: fc.constantFrom(...bodies),
      answers: fc.option(fc.constantFrom(...names.map((name) => `${name}.md#claim`)), { nil: undefined }),
      claimant: fc.constantFrom('iran', 'usa', null),
    });
    const step = fc.oneof(version.map((v) => ({ set: v })), fc.constantFrom(...names).map((name) => ({ delete: name })));
    fc.assert(
      fc.property(fc.array(step, { maxLength: 25 }), (steps) => {
        const incremental = new CorpusIndex();
        const current = new Map<string, IndexedArticle>();
        for (const s of steps) {
          if ('delete' in s) {
            incremental.delete(`/c/${s.delete}.md`);
            current.delete(s.delete);
          } else {
            const { name, body, answers, claimant } = s.set;
            const claims: Claim[] = [{ id: 'claim', claimant, about: ['albania'], summary: `${name} says`, quote: body, ...(answers ? { answers, stance: 'disputes' } : {}) }];
            const { indexed } = article(name, body, claims);
            incremental.set(indexed);
            current.set(name, indexed);
          }
        }
        const fresh = new CorpusIndex();
        for (const indexed of current.values()) fresh.set(indexed);
        assert.deepEqual(answersOf(incremental), answersOf(fresh));
      }),
      { numRuns: 150 },
    );
  });
});

/** Everything the index answers, as plain data. */
function answersOf(corpus: CorpusIndex): unknown {
  const ids = ['iran', 'albania', 'usa'];
  return {
    articles: corpus.all().map((a) => a.key),
    mentions: ids.map((id) => corpus.mentionsOf(id).map(({ article, ranges }) => [article.key, [...ranges]])),
    claims: ids.map((id) => {
      const { makes, about } = corpus.claimsOf(id);
      return [makes.map((c) => `${c.article.key}#${c.claim.id}`), about.map((c) => `${c.article.key}#${c.claim.id}`)];
    }),
    entities: corpus.entities().map(({ entity, mentions }) => [entity.id, mentions.map((m) => [m.article.key, m.count])]),
    answers: corpus.all().map((a) => corpus.answersFromElsewhere(a.key, 'claim').map((c) => c.article.key)),
    answered: corpus.all().map((a) => corpus.answered(a, a.claims[0])?.article.key),
    problems: corpus.problems(),
  };
}
