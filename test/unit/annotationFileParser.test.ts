import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseTree } from 'jsonc-parser';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AnnotationFileParser, rangeInAnnotationFile, type ParsedAnnotationFile } from '../../src/model/format/annotationFileParser';
import { problemWith, type Problem } from '../../src/model/format/problem';

const parser = new AnnotationFileParser();
const projectRoot = join(__dirname, '../../..');
const SAMPLE = readFileSync(join(projectRoot, 'articles/dw-albania-iran-cyberattacks.annotations.json'), 'utf8');

/** A valid small file, as text with a known layout, so tests can assert lines and columns. */
function fileWith(overrides: Record<string, unknown>): string {
  const base = {
    version: 1,
    article: 'a.md',
    entities: [
      { id: 'iran', kind: 'actor', type: 'state', name: 'Iran', aliases: ['Islamic Republic'] },
      { id: 'tims', kind: 'system', type: 'database', name: 'TIMS' },
    ],
    claims: [{ id: 'c1', claimant: 'iran', about: ['tims'], summary: 'A claim.', passage: { exact: 'Iran' } }],
    notes: [],
  };
  return JSON.stringify({ ...base, ...overrides }, null, 2);
}

function only(problems: Problem[], code: string): Problem {
  const matching = problems.filter((problem) => problem.code === code);
  assert.equal(matching.length, 1, `one ${code} problem expected, got: ${problems.map((p) => `${p.code}: ${p.message}`).join('; ')}`);
  return matching[0];
}

/** The one-based "line:column" of a problem, as users read it. */
function at(problem: Problem): string {
  return `${problem.start.line + 1}:${problem.start.column + 1}`;
}

/** Where `needle` starts in `text`, as one-based "line:column". */
function locate(text: string, needle: string, occurrence = 0): string {
  let index = -1;
  for (let i = 0; i <= occurrence; i++) index = text.indexOf(needle, index + 1);
  assert.ok(index >= 0, `${needle} is in the text`);
  const before = text.slice(0, index).split('\n');
  return `${before.length}:${before[before.length - 1].length + 1}`;
}

