import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AnnotationFileParser } from '../../src/model/format/annotationFileParser';
import { buildArticleModel } from '../../src/model/article/buildArticleModel';
import { parseArticle } from '../../src/model/article/articleParser';
import { cslCitation, markdownCitation, plainTextCitation, textFragmentUrl } from '../../src/model/output/citation';
import { claimReviews } from '../../src/model/output/claimReviewExport';
import { exportArticle } from '../../src/model/output/articleExport';
import { CitableBlocks } from '../../src/model/article/citableBlocks';
import { isInstitution, locatorText, quoted } from '../../src/model/output/citationText';

const projectRoot = join(__dirname, '../../..');
const ARTICLE = readFileSync(join(projectRoot, 'articles/dw-albania-iran-cyberattacks.md'), 'utf8');
const ANNOTATIONS = readFileSync(join(projectRoot, 'articles/dw-albania-iran-cyberattacks.annotations.json'), 'utf8');
const model = buildArticleModel(parseArticle(ARTICLE, 'dw-albania-iran-cyberattacks.md'), new AnnotationFileParser().parse(ANNOTATIONS, 'a.json'));
const claim = (id: string) => model.claims.find((c) => c.record.id === id)!;

describe('Citations', () => {
  it('numbers paragraphs as a reader does: not the byline, dateline, headings or captions', () => {
    const at = (text: string) => model.citableBlocks.locatorAt(ARTICLE.indexOf(text));
    assert.deepEqual(at('Early last week, Albania expelled'), { kind: 'paragraph', paragraph: 1 });
    assert.deepEqual(at('The Iranian Foreign Ministry dismissed these allegations'), { kind: 'paragraph', paragraph: 5 });
    for (const unnumbered of ['Elona Elezi, Tirana', 'September 16, 2022', '*Picture: A policeman', 'Albania cut diplomatic ties with Iran and expelled', '*Image: Franc']) assert.equal(at(unnumbered), undefined, unnumbered);
    assert.deepEqual(at('## Albanian police computer system'), { kind: 'heading', heading: 'Albanian police computer system taken offline' });
  });

  describe('locators in an article of lists, tables, figures and references', () => {
    const guide = [
      '---',
      'title: A guide',
      '---',
      '',
      '# Mitigations',
      '',
      'Organisations should act now.',
      '',
      '![A diagram of the attack](diagram.png)',
      '',
      '*The attack, step by step.*',
      '',
      'Defenders should read on:',
      '',
      '3. Patch the servers.',
      '4. Watch the logs.',
      '   - Look for *Iran*-based addresses.',
      '   - Keep them for a year.',
      '',
      '- A second list under the same heading.',
      '',
      '> A quotation is part of the text.',
      '',
      '> *Picture: a converted figure*',
      '>',
      '> Its caption.',
      '',
      '## Indicators',
      '',
      '| Address | Actor \\| group |',
      '| --- | --- |',
      '| 192.0.2.1 | HomeLand Justice |',
      '| 192.0.2.2 | Unknown |',
      '',
      '- Only list here.',
      '',
      '## References',
      '',
      '1. CISA, Advisory AA22-264A.',
      '2. Microsoft, a report.',
      '',
      'A note under the references.',
      '',
      '# After',
      '',
      '- [1] Reference-like entry.',
      '- [2] Another.',
      '',
      '[^1]: A footnote definition.',
      '',
      'The last paragraph.',
    ].join('\r\n');
    const blocks = new CitableBlocks(parseArticle(guide, 'guide.md'));
    const at = (text: string, from = 0) => {
      const offset = guide.indexOf(text, from);
      assert.notEqual(offset, -1, text);
      return blocks.locatorAt(offset);
    };
    const text = (passage: string) => {
      const locator = at(passage);
      return locator && locatorText(locator);
    };

    it('numbers paragraphs and quotations, and skips figures, their captions and converted figures', () => {
      assert.equal(text('Organisations should'), 'paragraph 1');
      assert.equal(text('![A diagram'), undefined);
      assert.equal(text('*The attack, step'), undefined);
      assert.equal(text('Defenders should'), 'paragraph 2');
      assert.equal(text('A quotation is part'), 'paragraph 3');
      assert.equal(text('Picture: a converted'), undefined);
      assert.equal(text('Its caption'), undefined);
      assert.equal(text('The last paragraph'), 'paragraph 4');
    });

    it('gives list items their numbers (an ordered list\'s own, nested ones as 3.2) under the nearest heading, naming the list where a heading has more than one', () => {
      assert.equal(text('Patch the servers'), '“Mitigations”, list 1, item 3');
      assert.equal(text('Watch the logs'), '“Mitigations”, list 1, item 4');
      assert.equal(text('Iran*-based'), '“Mitigations”, list 1, item 4.1');
      assert.equal(text('Keep them'), '“Mitigations”, list 1, item 4.2');
      assert.equal(text('A second list'), '“Mitigations”, list 2, item 1');
      assert.equal(text('Only list here'), '“Indicators”, item 1');
      assert.equal(text('# Mitigations'), 'heading “Mitigations”');
    });

    it('gives table cells their row and their column\'s header, an escaped pipe not splitting a cell', () => {
      assert.deepEqual(at('HomeLand Justice'), { kind: 'cell', section: 'Indicators', table: undefined, row: 1, column: 2, columnName: 'Actor | group' });
      assert.equal(text('192.0.2.2'), '“Indicators”, row 2, “Address”');
      assert.equal(text('Unknown'), '“Indicators”, row 2, “Actor | group”');
      assert.equal(text('Address |'), '“Indicators”, header row, “Address”');
    });

    it('skips reference lists: under a heading such as "References", lists of "[1]" entries, and footnote definitions', () => {
      assert.equal(text('CISA, Advisory'), undefined);
      assert.equal(text('A note under the references'), undefined);
      assert.equal(text('Reference-like entry'), undefined);
      assert.equal(text('[^1]: A footnote'), undefined);
      assert.equal(text('# After'), 'heading “After”');
    });
  });

  it('cites a claim in Markdown: the quote, the speaker, authors, title, publisher, date, paragraph and a link to the exact passage', () => {
    const { anchor, record } = claim('iran-dismisses-allegations');
    const text = markdownCitation(model, anchor.start!, anchor.end!, record.claimant);
    assert.equal(
      text,
      '> The Iranian Foreign Ministry dismissed these allegations as "baseless" and "unsubstantiated"\n\n' +
        '— [Iranian Foreign Ministry, quoted in Elona Elezi and Niloofar Gholami, “Albania blames Iran for cyberattacks”, Deutsche Welle, 16 September 2022, paragraph 5]' +
        '(https://www.dw.com/en/albania-once-again-the-target-of-cyberattacks-after-cutting-diplomatic-ties-with-iran-and-expelling-diplomats/a-63146285' +
        '#:~:text=The%20Iranian%20Foreign%20Ministry%20dismissed%20these%20allegations%20as%20%22baseless%22%20and%20%22unsubstantiated%22).\n',
    );
    assert.match(plainTextCitation(model, anchor.start!, anchor.end!, record.claimant), /^“The Iranian Foreign Ministry dismissed[^”]*” — Iranian Foreign Ministry, quoted in .*paragraph 5\. https:\/\/www\.dw\.com\//);
  });

  it('gives CSL-JSON of type article-newspaper with the paragraph as locator', () => {
    const { anchor, record } = claim('iran-dismisses-allegations');
    const [item] = JSON.parse(cslCitation(model, anchor.start!, anchor.end!, record.claimant));
    assert.equal(item.type, 'article-newspaper');
    assert.deepEqual(item.author, [{ given: 'Elona', family: 'Elezi' }, { given: 'Niloofar', family: 'Gholami' }]);
    assert.deepEqual(item.issued, { 'date-parts': [[2022, 9, 16]] });
    assert.deepEqual([item.locator, item.label, item['container-title']], ['5', 'paragraph', 'Deutsche Welle']);
  });

  it('percent-encodes text fragments, and adds prefix and suffix when the words occur more than once', () => {
    const text = 'Iran said no. Then Iran said yes - twice, and Iran & co. said no.';
    const at = text.lastIndexOf('said no');
    const url = textFragmentUrl('https://example.org/a#old', text, at, at + 'said no'.length);
    assert.equal(url, 'https://example.org/a#:~:text=Iran%20%26%20co.-,said%20no,-.');
    const unique = text.indexOf('yes - twice');
    assert.equal(textFragmentUrl('https://example.org/a', text, unique, unique + 'yes - twice'.length), 'https://example.org/a#:~:text=yes%20%2D%20twice');
  });

  it('links each claim of an export as its own citation does, the quotes counted for all claims in one pass', () => {
    const exported = JSON.parse(exportArticle(model, 'csl', { page: model.article.metadata.url!, file: 'file:///a.md' })) as Array<{ URL: string }>;
    const anchored = model.claims.filter((c) => c.anchor.status !== 'orphan');
    assert.equal(exported.length, anchored.length);
    anchored.forEach((c, k) => assert.equal(exported[k].URL, JSON.parse(cslCitation(model, c.anchor.start!, c.anchor.end!, c.record.claimant))[0].URL, c.record.id));
    // And where a quote occurs twice, both links carry context, as a single citation's would.
    const article = '---\ntitle: T\nurl: https://example.org/a\n---\n\nFirst, Iran said no.\n\nThen, Iran said no.\n\nAnd *once* only.\n';
    const claims = [{ id: 'a', passage: { exact: 'Iran said no.', prefix: 'First, ' } }, { id: 'b', passage: { exact: 'Iran said no.', prefix: 'Then, ' } }, { id: 'c', passage: { exact: '*once* only.' } }].map((c) => ({ ...c, claimant: null, summary: c.id }));
    const twice = buildArticleModel(parseArticle(article, 'a.md'), new AnnotationFileParser().parse(JSON.stringify({ version: 1, article: 'a.md', entities: [], claims, notes: [] }), 'a.json'));
    const urls = (JSON.parse(exportArticle(twice, 'csl', { page: 'https://example.org/a', file: 'file:///a.md' })) as Array<{ URL: string }>).map((item) => item.URL);
    assert.deepEqual(urls, [
      'https://example.org/a#:~:text=First%2C-,Iran%20said%20no.,-Then%2C%20Iran%20said',
      'https://example.org/a#:~:text=Then%2C-,Iran%20said%20no.,-And%20once%20only.',
      'https://example.org/a#:~:text=once%20only.',
    ]);
  });

  it('keeps each term of a text fragment within one block, as a browser matches them', () => {
    // A browser does not match a term across blocks or table cells: context stops at them, and a passage over two blocks is given by its ends.
    const text = 'Iran said no.\n\nActor\tPosition\nTirana\tblames Iran\n\nIran said no.';
    const at = text.indexOf('Iran said no.');
    assert.equal(textFragmentUrl('https://example.org/a', text, at, at + 'Iran said no.'.length), 'https://example.org/a#:~:text=Iran%20said%20no.,-Actor');
    const last = text.lastIndexOf('Iran said no.');
    assert.equal(textFragmentUrl('https://example.org/a', text, last, text.length), 'https://example.org/a#:~:text=blames%20Iran-,Iran%20said%20no.');
    const across = text.indexOf('said');
    assert.equal(textFragmentUrl('https://example.org/a', text, across, text.indexOf('Position')), 'https://example.org/a#:~:text=Iran-,said%20no.,Actor,-Position');
    // A word cut by the edge of the context read is left out.
    const long = `Iran said no. ${'x'.repeat(100)} Iran said no.`;
    assert.equal(textFragmentUrl('https://example.org/a', long, long.lastIndexOf('Iran'), long.length), 'https://example.org/a#:~:text=Iran%20said%20no.');
  });

  it('exports claims as schema.org ClaimReview with the claim’s author and its appearance at the exact passage', () => {
    const reviews = claimReviews(model) as Array<{ '@type': string; claimReviewed: string; itemReviewed: { '@type': string; author?: { name: string }; appearance: { url: string; text: string } } }>;
    assert.equal(reviews.length, model.claims.length);
    const review = reviews.find((r) => r.claimReviewed === claim('iran-dismisses-allegations').record.summary)!;
    assert.equal(review['@type'], 'ClaimReview');
    assert.equal(review.itemReviewed['@type'], 'Claim');
    assert.equal(review.itemReviewed.author?.name, 'Iranian Foreign Ministry');
    assert.match(review.itemReviewed.appearance.url, /#:~:text=The%20Iranian%20Foreign%20Ministry/);
  });

  it('makes quotation marks inside a quotation single, as quotations nest', () => {
    const at = ARTICLE.indexOf('dismissed these allegations as "baseless"');
    const end = ARTICLE.indexOf('"unsubstantiated"', at) + '"unsubstantiated"'.length;
    const text = plainTextCitation(model, at, end);
    assert.match(text, /^“dismissed these allegations as ‘baseless’ and ‘unsubstantiated’” — /);
    assert.equal(quoted('He said “no” and "yes" ("maybe")'), '“He said ‘no’ and ‘yes’ (‘maybe’)”');
  });

  it('cites institutional authors whole (CSL literal, schema.org Organization) and people by name', () => {
    const front = '---\ntitle: A joint advisory\npublisher: Cybersecurity and Infrastructure Security Agency\nauthors:\n  - Jane Q. Analyst\n  - CISA\n  - Reuters staff\n  - Cybersecurity and Infrastructure Security Agency\nurl: https://example.gov/advisory\npublished: 2022-09-23\n---\n\n';
    const article = `${front}Iran said so.\n`;
    const annotations = JSON.stringify({ version: 1, article: 'a.md', entities: [{ id: 'iran', kind: 'actor', type: 'state', name: 'Iran' }], claims: [{ id: 'c', claimant: 'iran', summary: 'So', passage: { exact: 'Iran said so.' } }], notes: [] });
    const advisory = buildArticleModel(parseArticle(article, 'a.md'), new AnnotationFileParser().parse(annotations, 'a.json'));
    const start = article.indexOf('Iran said');
    const [item] = JSON.parse(cslCitation(advisory, start, start + 13));
    assert.deepEqual(item.author, [{ given: 'Jane Q.', family: 'Analyst' }, { literal: 'CISA' }, { literal: 'Reuters staff' }, { literal: 'Cybersecurity and Infrastructure Security Agency' }]);
    const review = claimReviews(advisory) as Array<{ itemReviewed: { appearance: { author: Array<{ '@type': string }> } } }>;
    assert.deepEqual(review[0].itemReviewed.appearance.author.map((a) => a['@type']), ['Person', 'Organization', 'Organization', 'Organization']);
    assert.ok(isInstitution('Deutsche Welle', 'Deutsche Welle') && !isInstitution('Elona Elezi', 'Deutsche Welle'));
  });
});
