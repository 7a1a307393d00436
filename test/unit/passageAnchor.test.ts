import * as assert from 'node:assert/strict';
import { CodePointIndex } from '../../src/model/codePointIndex';
import { describePassage, positionHint, resolvePassage } from '../../src/model/passageAnchor';

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
    assert.deepEqual(resolve(text, { exact: 'Tehran', position: { start: 0, end: 6 } }), { status: 'orphan' });
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