describe('AnnotationFileParser', () => {
  it('loads the first article\'s annotation file without problems', () => {
    const parsed = parser.parse(SAMPLE, 'sample.annotations.json');
    assert.deepEqual(parsed.problems, []);
    assert.ok(parsed.annotations);
    assert.ok(parsed.annotations.entities.length >= 30);
    assert.ok(parsed.annotations.claims.some((claim) => claim.stance === 'disputes'));
  });

  it('reports invalid JSON at the place of the error and does not use the file', () => {
    const text = '{\n  "version": 1,\n  "article": "a.md"\n  "entities": []\n}';
    const parsed = parser.parse(text, 'bad.json');
    assert.equal(parsed.annotations, undefined);
    const problem = parsed.problems[0];
    assert.equal(problem.code, 'invalid-json');
    assert.equal(at(problem), '4:3');
    assert.match(problem.message, /expected ","/);
    assert.equal(problem.file, 'bad.json');
  });

  it('reports an empty file, and a file of only whitespace', () => {
    for (const text of ['', '  \n\t\n']) {
      const parsed = parser.parse(text, 'empty.json');
      assert.equal(parsed.annotations, undefined);
      assert.match(only(parsed.problems, 'empty-file').message, /empty/);
    }
  });

  it('reports a JSON array instead of an object', () => {
    const parsed = parser.parse('[\n  {"version": 1}\n]', 'array.json');
    assert.equal(parsed.annotations, undefined);
    const problem = only(parsed.problems, 'not-an-object');
    assert.match(problem.message, /must hold a JSON object, not an array/);
    assert.equal(at(problem), '1:1');
  });

  it('reports bytes that are not UTF-8 at their line and column', () => {
    const text = Buffer.from('{\n  "version": 1,\n  "article": "caf', 'utf8');
    const bytes = Buffer.concat([text, Buffer.from([0xe9]), Buffer.from('.md"\n}', 'utf8')]);
    const parsed = parser.parseBytes(bytes, 'latin1.json');
    assert.equal(parsed.annotations, undefined);
    const problem = only(parsed.problems, 'not-utf8');
    assert.equal(at(problem), '3:18');
    assert.match(problem.message, /0xe9/);
  });

  it('accepts a UTF-8 byte order mark', () => {
    const parsed = parser.parseBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(fileWith({}))]), 'bom.json');
    assert.deepEqual(parsed.problems, []);
  });

  it('refuses comments, which JSON does not allow', () => {
    const parsed = parser.parse('{ // note\n "version": 1 }', 'comment.json');
    assert.equal(only(parsed.problems, 'invalid-json').start.line, 0);
  });

  it('reports schema errors on the exact property, naming the entry, and keeps the valid entries', () => {
    const text = fileWith({
      entities: [
        { id: 'iran', kind: 'actor', type: 'state', name: 'Iran' },
        { id: 'tims', kind: 'system', type: 'person', name: 'TIMS' },
        { id: 'nato', kind: 'actor', type: 'alliance', name: 'NATO', colour: 'blue' },
      ],
      claims: [{ id: 'c1', claimant: 'iran', passage: { exact: 'Iran' } }],
    });
    const parsed = parser.parse(text, 'schema.json');
    const typeProblem = parsed.problems.find((p) => p.message.includes('"type" of entity "tims"'));
    assert.ok(typeProblem, parsed.problems.map((p) => p.message).join('\n'));
    assert.equal(at(typeProblem), locate(text, '"person"'));
    const unknown = parsed.problems.find((p) => p.message.includes('unknown property "colour"'));
    assert.ok(unknown);
    assert.equal(at(unknown), locate(text, '"colour"'));
    const missing = parsed.problems.find((p) => p.message === 'Claim "c1" is missing "summary".');
    assert.ok(missing, parsed.problems.map((p) => p.message).join('\n'));
    assert.deepEqual(parsed.annotations?.entities.map((e) => e.id), ['iran']);
    assert.deepEqual(parsed.annotations?.claims, []);
    assert.deepEqual(parsed.sourceIndexes.entities, [0]);
  });

  it('reports a type that no kind has once, listing the types of the entity\'s kind', () => {
    const parsed = parser.parse(fileWith({ entities: [{ id: 'tirana', kind: 'actor', type: 'city', name: 'Tirana' }], claims: [] }), 'type.json');
    const problem = only(parsed.problems, 'schema');
    assert.match(problem.message, /"type" of entity "tirana" must be one of: "state", .*"alliance"\.$/);
    assert.doesNotMatch(problem.message, /"server"/);
  });

  it('refuses a future format version instead of guessing', () => {
    const parsed = parser.parse(fileWith({ version: 2 }), 'v2.json');
    assert.equal(parsed.annotations, undefined);
    assert.match(only(parsed.problems, 'unsupported-version').message, /version 2.*reads version 1/);
  });

  it('reports duplicate ids at the second use', () => {
    const text = fileWith({ notes: [{ id: 'iran', passage: { exact: 'Iran' }, text: 'A note.' }] });
    const problem = only(parser.parse(text, 'dup.json').problems, 'duplicate-id');
    assert.match(problem.message, /"iran" is already used by entity 1/);
    assert.equal(at(problem), locate(text, '"iran"', 2));
  });

  it('reports unknown ids with a suggestion', () => {
    const text = fileWith({ claims: [{ id: 'c1', claimant: 'irn', about: ['tim'], summary: 'S.', passage: { exact: 'Iran' } }] });
    const problems = parser.parse(text, 'unknown.json').problems.filter((p) => p.code === 'unknown-id');
    assert.deepEqual(problems.map((p) => p.message), [
      'No entity with the id "irn" in this file. Did you mean "iran"?',
      'No entity with the id "tim" in this file. Did you mean "tims"?',
    ]);
    assert.equal(at(problems[0]), locate(text, '"irn"'));
  });

  it('reports a claim answering itself, an unknown claim, and cycles of any length', () => {
    const claim = (id: string, answers: string) => ({ id, claimant: null, summary: 'S.', passage: { exact: 'Iran' }, answers, stance: 'disputes' });
    const self = parser.parse(fileWith({ claims: [claim('c1', 'c1')] }), 'self.json').problems;
    assert.match(only(self, 'answers-itself').message, /answers itself/);
    const missing = parser.parse(fileWith({ claims: [claim('c1', 'c9')] }), 'missing.json').problems;
    assert.match(only(missing, 'unknown-id').message, /No claim with the id "c9"/);
    const cycle = parser.parse(fileWith({ claims: [claim('a', 'b'), claim('b', 'c'), claim('c', 'a'), claim('d', 'a')] }), 'cycle.json').problems;
    assert.match(only(cycle, 'answer-cycle').message, /a → b → c → a/);
  });

  it('accepts chains of counterclaims of any depth', () => {
    const claims = Array.from({ length: 50 }, (_, i) => ({
      id: `c${i}`,
      claimant: null,
      summary: 'S.',
      passage: { exact: 'Iran' },
      ...(i > 0 ? { answers: `c${i - 1}`, stance: i % 2 ? 'disputes' : 'supports' } : {}),
    }));
    assert.deepEqual(parser.parse(fileWith({ claims }), 'deep.json').problems, []);
  });

  it('reports a stance without a claim to answer, and an answer without a stance', () => {
    const stanceOnly = parser.parse(fileWith({ claims: [{ id: 'c1', claimant: null, summary: 'S.', passage: { exact: 'Iran' }, stance: 'disputes' }] }), 's.json');
    assert.match(only(stanceOnly.problems, 'stance-without-answer').message, /has the stance "disputes" but answers no claim/);
    const answerOnly = parser.parse(
      fileWith({ claims: [{ id: 'c0', claimant: null, summary: 'S.', passage: { exact: 'Iran' } }, { id: 'c1', claimant: null, summary: 'S.', passage: { exact: 'Iran' }, answers: 'c0' }] }),
      'a.json',
    );
    assert.match(only(answerOnly.problems, 'answer-without-stance').message, /does not say how/);
  });

  it('reports empty and blank names', () => {
    const blank = parser.parse(fileWith({ entities: [{ id: 'x', kind: 'actor', type: 'state', name: '   ' }], claims: [] }), 'blank.json');
    assert.match(only(blank.problems, 'empty-name').message, /empty name/);
    const empty = parser.parse(fileWith({ entities: [{ id: 'x', kind: 'actor', type: 'state', name: '' }], claims: [] }), 'empty.json');
    assert.match(empty.problems[0].message, /"name" of entity "x" must not be empty/);
  });

  it('reports an alias shared by two entities, whatever its case when either ignores case', () => {
    const shared = parser.parse(
      fileWith({
        entities: [
          { id: 'iran', kind: 'actor', type: 'state', name: 'Iran', aliases: ['Tehran'] },
          { id: 'iran-government', kind: 'actor', type: 'government', name: 'Iranian government', aliases: ['tehran'], caseSensitive: false },
        ],
        claims: [],
      }),
      'shared.json',
    );
    assert.match(only(shared.problems, 'shared-alias').message, /names both "iran" and "iran-government"/);
    const distinct = parser.parse(
      fileWith({
        entities: [
          { id: 'us', kind: 'actor', type: 'state', name: 'US' },
          { id: 'us-people', kind: 'actor', type: 'group', name: 'Us' },
        ],
        claims: [],
      }),
      'distinct.json',
    );
    assert.deepEqual(distinct.problems, [], 'case-sensitive names that differ in case do not clash');
    const entitiesWith = (ignoreAccents: boolean) => [
      { id: 'kosovo', kind: 'actor', type: 'state', name: 'Kosovë', ignoreAccents },
      { id: 'kosove-party', kind: 'actor', type: 'organization', name: 'Kosove' },
    ];
    const accents = parser.parse(fileWith({ entities: entitiesWith(true), claims: [] }), 'accents.json');
    assert.match(only(accents.problems, 'shared-alias').message, /"Kosove" names both "kosovo" and "kosove-party"/);
    assert.deepEqual(parser.parse(fileWith({ entities: entitiesWith(false), claims: [] }), 'accents.json').problems, [], 'names that differ in accents do not clash when neither ignores them');
  });

  it('warns at its place about a name or alias that holds what a reader never sees, so it never matches', () => {
    const aliases = ['Government of\nIran', '[Iran](https://example.org)', '**Iran**', '`Iran`', '<b>Iran</b>', 'Iran &amp; co', 'Islamic Republic'];
    const parsed = parser.parse(fileWith({ entities: [{ id: 'iran', kind: 'actor', type: 'state', name: '*Iran*', aliases }], claims: [] }), 'unseen.json');
    const warnings = parsed.problems.filter((problem) => problem.code === 'alias-never-matches');
    assert.deepEqual(
      warnings.map((problem) => problem.message.replace(/; names are matched.*$/, '')),
      [
        '"*Iran*" has Markdown emphasis or code marks: write the words without them',
        '"Government of\nIran" has a line break, which a reader sees as a space: write a space',
        '"[Iran](https://example.org)" is written as a Markdown link or image: write only the text a reader sees',
        '"**Iran**" has Markdown emphasis or code marks: write the words without them',
        '"`Iran`" has Markdown emphasis or code marks: write the words without them',
        '"<b>Iran</b>" has an HTML tag: write only the text a reader sees',
        '"Iran &amp; co" has an HTML entity reference: write the character it stands for',
      ],
    );
    assert.ok(warnings.every((problem) => problem.severity === 'warning'));
    // At the alias itself: the line of the second alias in the file.
    assert.equal(at(warnings[2]), locate(fileWith({ entities: [{ id: 'iran', kind: 'actor', type: 'state', name: '*Iran*', aliases }], claims: [] }), '"[Iran]'));
  });

  it('reads a 5 MB file completely, without problems', () => {
    const entities = Array.from({ length: 12_000 }, (_, i) => ({
      id: `entity-${i}`,
      kind: 'actor',
      type: 'person',
      name: `Person ${i}`,
      aliases: [`P${i}`],
      summary: 'x'.repeat(300),
    }));
    const text = JSON.stringify({ version: 1, article: 'a.md', entities, claims: [], notes: [] }, null, 2);
    assert.ok(text.length > 5_000_000, `the file is ${text.length} bytes`);
    const parsed = parser.parse(text, 'big.json');
    assert.deepEqual(parsed.problems, []);
    assert.equal(parsed.annotations?.entities.length, 12_000);
  });

  it('never throws on random garbage', () => {
    const samples = ['{', '}', '{"version":', 'null', '42', '"text"', '{"entities": {}}', '\u0000\u0001', '{"version":1,"article":"a.md","entities":[null],"claims":[1],"notes":["x"]}'];
    for (const sample of samples) {
      const parsed = parser.parse(sample, 'garbage.json');
      assert.ok(parsed.problems.length > 0, `problems for ${JSON.stringify(sample)}`);
      for (const problem of parsed.problems) assert.ok(problem.start.line >= 0 && problem.start.column >= 0);
    }
  });
});

