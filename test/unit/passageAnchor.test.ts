import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { AnnotationFile } from '../../src/model/format/annotationTypes';
import { CodePointIndex } from '../../src/model/text/codePointIndex';
import { describePassage, positionHint, resolvePassage } from '../../src/model/anchoring/passageAnchor';

const resolve = (text: string, selector: Parameters<typeof resolvePassage>[1]) => resolvePassage(text, selector, positionHint(selector, new CodePointIndex(text)));

describe('passage anchoring', () => {
  const text = 'Iran denies it. Albania says Iran did it. Iran denies it again.';

  it('uses the position hint when the text there still equals the quote', () => {
    const anchor = resolve(text, { exact: 'Iran', position: { start: 29, end: 33 } });
    assert.deepEqual(anchor, { status: 'exact', start: 29, end: 33 });
  });

  it('finds a moved quote by its prefix and suffix, then by nearness to the hint', () => {
    const moved = 'New first sentence. ' + text;
    const anchor = resolve(moved, { exact: 'Iran', prefix: 'Albania says ', suffix: ' did it', position: { start: 29, end: 33 } });
    assert.equal(anchor.status, 'moved');
    assert.equal(moved.slice(anchor.start! - 13, anchor.end), 'Albania says Iran');
    const nearest = resolve(moved, { exact: 'Iran', position: { start: 42, end: 46 } });
    assert.equal(nearest.start, moved.indexOf('Iran', 40));
  });

  it('makes an orphan of a quote that is no longer in the text, never a wrong anchor', () => {
    assert.equal(resolve(text, { exact: 'Tehran', position: { start: 0, end: 6 } }).status, 'orphan');
  });

  it('describes a passage with 32 characters of context and code point positions', () => {
    const withEmoji = '😀 ' + text;
    const start = withEmoji.indexOf('Albania');
    const selector = describePassage(withEmoji, start, start + 'Albania'.length, new CodePointIndex(withEmoji));
    assert.equal(selector.exact, 'Albania');
    assert.equal(selector.prefix, '😀 Iran denies it. ');
    assert.equal(selector.suffix, ' says Iran did it. Iran denies i');
    assert.deepEqual(selector.position, { start: start - 1, end: start - 1 + 7 });
    assert.deepEqual(resolve(withEmoji, selector), { status: 'exact', start, end: start + 7 });
  });
});

describe('approximate anchoring', () => {
  const article = readFileSync(join(__dirname, '../../../articles/dw-albania-iran-cyberattacks.md'), 'utf8');
  const claims = (JSON.parse(readFileSync(join(__dirname, '../../../articles/dw-albania-iran-cyberattacks.annotations.json'), 'utf8')) as AnnotationFile).claims;

  it('finds a passage whose words were edited a little, as fuzzy with its score', () => {
    const selector = claims.find((claim) => claim.passage.exact.startsWith('Tehran considers MEK'))!.passage;
    const edited = article.replace('Tehran considers MEK to be a terrorist organization.', 'Tehran considers the MEK a terrorist organisation.');
    const anchor = resolve(edited, selector);
    assert.equal(anchor.status, 'fuzzy');
    assert.ok(anchor.score! > 0.85 && anchor.score! < 1, String(anchor.score));
    assert.equal(edited.slice(anchor.start, anchor.end), 'Tehran considers the MEK a terrorist organisation.');
  });

  it('makes an orphan of every claim whose passage is deleted from the first article: none is anchored elsewhere', () => {
    for (const claim of claims) {
      const at = article.indexOf(claim.passage.exact);
      const without = article.slice(0, at) + article.slice(at + claim.passage.exact.length);
      if (without.includes(claim.passage.exact)) continue;
      const anchor = resolve(without, claim.passage);
      assert.equal(anchor.status, 'orphan', `${claim.id} anchored at ${JSON.stringify(without.slice(anchor.start ?? 0, anchor.end ?? 0))}`);
    }
  });

  it('keeps a weak match as the orphan\'s candidate, not as an anchor', () => {
    const text = 'The ministry said the attack came from abroad. Other news followed.';
    const anchor = resolve(text, { exact: 'The ministry denied the attack came from Iran.', prefix: 'Yesterday. ', suffix: ' More.' });
    assert.equal(anchor.status, 'orphan');
    assert.ok(anchor.candidate && anchor.candidate.score < 0.75, JSON.stringify(anchor));
  });

  it('does not anchor a short quote by approximation when its context differs', () => {
    const text = 'Iraq was mentioned once, in passing, by the minister.';
    assert.equal(resolve(text, { exact: 'Iran', prefix: 'blamed ', suffix: ' for the attack' }).status, 'orphan');
    assert.equal(resolve('They blamed Iram for the attack.', { exact: 'Iran', prefix: 'blamed ', suffix: ' for the attack' }).status, 'fuzzy');
  });
});

