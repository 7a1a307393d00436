import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { CodePointIndex } from '../../src/model/text/codePointIndex';
import { lineEndAt, lineStartAt } from '../../src/model/text/lineIndex';

describe('CodePointIndex', () => {
  it('counts an astral character as one code point and two UTF-16 units', () => {
    const text = 'a😀b🇦🇱c';
    const index = new CodePointIndex(text);
    assert.equal(index.codePointLength, [...text].length);
    assert.equal(index.toCodePoint(text.indexOf('b')), 2);
    assert.equal(index.toUtf16(2), text.indexOf('b'));
    assert.equal(index.toUtf16(index.codePointLength), text.length);
  });

  it('leaves combining marks and CRLF line ends as they are: one code point each', () => {
    const text = 'e\u0301\r\nx';
    const index = new CodePointIndex(text);
    assert.equal(index.codePointLength, 5);
    assert.equal(index.toUtf16(4), 4);
  });

  it('round-trips every code point offset, on random text', () => {
    const char = fc.oneof(fc.constantFrom('a', '\n', '\r', 'é', '\u0301'), fc.integer({ min: 0x1f300, max: 0x1f6ff }).map((cp) => String.fromCodePoint(cp)));
    fc.assert(
      fc.property(fc.array(char, { maxLength: 60 }), (chars) => {
        const text = chars.join('');
        const index = new CodePointIndex(text);
        assert.equal(index.codePointLength, [...text].length);
        for (let cp = 0; cp <= index.codePointLength; cp++) {
          const utf16 = index.toUtf16(cp);
          assert.equal(utf16, [...text].slice(0, cp).join('').length);
          assert.equal(index.toCodePoint(utf16), cp);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('maps an offset inside a surrogate pair to the start of its character', () => {
    const index = new CodePointIndex('x😀y');
    assert.equal(index.toCodePoint(2), 1);
  });

  it('after an edit, converts exactly as an index built from scratch', () => {
    const unit = fc.constantFrom('a', 'b', '😀', '🇦', '\ud83d', '\ude00', 'é', '\n');
    const text = fc.array(unit, { maxLength: 40 }).map((units) => units.join(''));
    fc.assert(
      fc.property(text, fc.nat(80), fc.nat(10), text, (before, at, deleteCount, insert) => {
        const start = Math.min(at, before.length);
        const end = Math.min(before.length, start + deleteCount);
        const after = before.slice(0, start) + insert + before.slice(end);
        const updated = new CodePointIndex(before).afterEdit(after, start, before.length - end);
        const fresh = new CodePointIndex(after);
        assert.equal(updated.codePointLength, fresh.codePointLength);
        for (let offset = 0; offset <= after.length; offset++) assert.equal(updated.toCodePoint(offset), fresh.toCodePoint(offset), `toCodePoint(${offset})`);
        for (let offset = 0; offset <= fresh.codePointLength; offset++) assert.equal(updated.toUtf16(offset), fresh.toUtf16(offset), `toUtf16(${offset})`);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('lineStartAt and lineEndAt', () => {
  it('find the line of an offset with LF, CRLF and CR line ends, as a scan would', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'é', '\n', '\r', '\r\n', '😀'), { maxLength: 30 }), (pieces) => {
        const text = pieces.join('');
        const isBreak = (at: number) => text[at] === '\n' || text[at] === '\r';
        for (let offset = 0; offset <= text.length; offset++) {
          let start = offset;
          while (start > 0 && !isBreak(start - 1)) start--;
          let end = offset;
          while (end < text.length && !isBreak(end)) end++;
          assert.equal(lineStartAt(text, offset), start, `start of ${offset} in ${JSON.stringify(text)}`);
          assert.equal(lineEndAt(text, offset), end, `end of ${offset} in ${JSON.stringify(text)}`);
        }
      }),
      { numRuns: 300 },
    );
  });
});