describe('AnnotationFileParser, for a registry of shared entities (issue 14)', () => {
  const parser = new AnnotationFileParser();
  const registryWith = (entities: unknown[]) => JSON.stringify({ version: 1, entities }, null, 2);

  it('reads the entities of a registry, and nothing of an article', () => {
    const parsed = parser.parseRegistry(registryWith([{ id: 'iran', kind: 'actor', type: 'state', name: 'Iran', aliases: ['Tehran'] }]), 'marginalia.registry.json');
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(parsed.annotations?.entities.map((entity) => entity.id), ['iran']);
    assert.deepEqual([parsed.annotations?.article, parsed.annotations?.claims, parsed.annotations?.notes], ['', [], []]);
  });

  it('refuses mentions, exclusions and claims in a registry at their place, and keeps the valid entities', () => {
    const text = registryWith([
      { id: 'iran', kind: 'actor', type: 'state', name: 'Iran', mentions: [{ exact: 'this country' }] },
      { id: 'albania', kind: 'actor', type: 'state', name: 'Albania' },
    ]).replace('"version": 1,', '"version": 1,\n  "claims": [],');
    const parsed = parser.parseRegistry(text, 'marginalia.registry.json');
    const messages = parsed.problems.map((problem) => `${at(problem)} ${problem.message}`);
    assert.ok(messages.some((message) => message.startsWith(`${locate(text, '"claims"')} The file has an unknown property "claims"`)), messages.join('\n'));
    assert.ok(messages.some((message) => message.startsWith(`${locate(text, '"mentions"')} Entity "iran" has an unknown property "mentions"`)), messages.join('\n'));
    assert.deepEqual(parsed.annotations?.entities.map((entity) => entity.id), ['albania']);
  });

  it('checks the meaning of a registry as of an annotation file: duplicate ids, shared aliases, relations to unknown ids', () => {
    const text = registryWith([
      { id: 'iran', kind: 'actor', type: 'state', name: 'Iran' },
      { id: 'iran', kind: 'actor', type: 'state', name: 'Islamic Republic' },
      { id: 'tehran', kind: 'actor', type: 'government', name: 'Iran', relations: [{ type: 'partOf', entity: 'persia' }] },
    ]);
    const codes = parser.parseRegistry(text, 'marginalia.registry.json').problems.map((problem) => problem.code).sort();
    assert.deepEqual(codes, ['duplicate-id', 'shared-alias', 'unknown-id']);
  });

  it('says what an empty registry must hold', () => {
    assert.match(parser.parseRegistry('  ', 'marginalia.registry.json').problems[0].message, /The registry is empty: it must hold a JSON object with "version" and "entities"/);
    assert.match(parser.parseRegistry('[]', 'marginalia.registry.json').problems[0].message, /The registry must hold a JSON object, not an array/);
  });
});

