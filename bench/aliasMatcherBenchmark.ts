import { AliasMatcher, type AliasPattern } from '../src/model/anchoring/aliasMatcher';
import { RegExpAliasMatcher } from './regExpAliasMatcher';
import { DenseAhoCorasick } from './denseAhoCorasick';
import { bestOfMedians, seededRandom } from './benchmarkSupport';

const COMMON_WORDS = (
  'the of and to in a is that for it as was with be by on not he this are or his from at which but have an they you were her ' +
  'she there been one all we their has would when who will more if no out so said what up its about into than them can only ' +
  'other new some could time these two may then do first any like now my such make over our even most me state after also made ' +
  'many did must before back see through way where get much go well your know should down work year because come people just ' +
  'government attack minister country security national diplomatic statement report cyber embassy police official claims'
).split(' ');

const SYLLABLES = ['al', 'ba', 'nia', 'ir', 'an', 'te', 'hr', 'ma', 'ko', 'ra', 'ti', 'su', 'ne', 'do', 'vi', 'la', 'mo', 'ke', 'za', 'pu'];

/** Distinct alias strings such as "Kotira Sune" or "Ministry of Bavi", as an annotation file would hold. */
export function makeAliases(count: number, random: () => number): string[] {
  const aliases = new Set<string>();
  const word = () => {
    let text = '';
    const syllables = 2 + Math.floor(random() * 3);
    for (let i = 0; i < syllables; i++) text += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
    return text.charAt(0).toUpperCase() + text.slice(1);
  };
  while (aliases.size < count) {
    const words = 1 + Math.floor(random() * 3);
    const parts = Array.from({ length: words }, word);
    if (words === 3 && random() < 0.5) parts[1] = 'of';
    aliases.add(parts.join(' '));
  }
  return [...aliases];
}

/** English-like text: common words in sentences, with about one alias per 60 words. */
export function makeText(length: number, aliases: readonly string[], random: () => number): string {
  const parts: string[] = [];
  let size = 0;
  let sentenceLength = 0;
  while (size < length) {
    let word = random() < 1 / 60 ? aliases[Math.floor(random() * aliases.length)] : COMMON_WORDS[Math.floor(random() * COMMON_WORDS.length)];
    if (sentenceLength === 0) word = word.charAt(0).toUpperCase() + word.slice(1);
    sentenceLength++;
    if (sentenceLength > 8 + random() * 15) {
      word += random() < 0.2 ? '.\n\n' : '. ';
      sentenceLength = 0;
    } else {
      word += random() < 0.08 ? ', ' : ' ';
    }
    parts.push(word);
    size += word.length;
  }
  // A flat string, as an editor document's text is: joined and sliced strings are ropes, slower to read.
  return flatten(parts.join('').slice(0, length));
}

/** The floor: one pass over the text reading every code unit, doing almost nothing with it. */
export function plainScan(text: string): number {
  let spaces = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 32) spaces++;
  return spaces;
}

export interface AliasMatcherRow {
  textBytes: number;
  aliasCount: number;
  scanMBps: number;
  oursMBps: number;
  regExpMBps: number;
  matches: number;
}

export function runAliasMatcherBenchmark(sizes: readonly number[], aliasCounts: readonly number[], onRow: (row: AliasMatcherRow) => void = () => {}): AliasMatcherRow[] {
  const rows: AliasMatcherRow[] = [];
  for (const aliasCount of aliasCounts) {
    const random = seededRandom(aliasCount);
    const aliases = makeAliases(aliasCount, random);
    const patterns: AliasPattern[] = aliases.map((text, i) => ({ text, key: `e${i}`, caseSensitive: true }));
    const ours = new AliasMatcher(patterns);
    const baseline = new RegExpAliasMatcher(patterns);
    for (const size of sizes) {
      const text = makeText(size, aliases, random);
      const oursMatches = ours.findAll(text);
      const baselineMatches = baseline.findAll(text);
      if (oursMatches.length !== baselineMatches.length || oursMatches.some((m, i) => m.start !== baselineMatches[i].start || m.end !== baselineMatches[i].end)) {
        throw new Error(`the matcher and the RegExp baseline disagree on ${size} bytes with ${aliasCount} aliases`);
      }
      const runs = size >= 5_000_000 ? 7 : size >= 500_000 ? 15 : 50;
      const megabytes = size / 1e6;
      // Each measured in a block of runs (interleaving single runs would measure each with the others'
      // data in the cache), twice over, keeping the better median of each: a passing slowdown of this
      // shared machine then weighs on none of them.
      const [scanMs, oursMs, regExpMs] = bestOfMedians([() => plainScan(text), () => ours.findAll(text), () => baseline.findAll(text)], runs, 2);
      const row: AliasMatcherRow = {
        textBytes: size,
        aliasCount,
        scanMBps: megabytes / (scanMs / 1000),
        oursMBps: megabytes / (oursMs / 1000),
        regExpMBps: megabytes / (regExpMs / 1000),
        matches: oursMatches.length,
      };
      rows.push(row);
      onRow(row);
    }
  }
  return rows;
}

function flatten(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}

export interface ProseRow {
  textBytes: number;
  aliasCount: number;
  scanMBps: number;
  oursMBps: number;
  denseMBps: number;
  matches: number;
}

/**
 * The matcher on real prose (issue 14): the bodies of the articles in `folder` repeated to each size
 * (their curly quotes make two-byte strings, as an editor's text is), with their entities' names and
 * aliases plus generated ones up to each count, against a textbook dense Aho–Corasick automaton and a
 * plain scan, all measured in the same run on the same text.
 */
export function runProseBenchmark(articles: readonly { body: string; names: readonly string[] }[], sizes: readonly number[], aliasCounts: readonly number[], onRow: (row: ProseRow) => void = () => {}): ProseRow[] {
  const rows: ProseRow[] = [];
  const prose = articles.map((article) => article.body).join('\n\n');
  const names = [...new Set(articles.flatMap((article) => article.names))];
  for (const aliasCount of aliasCounts) {
    const random = seededRandom(aliasCount + 1);
    const generated = makeAliases(aliasCount, random).filter((alias) => !names.includes(alias));
    const aliases = [...names, ...generated].slice(0, aliasCount);
    const patterns: AliasPattern[] = aliases.map((text, i) => ({ text, key: `e${i}`, caseSensitive: true }));
    const ours = new AliasMatcher(patterns);
    const dense = new DenseAhoCorasick(patterns);
    for (const size of sizes) {
      const text = flatten(prose.repeat(Math.ceil(size / prose.length)).slice(0, size));
      const oursMatches = ours.findAll(text);
      const denseMatches = dense.findAll(text);
      if (oursMatches.length !== denseMatches.length || oursMatches.some((m, i) => m.start !== denseMatches[i].start || m.end !== denseMatches[i].end)) {
        throw new Error(`the matcher and the dense automaton disagree on ${size} bytes of prose with ${aliasCount} aliases`);
      }
      const runs = size >= 5_000_000 ? 7 : 15;
      const megabytes = size / 1e6;
      const [scanMs, oursMs, denseMs] = bestOfMedians([() => plainScan(text), () => ours.findAll(text), () => dense.findAll(text)], runs, 2);
      const row = { textBytes: size, aliasCount, scanMBps: megabytes / (scanMs / 1000), oursMBps: megabytes / (oursMs / 1000), denseMBps: megabytes / (denseMs / 1000), matches: oursMatches.length };
      rows.push(row);
      onRow(row);
    }
  }
  return rows;
}
