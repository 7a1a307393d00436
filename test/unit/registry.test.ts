import * as assert from 'node:assert/strict';
import { AnnotationFileParser } from '../../src/model/format/annotationFileParser';
import { applyEdits } from 'jsonc-parser';
import { withRegistry } from '../../src/model/format/withRegistry';
import { isRefusalOfMove, moveToRegistry } from '../../src/model/format/registryMoves';
import { registryCandidates, registryMissingProblem } from '../../src/model/format/registryLocation';
import { buildArticleModel } from '../../src/model/article/buildArticleModel';
import { parseArticle } from '../../src/model/article/articleParser';

// A folder's registry of shared actors and systems (issue 14), merged into an article's annotations.

const parser = new AnnotationFileParser();
const REGISTRY = JSON.stringify(
  {
    version: 1,
    entities: [
      { id: 'iran', kind: 'actor', type: 'state', name: 'Iran', aliases: ['Tehran'] },
      { id: 'albania', kind: 'actor', type: 'state', name: 'Albania', relations: [{ type: 'linkedTo', entity: 'iran' }] },
    ],
  },
  null,
  2,
);
const ARTICLE = '---\ntitle: T\n---\n\nTehran denied it. Albania and the Ministry said so.\n';

function annotationText(extra: Record<string, unknown> = {}) {
  return JSON.stringify(
    {
      version: 1,
      article: 'a.md',
      entities: [{ id: 'ministry', kind: 'actor', type: 'agency', name: 'Ministry', relations: [{ type: 'partOf', entity: 'albania' }] }],
      claims: [{ id: 'denial', claimant: 'iran', about: ['albania'], summary: 'Iran denies it', passage: { exact: 'Tehran denied it.' } }],
      notes: [],
      ...extra,
    },
    null,
    2,
  );
}

describe('A registry of shared entities', () => {
  it('gives an article its entities: their names are highlighted and its claims may name them', () => {
    const alone = parser.parse(annotationText(), 'a.annotations.json');
    assert.deepEqual(alone.problems.map((problem) => problem.code), ['unknown-id', 'unknown-id', 'unknown-id'], 'read alone, the references are unknown');
    const registry = parser.parseRegistry(REGISTRY, 'marginalia.registry.json');
    const { file, registryProblems } = withRegistry(alone, registry);
    assert.deepEqual(file.problems, []);
    assert.deepEqual(registryProblems, []);
    const model = buildArticleModel(parseArticle(ARTICLE, 'a.md'), file);
    assert.deepEqual(model.mentions.all().map((mention) => `${mention.entityId}:${ARTICLE.slice(mention.start, mention.end)}`), ['iran:Tehran', 'albania:Albania', 'ministry:Ministry']);
    assert.equal(model.claims[0].anchor.status, 'exact');
    assert.deepEqual(model.problems.filter((problem) => problem.severity === 'error'), []);
  });

  it('reports an id defined in both places at both, and uses the article\'s own', () => {
    const own = { id: 'iran', kind: 'actor', type: 'government', name: 'Iranian government' };
    const text = annotationText({ entities: [own] });
    const { file, registryProblems } = withRegistry(parser.parse(text, 'a.annotations.json'), parser.parseRegistry(REGISTRY, 'marginalia.registry.json'));
    const inFile = file.problems.find((problem) => problem.code === 'duplicate-id')!;
    assert.match(inFile.message, /The id "iran" is also defined in the registry marginalia\.registry\.json/);
    assert.equal(inFile.start.line, text.split('\n').findIndex((line) => line.includes('"id": "iran"')));
    assert.equal(registryProblems.length, 1);
    assert.match(registryProblems[0].message, /The id "iran" is also defined in a\.annotations\.json/);
    assert.equal(registryProblems[0].start.line, REGISTRY.split('\n').findIndex((line) => line.includes('"id": "iran"')));
    assert.deepEqual(file.annotations!.entities.filter((entity) => entity.id === 'iran').map((entity) => entity.name), ['Iranian government']);
  });

  it('leaves the file as it is without a usable registry, and keeps unknown ids that the registry does not define', () => {
    const alone = parser.parse(annotationText({ claims: [{ id: 'c', claimant: 'persia', summary: 's', passage: { exact: 'Tehran denied it.' } }] }), 'a.annotations.json');
    const broken = parser.parseRegistry('{ "version": 1, "entities": [', 'marginalia.registry.json');
    assert.equal(withRegistry(alone, broken).file, alone);
    const merged = withRegistry(alone, parser.parseRegistry(REGISTRY, 'marginalia.registry.json')).file;
    assert.equal(merged.problems.length, 1);
    assert.match(merged.problems[0].message, /^No entity with the id "persia" in this file/);
  });
});