describe('AnnotationFileParser, reading a well-formed file first with JSON.parse', () => {
  const withTreeFirst = new AnnotationFileParser({ quickRead: false });
  const sample = JSON.parse(SAMPLE) as Record<string, unknown[]>;
  /** What a parse gives, as data: the same for both ways of reading, places included. */
  const outcome = (parsed: ParsedAnnotationFile) => ({
    annotations: parsed.annotations,
    sourceIndexes: parsed.sourceIndexes,
    sharedPassages: parsed.sharedPassages,
    // As a reader of the problems sees them, every field read (a problem may write some only when read).
    problems: parsed.problems.map((problem) => problemWith(problem, {})),
    places: [['entities', 0, 'name'], ['claims', 1], ['notes'], ['nowhere']].map((path) => rangeInAnnotationFile(parsed, path)),
  });
  // Files as people and tools damage them: a value replaced anywhere, a key written twice or with an
  // escape, brackets nested deep, a byte order mark, text cut short.
  const damaged = fc.oneof(
    fc.record({ collection: fc.constantFrom('entities', 'claims', 'notes'), entry: fc.nat(40), key: fc.constantFrom('id', 'name', 'kind', 'passage', 'answers', 'aliases', 'about', 'extra'), value: fc.jsonValue({ maxDepth: 3 }) }).map(({ collection, entry, key, value }) => {
      const copy = structuredClone(sample);
      const entries = copy[collection];
      if (entries.length > 0) (entries[entry % entries.length] as Record<string, unknown>)[key] = value;
      return JSON.stringify(copy, null, 2);
    }),
    fc.nat().map((at) => {
      const text = JSON.stringify(sample, null, 2);
      const keys = [...text.matchAll(/"(\w+)": /g)];
      const { index, 1: key } = keys[at % keys.length];
      return `${text.slice(0, index)}"${key}": null, ${text.slice(index)}`;
    }),
    fc.nat().map((at) => {
      const text = JSON.stringify(sample, null, 2);
      const keys = [...text.matchAll(/"(\w)(\w*)": /g)];
      const { index, 1: first, 2: rest } = keys[at % keys.length];
      return `${text.slice(0, index)}"\\u00${first.charCodeAt(0).toString(16)}${rest}": 1, ${text.slice(index)}`;
    }),
    fc.integer({ min: 60, max: 70 }).map((depth) => JSON.stringify({ ...sample, notes: [JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`)] })),
    fc.nat().map((cut) => JSON.stringify(sample).slice(0, cut % JSON.stringify(sample).length)),
    fc.constant(`\ufeff${JSON.stringify(sample)}`),
    fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)),
  );

  it('gives what building the tree first gives, problems, places and all, for a file damaged in any way', () => {
    fc.assert(
      fc.property(damaged, (text) => {
        assert.deepEqual(outcome(parser.parse(text, 'a.annotations.json')), outcome(withTreeFirst.parse(text, 'a.annotations.json')));
      }),
      { numRuns: 300 },
    );
  });

  it('builds the tree of a file read without a problem only when a place is asked for, and it is jsonc-parser\'s', () => {
    const parsed = parser.parse(SAMPLE, 'a.annotations.json');
    assert.deepEqual(parsed.problems, []);
    const expected = parseTree(SAMPLE, [], { disallowComments: true });
    assert.equal(parsed.locations.root?.children?.length, expected?.children?.length);
    assert.deepEqual(rangeInAnnotationFile(parsed, ['claims', 2, 'passage', 'exact']), rangeInAnnotationFile(withTreeFirst.parse(SAMPLE, 'a.annotations.json'), ['claims', 2, 'passage', 'exact']));
  });
});
