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

  it('leave a key written twice (also as an escape), a bracket too deep and text that is not JSON to the tree builder', () => {
    assert.equal(quickJsonValue('{"a": 1, "b": {"a": 2}, "a": 3}', 64), undefined);
    assert.equal(quickJsonValue('{"id": 1, "\\u0069d": 2}', 64), undefined);
    assert.deepEqual(quickJsonValue('{"a": {"a": "{\\"a\\": 1}"}}', 64)?.value, { a: { a: '{"a": 1}' } });
    assert.equal(quickJsonValue(`${'['.repeat(65)}${']'.repeat(65)}`, 64), undefined);
    assert.ok(quickJsonValue(`${'['.repeat(64)}${']'.repeat(64)}`, 64));
    assert.equal(quickJsonValue('{"a": 1,}', 64), undefined);
  });
});
