import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { findNodeAtLocation, getNodeValue, type Node as JsonNode, type ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';
import { buildJsonTree } from '../../src/model/format/jsonTreeBuilder';
import { advanceFor, finishInSlices, finishNow, WorkCancelled } from '../../src/model/text/resumableWork';

// The pausing JSON reader replaces jsonc-parser's parseTree: it must give the same tree (so paths,
// ranges and edits land where they did), the value JSON.parse gives, and the first error jsonc-parser
// reports, at the same place.

/** A tree as plain data, without parent links, to compare. */
function shape(node: JsonNode | undefined): unknown {
  if (!node) return undefined;
  return { type: node.type, offset: node.offset, length: node.length, value: node.value, colonOffset: node.colonOffset, children: node.children?.map(shape) };
}

function parents(node: JsonNode, check: (child: JsonNode, parent: JsonNode) => void): void {
  for (const child of node.children ?? []) {
    check(child, node);
    parents(child, check);
  }
}

const read = (text: string) => finishNow(buildJsonTree(text, 64));

describe('buildJsonTree', () => {
  it('gives the tree jsonc-parser gives, and the value JSON.parse gives, for any JSON however laid out', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), fc.constantFrom(0, 1, 2, '\t'), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        const tree = read(text);
        const errors: ParseError[] = [];
        const expected = parseTree(text, errors, { disallowComments: true });
        assert.equal(errors.length, 0);
        assert.deepEqual(shape(tree.root), shape(expected));
        assert.deepEqual(tree.value, JSON.parse(text));
        assert.deepEqual(getNodeValue(tree.root!), getNodeValue(expected!));
        parents(tree.root!, (child, parent) => assert.equal(child.parent, parent));
      }),
      { numRuns: 300 },
    );
  });

  it('reports the first error jsonc-parser reports, at the same place', () => {
    const broken = fc.tuple(fc.json({ maxDepth: 4 }), fc.nat(), fc.constantFrom('', ',', '}', ']', '{', '[', ':', '"', '/', '//c\n', 'x', '1e', '\\u12', '"\\q"', '\u0001'));
    fc.assert(
      fc.property(broken, ([json, at, insert]) => {
        const position = at % (json.length + 1);
        const text = json.slice(0, position) + insert + json.slice(position);
        const errors: ParseError[] = [];
        parseTree(text, errors, { disallowComments: true });
        const tree = read(text);
        if (errors.length === 0) {
          assert.equal(tree.syntaxError, undefined, text);
          return;
        }
        assert.ok(tree.syntaxError, `no error for ${JSON.stringify(text)}`);
        assert.equal(tree.root, undefined);
        const first = errors[0];
        assert.deepEqual(
          { error: printParseErrorCode(tree.syntaxError.error), offset: tree.syntaxError.offset },
          { error: printParseErrorCode(first.error), offset: first.offset },
          JSON.stringify(text),
        );
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps a "__proto__" key as the value\'s own property, as JSON.parse does', () => {
    const tree = read('{"__proto__": {"polluted": true}, "a": 1}');
    assert.deepEqual(Object.keys(tree.value as object), ['__proto__', 'a']);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(Object.getPrototypeOf(tree.value), Object.prototype);
  });

  it('finds every repeated key with its first use, and the bracket that goes too deep', () => {
    const tree = read('{"a": 1, "b": {"a": 2, "a": 3}, "a": 4}');
    assert.deepEqual(tree.duplicateKeys.map(({ key, first }) => [key.value, key.offset, first.offset]), [['a', 23, 15], ['a', 32, 1]].sort((x, y) => (x[1] as number) - (y[1] as number)));
    const deep = finishNow(buildJsonTree(`{"x": ${'['.repeat(10)}${']'.repeat(10)}}`, 5));
    assert.equal(deep.tooDeepAt, 6 + 4);
    assert.equal(deep.root, undefined);
  });

  it('pauses while it reads a big file, and its result does not depend on where it paused', async () => {
    const text = JSON.stringify({ entries: Array.from({ length: 20_000 }, (_, i) => ({ id: `e${i}`, n: i })) }, null, 2);
    const work = buildJsonTree(text, 64);
    let pauses = 0;
    while (!work.next().done) pauses++;
    assert.ok(pauses > 10, `${pauses} pauses`);
    const sliced = await finishInSlices(buildJsonTree(text, 64), { sliceMs: 1 });
    assert.deepEqual(shape(sliced.root), shape(parseTree(text)));
    // Paths resolve in the tree it built.
    assert.equal(findNodeAtLocation(sliced.root!, ['entries', 19_999, 'n'])?.value, 19_999);
  });

  it('stops when the one who asked no longer wants the result', async () => {
    const work = buildJsonTree(JSON.stringify(Array.from({ length: 50_000 }, (_, i) => i)), 64);
    assert.equal(advanceFor(work, 0), undefined);
    await assert.rejects(finishInSlices(work, { sliceMs: 1, isCancelled: () => true }), WorkCancelled);
  });
});
