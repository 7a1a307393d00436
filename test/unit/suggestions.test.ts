import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { AnnotationFileParser } from '../../src/model/format/annotationFileParser';
import { buildArticleModel } from '../../src/model/article/buildArticleModel';
import { parseArticle } from '../../src/model/article/articleParser';
import type { ArticleModel } from '../../src/model/article/articleModel';
import type { EntityRecord } from '../../src/model/format/annotationTypes';
import { isRefusal, rejectSuggestions } from '../../src/model/format/annotationOperations';
import { applyEditsInOnePass } from '../../src/model/format/jsonFormatting';
import { suggestionsFor } from '../../src/model/suggestions/articleSuggestions';
import { acceptanceOf, rejectionOf } from '../../src/model/suggestions/suggestionAcceptance';
import { loadPhraseTagger, type PhraseTagger } from '../../src/model/suggestions/phraseTagger';
import type { AliasSuggestion, ClaimSuggestion, EntitySuggestion, ExclusionSuggestion, Suggestion } from '../../src/model/suggestions/suggestion';

// Suggestions (issue 15), on sentences written for these tests in the way news reports are written:
// no sentence of the articles in articles/ is used here, so that the rules are checked on text they were
// not written against.

const parser = new AnnotationFileParser();

function modelOf(body: string, annotations: { entities?: EntityRecord[]; claims?: unknown[]; rejectedSuggestions?: unknown[] } = {}, frontMatter = 'title: A report'): ArticleModel {
  const text = `---\n${frontMatter}\n---\n\n${body}\n`;
  const file = JSON.stringify({ version: 1, article: 'report.md', entities: annotations.entities ?? [], claims: annotations.claims ?? [], notes: [], ...(annotations.rejectedSuggestions ? { rejectedSuggestions: annotations.rejectedSuggestions } : {}) });
  return buildArticleModel(parseArticle(text, '/a/report.md'), parser.parse(file, '/a/report.annotations.json'));
}

let tagger: PhraseTagger;
const suggest = (model: ArticleModel, options: { from?: number; to?: number } = {}) => suggestionsFor(model, { tagger, ...options }).suggestions;
const entities = (suggestions: Suggestion[]) => suggestions.filter((s): s is EntitySuggestion => s.kind === 'entity');
const aliases = (suggestions: Suggestion[]) => suggestions.filter((s): s is AliasSuggestion => s.kind === 'alias');
const claims = (suggestions: Suggestion[]) => suggestions.filter((s): s is ClaimSuggestion => s.kind === 'claim');
const named = (suggestions: Suggestion[], name: string) => entities(suggestions).find((s) => s.name === name);

const REPORT = [
  'Prague blames hackers for outage',
  'Prime Minister Jan Novak said on Monday that the Czech government would respond to the attack on the portal e-Gov.cz.',
  'Novak told reporters that the Ministry of Industry and Trade (MIT) had warned of the risk in March.',
  'However, the Russian Foreign Ministry denied any involvement and called the accusations "absurd and unfounded".',
  'According to Novak, the attack began at night.',
  'Image: Petra Svobodova/Reuters',
].join('\n\n');

