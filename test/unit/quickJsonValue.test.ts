import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { findNodeAtLocation, parseTree, type Node as JsonNode } from 'jsonc-parser';
import { buildJsonTree } from '../../src/model/format/jsonTreeBuilder';
import { jsonPlace, quickJsonValue } from '../../src/model/format/quickJsonValue';
import { finishNow } from '../../src/model/text/resumableWork';

// A file JSON.parse reads is used without its tree (see quickJsonValue): what it finds must be what the
// tree builder finds, and every place asked for must be where jsonc-parser's tree puts it.

/** Every path in a value, with some that lead nowhere. */
function pathsIn(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  const here = [prefix, [...prefix, 'missing'], [...prefix, 99]];
  if (Array.isArray(value)) return [...here, ...value.flatMap((item, index) => pathsIn(item, [...prefix, index]))];
  if (value && typeof value === 'object') return [...here, ...Object.entries(value).flatMap(([key, item]) => pathsIn(item, [...prefix, key]))];
  return here;
}

const laidOut = fc.tuple(fc.jsonValue({ maxDepth: 5 }), fc.constantFrom(0, 1, 2, '\t')).map(([value, indent]) => ({ value, text: JSON.stringify(value, null, indent) }));

describe('quickJsonValue and jsonPlace', () => {
  it('give the value, and the places, that the tree gives, for any JSON however laid out', () => {
    fc.assert(
      fc.property(laidOut, ({ value, text }) => {
        assert.deepEqual(quickJsonValue(text, 64)?.value, finishNow(buildJsonTree(text, 64)).value);
        const root = parseTree(text, [], { disallowComments: true })!;
        for (const path of pathsIn(value)) {
          const node: JsonNode | undefined = findNodeAtLocation(root, path);
          const place = jsonPlace(text, path);
          if (!node) {
            assert.equal(place, undefined, JSON.stringify(path));
            continue;
          }
          assert.deepEqual({ offset: place?.offset, length: place?.length }, { offset: node.offset, length: node.length }, JSON.stringify(path));
          const key = node.parent?.type === 'property' ? node.parent.children![0] : undefined;
          assert.deepEqual({ offset: place?.keyOffset, length: place?.keyLength }, { offset: key?.offset, length: key?.length }, JSON.stringify(path));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('take the value only when the tree builder finds no key twice and no bracket too deep, for JSON with keys copied anywhere', () => {
    // Keys and strings that look like key ends: a colon after a quote, escaped quotes and backslashes, escapes of the same key.
    const tricky = fc.constantFrom('a', 'b', '', ':', ' : x', '\\', '\\":', '"', '":', 'a\\', '\u0061', '{', '[');
    const key = fc.oneof(tricky, fc.string({ maxLength: 3 }));
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, fc.oneof(tricky, fc.integer(), fc.constant(null)), fc.array(tie('node'), { maxLength: 3 }), fc.array(fc.tuple(key, tie('node')), { maxLength: 4 })),
    })).node;
    /** Written by hand, so that a key may come twice and be written as an escape. */
    const write = (node: unknown, escape: boolean): string => {
      if (!Array.isArray(node)) return JSON.stringify(node);
      if (node.every((item) => Array.isArray(item) && item.length === 2 && typeof item[0] === 'string') && node.length > 0) {
        const quoted = (text: string) => (escape && text === 'a' ? '"\\u0061"' : JSON.stringify(text));
        return `{${node.map(([name, item]) => `${quoted(name)} : ${write(item, escape)}`).join(', ')}}`;
      }
      return `[${node.map((item) => write(item, escape)).join(',')}]`;
    };
    fc.assert(
      fc.property(value, fc.boolean(), fc.integer({ min: 1, max: 6 }), (node, escape, maxDepth) => {
        const text = write(node, escape);
        const tree = finishNow(buildJsonTree(text, maxDepth));
        const clean = tree.duplicateKeys.length === 0 && tree.tooDeepAt === undefined && !tree.syntaxError;
        assert.deepEqual(quickJsonValue(text, maxDepth)?.value, clean ? tree.value : undefined, text);
      }),
      { numRuns: 3000 },
    );
  });

  it('leave a key written twice (also as an escape), a bracket too deep and text that is not JSON to the tree builder', () => {
    assert.equal(quickJsonValue('{"a": 1, "b": {"a": 2}, "a": 3}', 64), undefined);
    assert.equal(quickJsonValue('{"id": 1, "\\u0069d": 2}', 64), undefined);
    assert.deepEqual(quickJsonValue('{"a": {"a": "{\\"a\\": 1}"}}', 64)?.value, { a: { a: '{"a": 1}' } });
    assert.equal(quickJsonValue(`${'['.repeat(65)}${']'.repeat(65)}`, 64), undefined);
    assert.ok(quickJsonValue(`${'['.repeat(64)}${']'.repeat(64)}`, 64));
    assert.equal(quickJsonValue('{"a": 1,}', 64), undefined);
  });
});