describe('An article\'s passages of a registry\'s entity (an entry without kind, type and name)', () => {
  const ARTICLE_WITH_TEHRAN = '---\ntitle: T\n---\n\nTehran denied it. The Islamic Republic said so. A Tehran restaurant opened.\n';
  const passagesText = (entry: object) => annotationText({ entities: [{ id: 'ministry', kind: 'actor', type: 'agency', name: 'Ministry' }, entry] });

  it('adds this article\'s explicit mentions and exclusions to the registry\'s entity', () => {
    const text = passagesText({ id: 'iran', mentions: [{ exact: 'The Islamic Republic' }], exclusions: [{ exact: 'Tehran restaurant' }] });
    const alone = parser.parse(text, 'a.annotations.json');
    assert.deepEqual(alone.sharedPassages.map((passages) => passages.id), ['iran']);
    assert.deepEqual(alone.annotations!.entities.map((entity) => entity.id), ['ministry'], 'not an entity of its own');
    const { file } = withRegistry(alone, parser.parseRegistry(REGISTRY, 'marginalia.registry.json'));
    assert.deepEqual(file.problems, []);
    const model = buildArticleModel(parseArticle(ARTICLE_WITH_TEHRAN, 'a.md'), file);
    assert.deepEqual(model.mentionsByEntity.get('iran')!.map((m) => `${ARTICLE_WITH_TEHRAN.slice(m.start, m.end)}:${m.source}`), ['Tehran:alias', 'The Islamic Republic:explicit']);
    assert.equal(model.explicitMentions[0].anchor.status, 'exact');
    // A passage that is lost is reported at its place in this file.
    const lost = withRegistry(parser.parse(passagesText({ id: 'iran', mentions: [{ exact: 'Persia' }] }), 'a.annotations.json'), parser.parseRegistry(REGISTRY, 'marginalia.registry.json')).file;
    const problem = buildArticleModel(parseArticle(ARTICLE_WITH_TEHRAN, 'a.md'), lost).problems.find((p) => p.severity === 'error')!;
    assert.equal(problem.file, 'a.annotations.json');
    const lines = passagesText({ id: 'iran', mentions: [{ exact: 'Persia' }] }).split('\n');
    const exactLine = lines.findIndex((line) => line.includes('"exact": "Persia"'));
    assert.ok(problem.start.line > lines.findIndex((line) => line.includes('"id": "iran"')) && problem.start.line <= exactLine, `line ${problem.start.line}: ${problem.message}`);
  });

  it('is a problem at its id where no registry has the id, and a clear one when it holds more than passages', () => {
    const text = passagesText({ id: 'persia', mentions: [{ exact: 'Tehran' }] });
    const merged = withRegistry(parser.parse(text, 'a.annotations.json'), parser.parseRegistry(REGISTRY, 'marginalia.registry.json')).file;
    const problem = merged.problems.find((p) => p.code === 'unknown-id')!;
    assert.match(problem.message, /^No entity "persia" in a registry/);
    assert.equal(problem.start.line, text.split('\n').findIndex((line) => line.includes('"id": "persia"')));
    const withAliases = passagesText({ id: 'iran', aliases: ['Persia'] });
    const [refused] = parser.parse(withAliases, 'a.annotations.json').problems;
    assert.match(refused.message, /may have "mentions" and "exclusions", not "aliases"\. Add "kind", "type" and "name"/);
    assert.equal(refused.start.line, withAliases.split('\n').findIndex((line) => line.includes('"aliases"')));
    // A whole entity that lacks only its name is still an entity missing its name.
    assert.match(parser.parse(passagesText({ id: 'x', kind: 'actor', type: 'state' }), 'a.annotations.json').problems[0].message, /is missing "name"/);
  });
});