describe('positions in code points', () => {
  it('counts CRLF line ends as two code points and an emoji as one, as the W3C model does, and round-trips', () => {
    const text = '---\r\ntitle: T\r\n---\r\n😀 Tirana 🇦🇱 said\r\nthat Iran e\u0301tait là.\r\n';
    const codePoints = new CodePointIndex(text);
    const start = text.indexOf('Iran');
    const selector = describePassage(text, start, start + 4, codePoints);
    assert.equal(selector.position!.start, [...text.slice(0, start)].length);
    assert.equal(codePoints.toUtf16(selector.position!.start), start);
    assert.deepEqual(resolve(text, selector), { status: 'exact', start, end: start + 4 });
    const accent = text.indexOf('e\u0301');
    assert.equal(codePoints.toCodePoint(accent + 2) - codePoints.toCodePoint(accent), 2, 'a combining mark is a code point of its own');
  });
});

describe('anchoring properties', () => {
  const word = fc.stringMatching(/^[a-z]{2,9}$/);
  const separator = fc.constantFrom(' ', ' ', ' ', ', ', '. ', '\n', '\r\n', ' 😀 ', ' é ');
  const articleText = fc.array(fc.tuple(word, separator), { minLength: 30, maxLength: 200 }).map((parts) => parts.map(([w, s]) => w + s).join(''));
  // Inserted text uses other characters than the article, so it cannot bring a passage back.
  const inserted = fc.stringMatching(/^[A-Z0-9 ]{0,40}$/);

  it('resolves a passage no edit touched exactly to it, from its stored selector', () => {
    fc.assert(
      fc.property(articleText, fc.nat(), fc.integer({ min: 8, max: 80 }), fc.nat(), fc.nat(60), inserted, (text, startSeed, length, atSeed, deleteCount, insert) => {
        const start = startSeed % Math.max(1, text.length - length);
        const end = Math.min(text.length, start + length);
        fc.pre(!isSurrogateSplit(text, start) && !isSurrogateSplit(text, end));
        const selector = describePassage(text, start, end, new CodePointIndex(text));
        fc.pre(text.indexOf(selector.exact) === text.lastIndexOf(selector.exact));
        const at = atSeed % (text.length + 1);
        const removed = Math.min(deleteCount, text.length - at);
        fc.pre(at + removed <= start || at >= end);
        fc.pre(!isSurrogateSplit(text, at) && !isSurrogateSplit(text, at + removed));
        const edited = text.slice(0, at) + insert + text.slice(at + removed);
        const shift = at + removed <= start && !(at === start && removed === 0 && at >= end) ? insert.length - removed : 0;
        const anchor = resolve(edited, selector);
        assert.ok(anchor.status === 'exact' || anchor.status === 'moved', anchor.status);
        assert.equal(anchor.start, start + shift);
        assert.equal(edited.slice(anchor.start, anchor.end), selector.exact);
      }),
      { numRuns: 500 },
    );
  });

  it('makes an orphan of a passage that was deleted, and never anchors it elsewhere', () => {
    fc.assert(
      fc.property(articleText, fc.nat(), fc.integer({ min: 8, max: 120 }), fc.nat(30), fc.nat(30), inserted, (text, startSeed, length, before, after, insert) => {
        const start = startSeed % Math.max(1, text.length - length);
        const end = Math.min(text.length, start + length);
        const selector = describePassage(text, start, end, new CodePointIndex(text));
        const from = Math.max(0, start - before);
        const to = Math.min(text.length, end + after);
        const edited = text.slice(0, from) + insert + text.slice(to);
        fc.pre(!edited.includes(selector.exact));
        const anchor = resolve(edited, selector);
        assert.equal(anchor.status, 'orphan', `anchored at ${JSON.stringify(edited.slice(anchor.start ?? 0, anchor.end ?? 0))} for ${JSON.stringify(selector.exact)}`);
      }),
      { numRuns: 500 },
    );
  });
});

function isSurrogateSplit(text: string, offset: number): boolean {
  const code = text.charCodeAt(offset);
  return code >= 0xdc00 && code <= 0xdfff;
}
