import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import MarkdownIt from 'markdown-it';
import { buildReadingText } from '../src/model/anchoring/readingText';
import { bestOfMedians } from './benchmarkSupport';

// Issue 12: the reading text (what a reader sees, with its map to the source) of real prose, the first
// article's body repeated, against its baseline measured in the same run: markdown-it's own parse of
// the same text, which the reading text is built from.

export interface ReadingTextRow {
  articleBytes: number;
  readingMs: number;
  parseMs: number;
}

export function runReadingTextBenchmark(sizes: readonly number[]): ReadingTextRow[] {
  const sample = readFileSync(join(__dirname, '../../articles/dw-albania-iran-cyberattacks.md'), 'utf8');
  const body = sample.slice(sample.indexOf('\n# ') + 1);
  const md = new MarkdownIt({ html: true, linkify: false, typographer: false });
  return sizes.map((size) => {
    const text = body.repeat(Math.ceil(size / body.length)).slice(0, size);
    const runs = size > 2_000_000 ? 3 : 9;
    const [readingMs, parseMs] = bestOfMedians([() => buildReadingText(text).text.length, () => md.parse(text, {}).length], runs, 2);
    return { articleBytes: text.length, readingMs, parseMs };
  });
}
