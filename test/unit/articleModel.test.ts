import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AnnotationFileParser } from '../../src/model/format/annotationFileParser';
import type { ArticleModel } from '../../src/model/article/articleModel';
import { buildArticleModel } from '../../src/model/article/buildArticleModel';
import { updateArticleModel } from '../../src/model/article/updateArticleModel';
import { withWholeMarkup } from '../../src/model/article/readingMatches';
import { parseArticle } from '../../src/model/article/articleParser';

const projectRoot = join(__dirname, '../../..');
const ARTICLE = readFileSync(join(projectRoot, 'articles/dw-albania-iran-cyberattacks.md'), 'utf8');
const ANNOTATIONS = readFileSync(join(projectRoot, 'articles/dw-albania-iran-cyberattacks.annotations.json'), 'utf8');
const parser = new AnnotationFileParser();

function sampleModel(articleText = ARTICLE, annotationText = ANNOTATIONS): ArticleModel {
  return buildArticleModel(parseArticle(articleText, 'dw-albania-iran-cyberattacks.md'), parser.parse(annotationText, 'dw.annotations.json'));
}

const mentionTexts = (model: ArticleModel, entityId: string) =>
  (model.mentionsByEntity.get(entityId) ?? []).map((mention) => model.article.source.text.slice(mention.start, mention.end));