describe('Where an article\'s registry is (registryCandidates: the rule of the CLI and the editor)', () => {
  it('looks in the annotation file\'s folder and each one above, up to the workspace folder', () => {
    assert.deepEqual(registryCandidates('/w/articles/2022/a.annotations.json', undefined, '/w'), [
      '/w/articles/2022/marginalia.registry.json',
      '/w/articles/marginalia.registry.json',
      '/w/marginalia.registry.json',
    ]);
    assert.deepEqual(registryCandidates('/w/a.annotations.json', undefined), ['/w/marginalia.registry.json', '/marginalia.registry.json']);
    // A file outside the workspace folder looks in its own folder only.
    assert.deepEqual(registryCandidates('/elsewhere/a.annotations.json', undefined, '/w'), ['/elsewhere/marginalia.registry.json']);
  });

  it('takes only the registry the file names, relative to the file', () => {
    assert.deepEqual(registryCandidates('/w/articles/a.annotations.json', '../shared/actors.json', '/w'), ['/w/shared/actors.json']);
    assert.deepEqual(registryCandidates('/w/articles/a.annotations.json', './r.json'), ['/w/articles/r.json']);
    assert.deepEqual(registryCandidates('/w/a.annotations.json', '../../../r.json'), ['/r.json']);
    assert.deepEqual(registryCandidates('/w/a.annotations.json', '/abs/r.json'), ['/abs/r.json']);
  });

  it('says where a named registry was looked for, at the file\'s "registry"', () => {
    const file = parser.parse(annotationText({ registry: '../shared/actors.json' }), 'a.annotations.json');
    const problem = registryMissingProblem(file, '../shared/actors.json', 'shared/actors.json');
    assert.equal(problem.code, 'registry-missing');
    assert.match(problem.message, /No registry at \.\.\/shared\/actors\.json \(shared\/actors\.json\)/);
    const line = annotationText({ registry: '../shared/actors.json' }).split('\n').findIndex((text) => text.includes('"registry"'));
    assert.equal(problem.start.line, line);
  });
});