describe('Suggestions (issue 15)', function () {
  this.timeout(30_000);
  before(async () => {
    tagger = await loadPhraseTagger();
  });

  it('suggests the names of a report as entities, with kind, type and the other forms they take', () => {
    const suggestions = suggest(modelOf(REPORT));
    const novak = named(suggestions, 'Jan Novak');
    assert.ok(novak, 'the person named after a title');
    assert.equal(novak.type, 'person');
    assert.deepEqual(new Set(novak.aliases), new Set(['Prime Minister Jan Novak', 'Novak']));
    assert.equal(novak.occurrences.length, 3, 'the full name once and the surname twice');
    const ministry = named(suggestions, 'Ministry of Industry and Trade');
    assert.deepEqual([ministry?.type, ministry?.aliases], ['agency', ['MIT']]);
    assert.equal(named(suggestions, 'Czech government')?.type, 'government');
    assert.equal(named(suggestions, 'Russian Foreign Ministry')?.type, 'agency');
    assert.deepEqual([named(suggestions, 'e-Gov.cz')?.entityKind, named(suggestions, 'e-Gov.cz')?.type], ['system', 'portal']);
  });

  it('gives a name another article of the corpus annotates that entity\'s kind and type, and says where', () => {
    const suggestions = suggestionsFor(modelOf(REPORT), { tagger, knownElsewhere: [{ name: 'Czech government', kind: 'actor', type: 'state', where: 'The first report' }] }).suggestions;
    assert.deepEqual([named(suggestions, 'Czech government')?.type, named(suggestions, 'Czech government')?.why], ['state', 'annotated in The first report']);
    assert.equal(named(suggestions, 'Jan Novak')?.why, 'a name after a title', 'the others are guessed as before');
  });

  it('leaves out what is no name: a sentence\'s first word, months and days, credits, the authors', () => {
    const suggestions = suggest(modelOf(`${REPORT}\n\nJana Dvorakova, Brno`, {}, 'title: A report\nauthors:\n  - Jana Dvorakova'));
    const names = entities(suggestions).map((s) => s.name);
    for (const none of ['However', 'According', 'Monday', 'March', 'Image', 'Petra Svobodova', 'Reuters', 'Jana Dvorakova', 'Brno']) assert.ok(!names.includes(none), `"${none}" is offered: ${names.join(', ')}`);
  });

  it('offers the source offsets of what a reader sees: a name inside a link is offered on its text, never in its address', () => {
    const model = modelOf('The report by [Acme Security](https://acme.example/Acme-Security) blamed the group Cozy Bear.');
    const acme = named(suggest(model), 'Acme Security');
    assert.ok(acme);
    assert.deepEqual(acme.occurrences.map((o) => model.article.source.text.slice(o.start, o.end)), ['Acme Security']);
    assert.equal(acme.occurrences.length, 1);
  });

  it('suggests claims from reporting verbs, attributions and quotations, with the claimant and an answer where the verb says so', () => {
    const found = claims(suggest(modelOf(REPORT)));
    const said = found.find((c) => c.summary.startsWith('Prime Minister Jan Novak said'));
    assert.equal(said?.claimantName, 'Jan Novak');
    const denied = found.find((c) => c.summary.includes('denied any involvement'));
    assert.equal(denied?.claimantName, 'Russian Foreign Ministry');
    assert.equal(denied?.stance, 'disputes');
    assert.ok(denied?.answersSuggestion, 'a denial answers an earlier claim');
    assert.equal(found.find((c) => c.rejection.kind === 'claim' && c.key === denied!.answersSuggestion)?.claimantName, 'Jan Novak');
    assert.equal(found.find((c) => c.summary.startsWith('According to Novak'))?.claimantName, 'Jan Novak');
  });

  it('turns to existing entities: their other forms as aliases, claims attributed by id, and nothing where a mention is', () => {
    const model = modelOf(REPORT, { entities: [{ id: 'novak', kind: 'actor', type: 'person', name: 'Jan Novak' }] });
    const suggestions = suggest(model);
    assert.equal(named(suggestions, 'Jan Novak'), undefined);
    assert.deepEqual(new Set(aliases(suggestions).filter((a) => a.entityId === 'novak').map((a) => a.alias)), new Set(['Novak', 'Prime Minister Jan Novak']));
    assert.equal(claims(suggestions).find((c) => c.summary.startsWith('According to Novak'))?.claimantId, 'novak');
  });

  it('suggests aliases an article uses for an existing entity: initials, a capital for its state, other capitals and accents, an acronym given beside it, the plural', () => {
    const body = [
      'The United States and the US Treasury acted. Moscow denied it, officials in Moscow said.',
      'GOVERNMENT OF KOSOVE officials met the Government of Kosovë.',
      'The Computer Emergency Response Team (CERT-CZ) published a warning.',
      'The Houthis claimed it; a Houthi spokesman did not.',
    ].join('\n\n');
    const model = modelOf(body, {
      entities: [
        { id: 'usa', kind: 'actor', type: 'state', name: 'United States' },
        { id: 'russia', kind: 'actor', type: 'state', name: 'Russia' },
        { id: 'kosovo', kind: 'actor', type: 'government', name: 'Government of Kosovë' },
        { id: 'cert', kind: 'actor', type: 'agency', name: 'Computer Emergency Response Team' },
        { id: 'houthis', kind: 'actor', type: 'group', name: 'Houthi' },
      ],
    });
    const byEntity = (id: string) => aliases(suggest(model)).filter((a) => a.entityId === id);
    assert.deepEqual(byEntity('usa').map((a) => a.alias), ['US']);
    const moscow = byEntity('russia');
    assert.deepEqual(moscow.map((a) => a.alias), ['Moscow']);
    assert.equal(moscow[0].occurrences.length, 1, '"Moscow denied", not "in Moscow"');
    assert.deepEqual(byEntity('kosovo').map((a) => a.alias), ['GOVERNMENT OF KOSOVE']);
    assert.deepEqual(byEntity('cert').map((a) => a.alias), ['CERT-CZ']);
    assert.deepEqual(byEntity('houthis').map((a) => a.alias), ['Houthis']);
  });

  it('suggests an exclusion where a surname alias names another person', () => {
    const model = modelOf('Edi Rama spoke first. Rama then left, and Ilir Rama, his cousin, stayed.', { entities: [{ id: 'rama', kind: 'actor', type: 'person', name: 'Edi Rama', aliases: ['Rama'] }] });
    const exclusions = suggest(model).filter((s): s is ExclusionSuggestion => s.kind === 'exclusion');
    assert.equal(exclusions.length, 1);
    assert.equal(model.article.source.text.slice(exclusions[0].occurrence.start - 5, exclusions[0].occurrence.end), 'Ilir Rama');
  });

  it('never offers what the annotation file rejected', () => {
    const rejectedSuggestions = [
      { kind: 'entity', name: 'Czech government' },
      { kind: 'claim', quote: 'According to Novak, the attack began at night.' },
    ];
    const suggestions = suggest(modelOf(REPORT, { rejectedSuggestions }));
    assert.equal(named(suggestions, 'Czech government'), undefined);
    assert.equal(claims(suggestions).find((c) => c.summary.startsWith('According to Novak')), undefined);
    assert.ok(named(suggestions, 'Jan Novak'), 'the others are still offered');
  });

  it('remembers a rejection in the annotation file, once, creating the list when there is none', () => {
    const text = JSON.stringify({ version: 1, article: 'report.md', entities: [], claims: [], notes: [] }, null, 2);
    const file = parser.parse(text, '/a/report.annotations.json');
    const rejection = suggest(modelOf(REPORT)).find((s) => s.kind === 'entity')!.rejection;
    const edits = rejectSuggestions({ text, annotations: file.annotations!, sourceIndexes: file.sourceIndexes }, [rejection, rejection]);
    assert.ok(!isRefusal(edits));
    const written = applyEditsInOnePass(text, edits);
    const reread = parser.parse(written, '/a/report.annotations.json');
    assert.deepEqual(reread.problems, []);
    assert.deepEqual(reread.annotations!.rejectedSuggestions, [rejection]);
    const again = rejectSuggestions({ text: written, annotations: reread.annotations!, sourceIndexes: reread.sourceIndexes }, [rejection]);
    assert.deepEqual(again, [], 'a rejection already remembered is not written twice');
  });

  it('accepts every suggestion as one change of the annotation file that parses, after which none of them is offered again', () => {
    const text = JSON.stringify({ version: 1, article: 'report.md', entities: [], claims: [], notes: [] }, null, 2);
    const model = modelOf(REPORT);
    const offered = suggest(model);
    const parsed = parser.parse(text, '/a/report.annotations.json');
    const edits = acceptanceOf(model, offered).annotationChange({ text, annotations: parsed.annotations!, sourceIndexes: parsed.sourceIndexes });
    assert.ok(!isRefusal(edits));
    assert.equal(edits.length, 1, 'one edit: one step to undo');
    const written = applyEditsInOnePass(text, edits);
    const reread = parser.parse(written, '/a/report.annotations.json');
    assert.deepEqual(reread.problems.filter((p) => p.severity === 'error'), []);
    const after = buildArticleModel(parseArticle(model.article.source.text, '/a/report.md'), reread);
    assert.deepEqual(after.problems.filter((p) => p.severity !== 'info'), [], 'every passage anchors where it was');
    const novak = after.entities.find((e) => e.name === 'Jan Novak')!;
    assert.deepEqual(after.mentionsByEntity.get(novak.id)?.length, 3, 'the name and its aliases are mentions now');
    const denial = after.claims.find((c) => c.record.summary.includes('denied'))!;
    assert.equal(after.entityById.get(denial.record.claimant!)?.name, 'Russian Foreign Ministry');
    assert.equal(after.claims.find((c) => c.record.id === denial.record.answers)?.record.claimant, novak.id, 'the denial answers the claim it denies, by its new id');
    assert.equal(denial.record.stance, 'disputes');
    assert.deepEqual(suggest(after), []);
  });

  it('accepts a claim whose claimant is only suggested by creating that entity with it; rejects as one change', () => {
    const text = JSON.stringify({ version: 1, article: 'report.md', entities: [], claims: [], notes: [] }, null, 2);
    const model = modelOf(REPORT);
    const offered = suggest(model);
    const parsed = parser.parse(text, '/a/report.annotations.json');
    const file = { text, annotations: parsed.annotations!, sourceIndexes: parsed.sourceIndexes };
    const according = claims(offered).find((c) => c.summary.startsWith('According to Novak'))!;
    const written = applyEditsInOnePass(text, acceptanceOf(model, [according], offered).annotationChange(file) as never);
    const reread = parser.parse(written, '/a/report.annotations.json').annotations!;
    assert.deepEqual(reread.entities.map((e) => e.name), ['Jan Novak']);
    assert.equal(reread.claims[0].claimant, reread.entities[0].id);
    const rejected = applyEditsInOnePass(text, rejectionOf(entities(offered)) (file) as never);
    assert.equal(parser.parse(rejected, '/a/report.annotations.json').annotations!.rejectedSuggestions?.length, entities(offered).length);
  });

  it('offers nothing for an annotation file that does not parse, and says why', () => {
    const text = '---\ntitle: A report\n---\n\nJan Novak said so.\n';
    const result = suggestionsFor(buildArticleModel(parseArticle(text, '/a/report.md'), parser.parse('{ "version": 1, ', '/a/report.annotations.json')), { tagger });
    assert.deepEqual(result.suggestions, []);
    assert.match(result.notLookedFor ?? '', /does not parse/);
  });

  it('offers nothing for a text in another language or script, and says why; nothing for a text with no names', () => {
    const german = Array.from({ length: 8 }, () => 'Die Regierung in Prag hat am Montag die Hacker für den Ausfall verantwortlich gemacht, sagte der Minister.').join(' ');
    const result = suggestionsFor(modelOf(german), { tagger });
    assert.deepEqual(result.suggestions, []);
    assert.match(result.notLookedFor ?? '', /English/);
    const greek = Array.from({ length: 20 }, () => 'Η κυβέρνηση της Αθήνας κατηγόρησε τους χάκερ.').join(' ');
    assert.deepEqual(suggestionsFor(modelOf(greek), { tagger }).suggestions, []);
    assert.deepEqual(suggest(modelOf('it rained all day, and nothing else happened at all.')), []);
  });

  it('looks only at the blocks around the part asked for (the visible part of a long article)', () => {
    const model = modelOf(`${REPORT}\n\n${'Nothing happened here. '.repeat(50)}\n\nThe Lisbon Treaty Office said it was closed.`);
    const start = model.article.source.text.indexOf('The Lisbon');
    const suggestions = suggest(model, { from: start, to: start + 10 });
    assert.deepEqual(entities(suggestions).map((s) => s.name), ['Lisbon Treaty Office']);
    for (const suggestion of suggestions) {
      const spans = suggestion.kind === 'claim' ? [suggestion.passage] : suggestion.kind === 'exclusion' ? [suggestion.occurrence] : suggestion.occurrences;
      for (const span of spans) assert.ok(span.start >= start, 'nothing outside the block');
    }
  });

  it('never offers a name or alias where an existing mention is, on any text (property)', () => {
    const words = fc.constantFrom('Jan Novak', 'Novak', 'the Czech government', 'Prime Minister', 'said', 'MIT', 'the Ministry of Trade', '(MIT)', 'Prague', 'denied', 'it', '.', ',', 'e-Gov.cz', 'Ilir Novak', 'US');
    fc.assert(
      fc.property(fc.array(words, { minLength: 1, maxLength: 30 }), fc.subarray(['Novak', 'Jan Novak', 'MIT', 'Prague', 'Ministry of Trade']), (chosen, names) => {
        const model = modelOf(chosen.join(' '), { entities: names.map((name, k) => ({ id: `e${k}`, kind: 'actor' as const, type: 'organization' as const, name })) });
        const mentions = model.mentions.all();
        for (const suggestion of suggest(model)) {
          if (suggestion.kind !== 'entity' && suggestion.kind !== 'alias') continue;
          for (const occurrence of suggestion.occurrences) {
            const taken = mentions.find((mention) => mention.start < occurrence.end && occurrence.start < mention.end && !(mention.start >= occurrence.start && mention.end <= occurrence.end && (mention.end - mention.start) < (occurrence.end - occurrence.start)));
            assert.equal(taken, undefined, `"${model.article.source.text.slice(occurrence.start, occurrence.end)}" is offered over a mention`);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