describe('The first article, annotated', () => {
  const model = sampleModel();

  it('anchors every passage exactly and has no problems', () => {
    assert.deepEqual(model.problems, []);
    for (const claim of model.claims) assert.equal(claim.anchor.status, 'exact', claim.record.id);
    for (const note of model.notes) assert.equal(note.anchor.status, 'exact', note.record.id);
  });

  it('has the metadata a citation needs', () => {
    assert.equal(model.article.metadata.title, 'Albania blames Iran for cyberattacks');
    assert.equal(model.article.metadata.publisher, 'Deutsche Welle');
    assert.deepEqual(model.article.metadata.authors, ['Elona Elezi', 'Niloofar Gholami']);
    assert.equal(model.article.metadata.published, '2022-09-16');
  });

  it('restores the spaces the raw text lost around links', () => {
    for (const glued of ['Iranwas', 'Albaniapublicly', 'NATOand', 'NATOsince', 'TehranImage']) assert.ok(!model.article.source.text.includes(glued), glued);
  });

  it('finds the actors and systems under every name the article uses', () => {
    assert.deepEqual(new Set(mentionTexts(model, 'tims')), new Set(['Albanian police computer system', 'Total Information Management System', 'TIMS']));
    assert.deepEqual(new Set(mentionTexts(model, 'dritan-demiraj')), new Set(['Colonel Dritan Demiraj', 'Col. Dritan Demiraj', 'Colonel Demiraj']));
    assert.ok(mentionTexts(model, 'iran').includes('Islamic Republic of Iran'));
    assert.ok(mentionTexts(model, 'mek').includes("People's Mujahedeen of Iran"));
    assert.deepEqual(mentionTexts(model, 'e-albania'), ['e-Albania.al']);
  });

  it('does not highlight mentions in the front matter', () => {
    assert.ok(model.mentions.all().every((mention) => mention.start >= model.article.bodyStart));
  });

  it('applies exclusions: "Free Iran Conference" is not a mention of Iran', () => {
    const conference = [...model.article.source.text.matchAll(/Free Iran Conference/g)].map((m) => m.index!);
    assert.equal(conference.length, 2);
    for (const at of conference) {
      assert.ok(!model.mentions.all().some((mention) => mention.start >= at && mention.start < at + 20), `no mention inside the conference name at ${at}`);
    }
  });

  it('nests the Iranian Foreign Ministry\'s rebuttal under the Albanian government\'s accusation', () => {
    const accusation = model.claims.find((claim) => claim.record.claimant === 'albanian-government' && !claim.record.answers && claim.record.about?.includes('iran'));
    assert.ok(accusation);
    const rebuttal = model.claims.find((claim) => claim.record.claimant === 'iranian-foreign-ministry' && claim.record.stance === 'disputes');
    assert.ok(rebuttal);
    assert.equal(rebuttal.record.answers, accusation.record.id);
    assert.match(model.article.source.text.slice(rebuttal.anchor.start, rebuttal.anchor.end), /baseless/);
  });

  it('shows who disputes whom: Shahi disputes Demiraj, who qualifies the "widely thought" claim', () => {
    const byId = new Map(model.claims.map((claim) => [claim.record.id, claim.record]));
    const widelyThought = model.claims.find((claim) => claim.record.claimant === null);
    assert.ok(widelyThought);
    const demiraj = model.claims.find((claim) => claim.record.claimant === 'dritan-demiraj' && claim.record.answers === widelyThought.record.id);
    assert.equal(demiraj?.record.stance, 'qualifies');
    const shahi = model.claims.find((claim) => claim.record.claimant === 'afshin-shahi' && claim.record.answers === demiraj?.record.id);
    assert.equal(shahi?.record.stance, 'disputes');
    for (const claim of model.claims) if (claim.record.answers) assert.ok(byId.has(claim.record.answers));
  });

  it('reports a passage that is no longer in the article at its place in the annotation file', () => {
    // A few words changed: still found, approximately.
    const reworded = sampleModel(ARTICLE.replace('dismissed these allegations as "baseless"', 'dismissed the allegations as "groundless"'));
    const fuzzy = reworded.claims.find((claim) => claim.record.id === 'iran-dismisses-allegations')!;
    assert.equal(fuzzy.anchor.status, 'fuzzy');
    assert.ok(!reworded.problems.some((p) => p.code === 'quote-not-found'));
    // The sentence rewritten: an orphan (the caption's restatement of it is another passage).
    const edited = ARTICLE.replace('The Iranian Foreign Ministry dismissed these allegations as "baseless" and "unsubstantiated"', 'Tehran rejected all of it');
    const broken = sampleModel(edited);
    const orphan = broken.claims.find((claim) => claim.anchor.status === 'orphan');
    assert.equal(orphan?.record.id, 'iran-dismisses-allegations');
    const problem = broken.problems.find((p) => p.code === 'quote-not-found');
    assert.ok(problem);
    const line = ANNOTATIONS.split('\n')[problem.start.line];
    assert.match(line, /"exact": "The Iranian Foreign Ministry dismissed these allegations/);
    assert.equal(problem.file, 'dw.annotations.json');
  });

  it('follows a passage that moved when text was added before it', () => {
    const body = ARTICLE.indexOf('# Albania blames');
    const moved = sampleModel(ARTICLE.slice(0, body) + 'A new first paragraph.\n\n' + ARTICLE.slice(body));
    assert.deepEqual(moved.problems, []);
    assert.ok(moved.claims.every((claim) => claim.anchor.status === 'moved'));
  });

  it('keeps an orphan that the analyst chose to keep as information, in the annotation file and the article', () => {
    const annotations = JSON.parse(ANNOTATIONS);
    const claim = annotations.claims.find((c: { id: string }) => c.id === 'tehran-mek-terrorist');
    claim.passage.orphaned = true;
    const model = sampleModel(ARTICLE.replace('Tehran considers MEK to be a terrorist organization.', ''), JSON.stringify(annotations, null, 2));
    const lost = model.problems.filter((p) => p.code === 'quote-not-found' || p.code === 'passage-lost');
    assert.deepEqual(lost.map((p) => [p.code, p.severity]), [['quote-not-found', 'info'], ['passage-lost', 'info']]);
    assert.ok(!model.problems.some((p) => p.severity === 'error'));
  });
});

describe('Names where a reader sees them (issue 12)', () => {
  const annotations = JSON.stringify({
    version: 1,
    article: 'a.md',
    entities: [
      { id: 'iran', kind: 'actor', type: 'state', name: 'Iran' },
      { id: 'goi', kind: 'actor', type: 'government', name: 'Government of Iran' },
    ],
    claims: [],
    notes: [],
  });
  const article = [
    '---',
    'title: Iran',
    '---',
    '',
    'The Government of',
    'Iran spoke, and [a report](https://example.org/iran "Iran") said <abbr title="Iran">IRI</abbr> too.',
    '',
    '<div data-x="Iran">',
    'Iran in an HTML block',
    '</div>',
    '',
    'Code: `Iran` and <https://iran.example/Iran>, then ![Iran](iran.png) and Iran\\*.',
    '',
    '```',
    'Iran in a fence',
    '```',
    '',
  ].join('\n');
  const model = buildArticleModel(parseArticle(article, 'a.md'), parser.parse(annotations, 'a.annotations.json'));
  const texts = (entityId: string) => mentionTexts(model, entityId);

  it('finds a name across a soft line break, where the editor shows it in the source', () => {
    assert.deepEqual(texts('goi'), ['Government of\nIran']);
  });

  it('does not count names in link addresses, titles, attributes, HTML blocks, code, autolinks, image text or front matter', () => {
    const starts = (model.mentionsByEntity.get('iran') ?? []).map((mention) => mention.start);
    // Only the one after an escape: every other "Iran" is where no reader sees it, or inside the longer name.
    assert.deepEqual(starts, [article.indexOf('Iran\\*')]);
  });

  it('updates after typing as a fresh build finds them', () => {
    const at = article.indexOf('spoke');
    const text = `${article.slice(0, at)}Iran ${article.slice(at)}`;
    const updated = updateArticleModel(model, text, { start: at, suffixLength: article.length - at });
    const rebuilt = buildArticleModel(parseArticle(text, 'a.md'), parser.parse(annotations, 'a.annotations.json'));
    assert.deepEqual(updated.mentions.all().map((m) => [m.entityId, m.start, m.end]), rebuilt.mentions.all().map((m) => [m.entityId, m.start, m.end]));
    assert.equal(updated.mentionsByEntity.get('iran')?.length, 2);
  });

  it('matches names in one Unicode normalisation (NFC), whichever way the article or the alias writes an accent', () => {
    const composed = 'Tiran\u00eb';
    const decomposed = 'Tirane\u0308';
    const nfdAnnotations = JSON.stringify({ version: 1, article: 'a.md', entities: [{ id: 'tirana', kind: 'actor', type: 'government', name: 'Tirana', aliases: [decomposed] }], claims: [], notes: [] });
    const nfcAnnotations = JSON.stringify({ version: 1, article: 'a.md', entities: [{ id: 'tirana', kind: 'actor', type: 'government', name: 'Tirana', aliases: [composed] }], claims: [], notes: [] });
    for (const [text, annotationText] of [[`${composed} said.`, nfdAnnotations], [`${decomposed} said.`, nfcAnnotations]]) {
      const source = `---\ntitle: T\n---\n\n${text}\n`;
      const built = buildArticleModel(parseArticle(source, 'a.md'), parser.parse(annotationText, 'a.annotations.json'));
      assert.deepEqual(built.mentions.all().map((m) => source.slice(m.start, m.end)), [text.slice(0, -6)], text);
    }
  });

  it('matches an entity that ignores accents with or without them, in either normalisation, and others only as written', () => {
    const entities = [
      { id: 'kosovo', kind: 'actor', type: 'state', name: 'Kosovë', ignoreAccents: true },
      { id: 'tirana', kind: 'actor', type: 'government', name: 'Tiranë' },
    ];
    const annotations = JSON.stringify({ version: 1, article: 'a.md', entities, claims: [], notes: [] });
    const source = '---\ntitle: T\n---\n\nKosove, Kosovë and Kosove\u0308 met Tirane and Tiranë.\n';
    const built = buildArticleModel(parseArticle(source, 'a.md'), parser.parse(annotations, 'a.annotations.json'));
    assert.deepEqual(built.mentions.all().map((m) => `${m.entityId}:${source.slice(m.start, m.end)}`), ['kosovo:Kosove', 'kosovo:Kosovë', 'kosovo:Kosove\u0308', 'tirana:Tiranë']);
  });

  it('anchors a quote copied from what a reader sees, across a link, emphasis and an entity, to its place in the source', () => {
    const source = '---\ntitle: T\n---\n\nThen [Iran](https://x.org) *said* it was &quot;baseless&quot;, and left.\n';
    const quote = 'Iran said it was "baseless"';
    const withClaim = JSON.stringify({ version: 1, article: 'a.md', entities: [], claims: [{ id: 'c', claimant: null, summary: 's', passage: { exact: quote } }], notes: [] });
    const built = buildArticleModel(parseArticle(source, 'a.md'), parser.parse(withClaim, 'a.annotations.json'));
    const anchor = built.claims[0].anchor;
    assert.notEqual(anchor.status, 'orphan');
    assert.equal(source.slice(anchor.start, anchor.end), '[Iran](https://x.org) *said* it was &quot;baseless&quot;');
    // Typing elsewhere keeps it; typing inside it finds it again as a fresh build does.
    const typed = source.replace('left', 'then left');
    const updated = updateArticleModel(built, typed, { start: source.indexOf('left'), suffixLength: source.length - source.indexOf('left') });
    assert.equal(typed.slice(updated.claims[0].anchor.start, updated.claims[0].anchor.end), '[Iran](https://x.org) *said* it was &quot;baseless&quot;');
    const inside = source.replace('*said*', '*said that*');
    const reanchored = updateArticleModel(built, inside, { start: source.indexOf('said*') + 4, suffixLength: source.length - source.indexOf('said*') - 4 });
    assert.equal(reanchored.claims[0].anchor.status, buildArticleModel(parseArticle(inside, 'a.md'), parser.parse(withClaim, 'a.annotations.json')).claims[0].anchor.status);
  });

  it('stores a quote copied from what a reader sees as Markdown that reads whole: links and emphasis opened in it are closed', () => {
    const cases: Array<[string, string, string]> = [
      ['Then [Iran](https://x.org) *said* so.', 'Iran](https://x.org) *said', '[Iran](https://x.org) *said*'],
      ['Iran **said** it', 'Iran **said', 'Iran **said**'],
      ['x [link text](u) y', 'link text', '[link text](u)'],
      ['a *b c* d', 'b c', 'b c'],
    ];
    for (const [text, given, whole] of cases) {
      const at = text.indexOf(given);
      const widened = withWholeMarkup(text, at, at + given.length);
      assert.equal(text.slice(widened.start, widened.end), whole, text);
    }
  });
});