describe('Moving entities into the registry (moveToRegistry)', () => {
  const ARTICLE_A = '---\ntitle: A\n---\n\nThe Islamic Republic denied it. Iran said no.\n';
  const emptyRegistry = () => parser.parseRegistry(JSON.stringify({ version: 1, entities: [{ id: 'albania', kind: 'actor', type: 'state', name: 'Albania' }] }, null, 2), 'marginalia.registry.json');
  const editable = (parsed: ReturnType<AnnotationFileParser['parse']>) => ({ text: parsed.text, annotations: parsed.annotations!, sourceIndexes: parsed.sourceIndexes, sharedPassages: parsed.sharedPassages });
  const fileA = () =>
    parser.parse(
      JSON.stringify(
        {
          version: 1,
          article: 'a.md',
          entities: [
            { id: 'iran', kind: 'actor', type: 'state', name: 'Iran', summary: 'A state.', mentions: [{ exact: 'The Islamic Republic' }], relations: [{ type: 'linkedTo', entity: 'albania' }] },
            { id: 'mek', kind: 'actor', type: 'group', name: 'MEK', relations: [{ type: 'linkedTo', entity: 'iran' }] },
          ],
          claims: [{ id: 'denial', claimant: 'iran', summary: 'Iran denies it', passage: { exact: 'Iran said no.' } }],
          notes: [],
        },
        null,
        2,
      ),
      'a.annotations.json',
    );

  it('moves an entity with its record to the registry, and keeps its mentions in the article as its passages of the shared entity', () => {
    const registry = emptyRegistry();
    const moved = moveToRegistry(editable(registry), [{ file: editable(fileA()), entityId: 'iran' }]);
    assert.ok(!isRefusalOfMove(moved), JSON.stringify(moved));
    assert.equal(moved.id, 'iran');
    const newRegistry = parser.parseRegistry(applyEdits(registry.text, moved.registryEdits), 'marginalia.registry.json');
    assert.deepEqual(newRegistry.problems, []);
    assert.deepEqual(newRegistry.annotations!.entities[1], { id: 'iran', kind: 'actor', type: 'state', name: 'Iran', summary: 'A state.', relations: [{ type: 'linkedTo', entity: 'albania' }] });
    const newFile = parser.parse(applyEdits(fileA().text, moved.fileEdits[0]), 'a.annotations.json');
    assert.deepEqual(newFile.sharedPassages.map(({ id, mentions }) => ({ id, mentions })), [{ id: 'iran', mentions: [{ exact: 'The Islamic Republic' }] }]);
    // Merged again, the article reads as before: the same mentions, the claim's claimant known.
    const { file } = withRegistry(newFile, newRegistry);
    assert.deepEqual(file.problems, []);
    const model = buildArticleModel(parseArticle(ARTICLE_A, 'a.md'), file);
    assert.deepEqual(model.mentionsByEntity.get('iran')!.map((m) => ARTICLE_A.slice(m.start, m.end)), ['The Islamic Republic', 'Iran']);
  });

  it('merges the same entity from several articles into the registry\'s, uniting aliases and rewriting each article\'s references', () => {
    const registry = parser.parseRegistry(REGISTRY, 'marginalia.registry.json');
    const fileB = parser.parse(
      JSON.stringify({ version: 1, article: 'b.md', entities: [{ id: 'iran-state', kind: 'actor', type: 'state', name: 'Iran', aliases: ['Persia'] }], claims: [{ id: 'c', claimant: 'iran-state', about: ['iran-state'], summary: 's', passage: { exact: 'x' } }], notes: [] }, null, 2),
      'b.annotations.json',
    );
    const moved = moveToRegistry(editable(registry), [
      { file: editable(fileB), entityId: 'iran-state' },
      { file: editable(fileA()), entityId: 'iran' },
    ]);
    assert.ok(!isRefusalOfMove(moved), JSON.stringify(moved));
    assert.equal(moved.id, 'iran');
    assert.ok(moved.mergedInto);
    const newRegistry = parser.parseRegistry(applyEdits(registry.text, moved.registryEdits), 'marginalia.registry.json');
    assert.deepEqual(newRegistry.annotations!.entities[0].aliases, ['Tehran', 'Persia']);
    assert.equal(newRegistry.annotations!.entities[0].summary, 'A state.');
    const newB = parser.parse(applyEdits(fileB.text, moved.fileEdits[0]), 'b.annotations.json');
    assert.deepEqual(newB.annotations!.entities, []);
    assert.deepEqual(newB.annotations!.claims[0], { id: 'c', claimant: 'iran', about: ['iran'], summary: 's', passage: { exact: 'x' } });
    assert.deepEqual(withRegistry(newB, newRegistry).file.problems, []);
    const newA = parser.parse(applyEdits(fileA().text, moved.fileEdits[1]), 'a.annotations.json');
    assert.deepEqual(newA.annotations!.entities.find((e) => e.id === 'mek')!.relations, [{ type: 'linkedTo', entity: 'iran' }]);
  });

  it('refuses a name that names another shared entity, and a relation to an entity of one article only', () => {
    const registry = parser.parseRegistry(REGISTRY, 'marginalia.registry.json');
    const clash = parser.parse(JSON.stringify({ version: 1, article: 'c.md', entities: [{ id: 'persia', kind: 'actor', type: 'state', name: 'Persia', aliases: ['Albania'] }], claims: [], notes: [] }), 'c.annotations.json');
    const refused = moveToRegistry(editable(registry), [{ file: editable(clash), entityId: 'persia' }]);
    assert.ok(isRefusalOfMove(refused));
    assert.match(refused.refuse, /"Albania" already names Albania in the registry/);
    const related = moveToRegistry(editable(emptyRegistry()), [{ file: editable(fileA()), entityId: 'mek' }]);
    assert.ok(isRefusalOfMove(related));
    assert.match(related.refuse, /MEK is related to "iran", an entity of one article only\. Move "iran" to the registry first/);
  });
});
