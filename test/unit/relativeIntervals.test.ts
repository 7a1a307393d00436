import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { RelativeIntervals } from '../../src/model/text/relativeIntervals';

// The paged, relative sequence that mentions and blocks are kept in (issue 12): after any series of
// edits it must hand out what a plain array, edited the same way, holds.

interface Item {
  start: number;
  end: number;
  tag: string;
}

/** Sorted, non-overlapping items from gaps and lengths. */
function itemsFrom(shapes: Array<[number, number]>, at = 0, tag = 'i'): Item[] {
  const items: Item[] = [];
  for (const [gap, length] of shapes) {
    const start = at + gap;
    items.push({ start, end: start + length, tag: `${tag}${items.length}` });
    at = start + length;
  }
  return items;
}

const shapes = fc.array(fc.tuple(fc.nat(5), fc.nat(4)), { maxLength: 40 });

describe('RelativeIntervals', () => {
  it('hands out the same items as a plain array after any series of splices, at any page size', () => {
    fc.assert(
      fc.property(
        shapes,
        fc.array(fc.tuple(fc.nat(100), fc.nat(6), fc.integer({ min: -10, max: 10 }), shapes), { maxLength: 12 }),
        fc.integer({ min: 1, max: 5 }),
        (initial, edits, pageSize) => {
          let expected = itemsFrom(initial);
          let sequence = RelativeIntervals.of(expected, pageSize);
          for (const [fromSeed, count, shift, replacementShapes] of edits) {
            const from = expected.length === 0 ? 0 : fromSeed % (expected.length + 1);
            const to = Math.min(expected.length, from + count);
            // The replacement fits between the item before and the items after, moved by `delta`.
            const floor = from > 0 ? expected[from - 1].end : 0;
            const replacement = itemsFrom(replacementShapes, floor, 'r');
            const replacementEnd = replacement.length > 0 ? replacement[replacement.length - 1].end : floor;
            const nextStart = to < expected.length ? expected[to].start : replacementEnd;
            const delta = Math.max(replacementEnd - nextStart, shift);
            expected = [...expected.slice(0, from), ...replacement, ...expected.slice(to).map((item) => ({ ...item, start: item.start + delta, end: item.end + delta }))];
            sequence = sequence.splice(from, to, delta, replacement);
            assert.equal(sequence.length, expected.length);
          }
          assert.deepEqual(sequence.all(), expected);
          for (let k = 0; k < expected.length; k++) assert.deepEqual(sequence.at(k), expected[k]);
          const last = expected.length > 0 ? expected[expected.length - 1].end + 2 : 3;
          for (let offset = -1; offset <= last; offset++) {
            assert.equal(sequence.firstEndingAfter(offset), expected.findIndex((item) => item.end > offset) === -1 ? expected.length : expected.findIndex((item) => item.end > offset), `firstEndingAfter(${offset})`);
            const startingFrom = expected.findIndex((item) => item.start >= offset);
            assert.equal(sequence.firstStartingFrom(offset), startingFrom === -1 ? expected.length : startingFrom, `firstStartingFrom(${offset})`);
            assert.deepEqual(sequence.between(offset, offset + 3), expected.filter((item) => item.end > offset && item.start < offset + 3), `between(${offset})`);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('shares the pages an edit did not touch, and moves later ones by their base alone', () => {
    const items = itemsFrom(Array.from({ length: 1000 }, () => [1, 2] as [number, number]));
    const before = RelativeIntervals.of(items, 10);
    const after = before.splice(500, 501, 7, [{ start: items[500].start, end: items[500].end + 7, tag: 'longer' }]);
    const pagesOf = (sequence: RelativeIntervals<Item>) => sequence.pagesBetween(0, Infinity).map(({ page }) => page);
    const shared = pagesOf(after).filter((page) => pagesOf(before).includes(page));
    assert.equal(shared.length, pagesOf(before).length - 1, 'only the page of the edit is made again');
    assert.deepEqual(after.at(999), { ...items[999], start: items[999].start + 7, end: items[999].end + 7 });
    assert.deepEqual(before.at(999), items[999], 'the old sequence is unchanged');
  });
});
