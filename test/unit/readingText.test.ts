import * as assert from 'node:assert/strict';
import { decodeHTML } from 'entities';
import MarkdownIt from 'markdown-it';
import { buildReadingText } from '../../src/model/anchoring/readingText';
import fc from 'fast-check';
import { createEntityMatcher } from '../../src/model/article/buildArticleModel';
import { markdownItBlocks, readBlocksInSteps, readingMatches, topLevelBlocks, topLevelBlocksAndPairs, type TextBlock } from '../../src/model/article/readingMatches';
import { surrogatePairStarts } from '../../src/model/text/codePointIndex';
import { finishNow } from '../../src/model/text/resumableWork';

// The reading text (issue 12) on every example of the CommonMark spec that markdown-it follows: it is
// the text content of markdown-it's HTML, under the rules written at the top of readingText.ts, and its
// map leads each character back to that character in the source.

// eslint-disable-next-line @typescript-eslint/no-require-imports -- a data package without types
const spec = require('commonmark-spec') as { tests: Array<{ markdown: string; html: string; number: number; section: string }> };

const md = new MarkdownIt({ html: true, linkify: false, typographer: false });

/** The rule for white space: runs of it are one space, and none at either end. */
function squeeze(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The text content of markdown-it's HTML of `markdown`, with raw HTML left out (it contributes nothing to the reading text). */
function textContent(markdown: string): string {
  const tokens = md.parse(markdown, {}).filter((token) => token.type !== 'html_block');
  for (const token of tokens) if (token.children) token.children = token.children.filter((child) => child.type !== 'html_inline');
  const html = md.renderer.render(tokens, md.options, {});
  return decodeHTML(html.replace(/<[^>]*>/g, ' '));
}

describe('The reading text', () => {
  const examples = spec.tests.map((test) => ({ ...test, markdown: test.markdown.replace(/→/g, '\t') }));

  it('is the text content of markdown-it\'s HTML for every CommonMark spec example, white space aside', () => {
    const failures: string[] = [];
    for (const example of examples) {
      const reading = buildReadingText(example.markdown);
      // The tags were replaced by spaces: compare without white space at all where words met across tags.
      const expected = squeeze(textContent(example.markdown));
      if (squeeze(reading.text).replace(/ /g, '') !== expected.replace(/ /g, '')) failures.push(`#${example.number} (${example.section}): ${JSON.stringify(reading.text)} ≠ ${JSON.stringify(expected)}`);
    }
    assert.deepEqual(failures, []);
  });

  it('maps each character to itself in the source, or to the escape, entity or line break that stands for it, in order', () => {
    const failures: string[] = [];
    for (const example of examples) {
      const source = example.markdown;
      const reading = buildReadingText(source);
      let previous = 0;
      for (let i = 0; i < reading.text.length; i++) {
        const ch = reading.text[i];
        const at = reading.toSource(i);
        const standsFor = source[at] === ch || (source[at] === '\\' && source[at + 1] === ch) || source[at] === '&' || source[at] === '<' || /\s/.test(ch);
        if (!standsFor || at < previous) {
          failures.push(`#${example.number}: reading offset ${i} (${JSON.stringify(ch)}) maps to ${at} (${JSON.stringify(source.slice(at, at + 5))})${at < previous ? ', before the one before' : ''}`);
          break;
        }
        previous = at;
        // And back: a character copied from the source is found again from its source offset.
        if (source[at] === ch && !/\s/.test(ch) && reading.toReading(at) > i) {
          failures.push(`#${example.number}: source offset ${at} maps back to ${reading.toReading(at)}, after ${i}`);
          break;
        }
      }
    }
    assert.deepEqual(failures, []);
  });

  it('reads names where a reader sees them: not in addresses, attributes or HTML, and across a soft line break', () => {
    const source = '---\ntitle: Iran\n---\n\nThe Government of\nIran said [so](https://iran.example "Iran") and <b title="Iran">Iran</b>.\n\n<div>Iran</div>\n\n![Iran](iran.png) `Iran` &amp; Iran\\*\n';
    const bodyStart = source.indexOf('The');
    const reading = buildReadingText(source, bodyStart);
    assert.equal(reading.text, 'The Government of Iran said so and Iran.\n\n Iran & Iran*');
    // The name after the soft line break is where it is in the source; the code span is verbatim.
    const second = reading.text.indexOf('Iran', 18);
    assert.equal(reading.toSource(second), source.indexOf('Iran said'));
    assert.equal(reading.toReading(source.indexOf('Iran said')), second);
    const code = reading.text.indexOf('Iran', reading.text.indexOf('\n\n'));
    assert.deepEqual(reading.verbatim.map(({ start, end }) => reading.text.slice(start, end)), ['Iran']);
    assert.equal(reading.toSource(code), source.indexOf('Iran`'));
  });
});

describe('Names matched on a plain paragraph\'s source (issue 14: what the corpus index reads)', () => {
  it('finds the blocks markdown-it finds, in prose read without it and in anything else', () => {
    // Lines that start as prose, with every kind of markup after their first character, and lines that start otherwise.
    const start = fc.constantFrom('Iran', 'É', '“Yes', '"No', "'So", '(a', '«b', 'x', '', ' ', '   ', '    ', '\t', '#', '>', '-', '*', '+', '=', '_', '`', '~', '<', '[', '|', ':', '1.', '2)', '\r', '\0', '\u00a0', '🙂');
    const rest = fc.constantFrom('', ' said', ' ===', ' ---', ' | a |', '\n---', ' [x]: /u', ' <div>', ' ```', '  ', '\t', ' *a*', ' # b', ' \\', '\r', ' \0', '\0\n\0');
    const line = fc.tuple(start, rest).map(([a, b]) => a + b);
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), fc.boolean(), fc.nat(3), fc.nat(3), (lines, finalBreak, cutStart, cutEnd) => {
        const text = lines.join('\n') + (finalBreak ? '\n' : '');
        const from = Math.min(cutStart, text.length);
        const to = Math.max(from, text.length - cutEnd);
        // Blocks as markdown-it finds them (the prose pass also says which are plain, checked below).
        const outline = (blocks: TextBlock[]) => blocks.map(({ start, end, open, kind }) => ({ start, end, open, kind }));
        assert.deepEqual(outline(topLevelBlocks(text, from, to)), outline(markdownItBlocks(text, from, to)));
      }),
      { numRuns: 5000 },
    );
  });

  it('finds, reading prose for its blocks, the surrogate pairs that a pass of their own finds', () => {
    const piece = fc.constantFrom('Iran', ' ', '\n', '\n\n', '🙂', '𝐀', '\ud83d', '\ude42', 'é', '“', '*', '[', '`', '# ', '- ', '\t', 'a🙂b');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), fc.nat(5), fc.nat(5), (pieces, cutStart, cutEnd) => {
        const text = pieces.join('');
        const from = Math.min(cutStart, text.length);
        const to = Math.max(from, text.length - cutEnd);
        const { blocks, pairStarts } = topLevelBlocksAndPairs(text, from, to);
        assert.deepEqual(blocks, topLevelBlocks(text, from, to));
        if (pairStarts) assert.deepEqual(pairStarts, surrogatePairStarts(text, from, to), JSON.stringify(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('finds, in any article, what reading every block through markdown-it finds', () => {
    const matcher = createEntityMatcher([
      { id: 'iran', kind: 'actor', type: 'state', name: 'Iran', aliases: ['Edi Rama', 'Iran said'] },
      { id: 'rama', kind: 'actor', type: 'person', name: 'Rama', aliases: [' Edi', 'said '], caseSensitive: false },
      { id: 'kosovo', kind: 'actor', type: 'state', name: 'Kosovë', ignoreAccents: true },
    ]);
    const piece = fc.constantFrom('Iran', 'Edi', 'Rama', 'RAMA', 'said', 'Kosove', 'Kosovë', 'Kosove\u0308', ' ', '  ', '\n', '\n\n', '*', '_', '`', '[', '](x)', '<b>', '&amp;', '\\', '# ', '> ', '- ', '    ', '\t', 'é', '!', '~', ':', '|', '---', '1. ', ' \n', '\n\n[r]: /Iran\n\n', 'Rama said \n\nIran', '\u00a0', '\u2003', '\v', '\f', '“', '\r', '\0', '*Iran*', '`Rama`', '_Edi_ said', '[Iran](x)', 'Ira~~n~~', '<i>Rama</i>', 'Iran\\*');
    fc.assert(
      // Up to the text's end, or to a cut that may fall inside a line (an edit's range).
      fc.property(fc.array(piece, { maxLength: 40 }), fc.option(fc.nat()), (pieces, cut) => {
        const text = pieces.join('');
        const blocks = topLevelBlocks(text, 0, cut === null ? text.length : cut % (text.length + 1));
        const direct = finishNow(readBlocksInSteps(matcher, text, blocks)).matches.map((m) => [m.start, m.end, m.pattern.key]);
        const read = blocks.flatMap((block) => readingMatches(matcher, text, block.start, block.end)).map((m) => [m.start, m.end, m.pattern.key]);
        assert.deepEqual(direct, read);
      }),
      { numRuns: 3000 },
    );
  });
});
