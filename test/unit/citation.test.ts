import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AnnotationFileParser } from '../../src/model/format/annotationFileParser';
import { buildArticleModel } from '../../src/model/article/buildArticleModel';
import { parseArticle } from '../../src/model/article/articleParser';
import { cslCitation, markdownCitation, plainTextCitation, textFragmentUrl } from '../../src/model/output/citation';
import { claimReviews } from '../../src/model/output/claimReviewExport';
import { articleParagraphs } from '../../src/model/article/paragraphs';
import { isInstitution, quoted } from '../../src/model/output/citationText';

const projectRoot = join(__dirname, '../../..');
const ARTICLE = readFileSync(join(projectRoot, 'articles/dw-albania-iran-cyberattacks.md'), 'utf8');
const ANNOTATIONS = readFileSync(join(projectRoot, 'articles/dw-albania-iran-cyberattacks.annotations.json'), 'utf8');
const model = buildArticleModel(parseArticle(ARTICLE, 'dw-albania-iran-cyberattacks.md'), new AnnotationFileParser().parse(ANNOTATIONS, 'a.json'));
const claim = (id: string) => model.claims.find((c) => c.record.id === id)!;

describe('Citations', () => {
  it('numbers paragraphs as a reader does: not the byline, dateline, headings or captions', () => {
    const paragraphs = articleParagraphs(model.article);
    const first = ARTICLE.slice(paragraphs[0].start, paragraphs[0].end);
    assert.match(first, /^Early last week, Albania expelled Iranian diplomats/);
    assert.ok(paragraphs.every((p) => !/^(>|#)/.test(ARTICLE.slice(p.start, p.end))), 'no caption or heading is counted');
    assert.match(ARTICLE.slice(paragraphs[4].start, paragraphs[4].end), /^The Iranian Foreign Ministry dismissed these allegations/);
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
