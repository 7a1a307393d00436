import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseDocument } from 'yaml';
import { simpleFrontMatter } from '../../src/model/article/simpleFrontMatter';

// Simple front matter is read without yaml (see simpleFrontMatter): whatever it reads, yaml must read
// the same, with the same places; whatever it cannot be sure of, it leaves to yaml.

const projectRoot = join(__dirname, '../../..');
const KEYS = ['title', 'publisher', 'url', 'published', 'authors', 'author', 'language', 'tags', 'x_y', 'Title', '__proto__'];
// Pieces that are plain text, and pieces that YAML reads otherwise: indicators, comments, numbers, quotes, escapes, control characters.
const piece = fc.constantFrom('Albania', 'blames', 'Iran', ' ', '  ', '2022-09-16', 'https://www.dw.com/en/a-1', ':', ': ', ' #', '#', '-', '- ', '"', "'", '[', ']', '{', '}', '&a', '*a', '!', '|', '>', '%', '@', '`', '?', ',', '\t', '12', '0x1F', '1e3', '.5', 'true', 'null', '~', '.inf', 'é', '“', '\u00a0', '\u0085', '\u2028', '\u0007', '\\');
const plain = fc.array(fc.constantFrom('Albania', 'blames', 'Iran', '2022-09-16', 'https://www.dw.com/en/a-1', 'C#', 'a:b', 'é', '“x”', '1st', 'x-1'), { minLength: 1, maxLength: 4 }).map((words) => words.join(' '));
const value = fc.oneof({ weight: 3, arbitrary: plain }, { weight: 2, arbitrary: fc.array(piece, { minLength: 0, maxLength: 5 }).map((pieces) => pieces.join('')) });
const line = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...KEYS), value).map(([key, text]) => `${key}: ${text}`) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...KEYS), fc.constantFrom(0, 2, 4), fc.array(value, { minLength: 0, maxLength: 3 })).map(([key, indent, items]) => [`${key}:`, ...items.map((item) => `${' '.repeat(indent)}- ${item}`)].join('\n')) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '# a comment', 'title:x', '  nested: value', 'key:  two spaces') },
);
const frontMatter = fc.array(line, { minLength: 1, maxLength: 5 }).map((lines) => lines.join('\n'));

/** What yaml reads, and the ranges of the values simpleFrontMatter placed. */
function yamlReading(text: string, keys: Iterable<string>) {
  const document = parseDocument(text, { prettyErrors: false, uniqueKeys: false });
  const ranges = new Map([...keys].map((key) => [key, (document.get(key, true) as { range?: number[] } | undefined)?.range?.slice(0, 2)]));
  return { errors: document.errors.length, data: document.toJS() as unknown, ranges };
}

describe('simpleFrontMatter', () => {
  it('reads what yaml reads, at the same places, or leaves it to yaml', () => {
    let read = 0;
    fc.assert(
      fc.property(frontMatter, (text) => {
        const simple = simpleFrontMatter(text);
        if (!simple) return;
        read++;
        const expected = yamlReading(text, simple.ranges.keys());
        assert.equal(expected.errors, 0);
        assert.deepEqual(simple.data, expected.data);
        assert.deepEqual(new Map([...simple.ranges].map(([key, range]) => [key, [...range]])), expected.ranges);
      }),
      { numRuns: 2000 },
    );
    assert.ok(read > 200, `read ${read} of 2000 without yaml: the generator must give simple front matter too`);
  });

  it('reads the front matter of every article in articles/', () => {
    for (const name of ['dw-albania-iran-cyberattacks.md']) {
      const text = readFileSync(join(projectRoot, 'articles', name), 'utf8');
      const yaml = /^---\n([\s\S]*?)\n---/.exec(text)![1];
      assert.deepEqual(simpleFrontMatter(yaml)?.data, parseDocument(yaml).toJS());
    }
  });
});
