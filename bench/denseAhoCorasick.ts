import { isWordCodePoint, type AliasMatch, type AliasPattern } from '../src/model/anchoring/aliasMatcher';

/**
 * The textbook baseline for the alias matcher (issue 14): a dense Aho–Corasick automaton, one full row
 * of transitions per state over the aliases' alphabet (every code unit that occurs in some alias; all
 * others share one column), built by breadth-first failure links, with an output link per state to the
 * next state that ends a pattern. The same answers as AliasMatcher for case-sensitive aliases: whole
 * words, leftmost, then longest. Not a straw man: the table holds each target's row offset (no multiply
 * per character) with its sign bit set when the target ends a pattern or links to one (one read per
 * character decides whether to look for output), and candidates are kept in a flat array.
 */
export class DenseAhoCorasick {
  private readonly columnOf = new Uint16Array(65536);
  private readonly columns: number;
  private readonly next: Int32Array;
  /** The length of the longest pattern ending at each state, 0 if none. */
  private readonly patternLength: Int32Array;
  private readonly patternAt: Int32Array;
  /** The nearest state on the failure chain (itself excluded) that ends a pattern, -1 if none. */
  private readonly outputLink: Int32Array;

  constructor(private readonly patterns: readonly AliasPattern[]) {
    if (patterns.some((pattern) => !pattern.caseSensitive)) throw new Error('the dense automaton handles case-sensitive aliases only');
    let columns = 1;
    for (const { text } of patterns) for (let i = 0; i < text.length; i++) if (this.columnOf[text.charCodeAt(i)] === 0) this.columnOf[text.charCodeAt(i)] = columns++;
    this.columns = columns;
    // The trie, in a growing table.
    let capacity = 1024;
    let next = new Int32Array(capacity * columns).fill(-1);
    let stateCount = 1;
    const ends: number[] = [-1];
    patterns.forEach(({ text }, index) => {
      let state = 0;
      for (let i = 0; i < text.length; i++) {
        const cell = state * columns + this.columnOf[text.charCodeAt(i)];
        if (next[cell] === -1) {
          if (stateCount === capacity) {
            capacity *= 2;
            const grown = new Int32Array(capacity * columns).fill(-1);
            grown.set(next);
            next = grown;
          }
          ends.push(-1);
          next[cell] = stateCount++;
        }
        state = next[cell];
      }
      if (ends[state] === -1 || patterns[ends[state]].text.length < text.length) ends[state] = index;
    });
    this.next = next.slice(0, stateCount * columns);
    this.patternAt = Int32Array.from(ends);
    this.patternLength = Int32Array.from(ends, (index) => (index === -1 ? 0 : patterns[index].text.length));
    this.outputLink = new Int32Array(stateCount).fill(-1);
    // Breadth first: fill the missing transitions through the failure links, as the textbook does.
    const fail = new Int32Array(stateCount);
    const queue: number[] = [];
    for (let column = 0; column < columns; column++) {
      const child = this.next[column];
      if (child === -1) this.next[column] = 0;
      else {
        fail[child] = 0;
        queue.push(child);
      }
    }
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head];
      const failure = fail[state];
      this.outputLink[state] = this.patternLength[failure] > 0 ? failure : this.outputLink[failure];
      for (let column = 0; column < columns; column++) {
        const cell = state * columns + column;
        const child = this.next[cell];
        if (child === -1) this.next[cell] = this.next[failure * columns + column];
        else {
          fail[child] = this.next[failure * columns + column];
          queue.push(child);
        }
      }
    }
  }

  findAll(text: string): AliasMatch[] {
    const { columnOf, patternLength, outputLink } = this;
    const table = this.encoded();
    const columns = this.columns;
    const candidates: number[] = [];
    let row = 0;
    for (let i = 0; i < text.length; i++) {
      const code = table[row + columnOf[text.charCodeAt(i)]];
      if (code >= 0) {
        row = code;
        continue;
      }
      row = ~code;
      const state = row / columns;
      for (let hit = patternLength[state] > 0 ? state : outputLink[state]; hit !== -1; hit = outputLink[hit]) {
        const end = i + 1;
        const start = end - patternLength[hit];
        if (isWholeWord(text, start, end)) candidates.push(start, end, hit);
      }
    }
    // Leftmost, then longest, never overlapping.
    const order = Array.from({ length: candidates.length / 3 }, (_, k) => k * 3).sort((a, b) => candidates[a] - candidates[b] || candidates[b + 1] - candidates[a + 1]);
    const matches: AliasMatch[] = [];
    let reach = 0;
    for (const at of order) {
      if (candidates[at] < reach) continue;
      matches.push({ start: candidates[at], end: candidates[at + 1], pattern: this.patterns[this.patternAt[candidates[at + 2]]] });
      reach = candidates[at + 1];
    }
    return matches;
  }

  private encodedTable: Int32Array | undefined;

  /** The transitions as row offsets of their targets, bit-inverted for targets with output. */
  private encoded(): Int32Array {
    if (!this.encodedTable) {
      const table = new Int32Array(this.next.length);
      for (let cell = 0; cell < table.length; cell++) {
        const target = this.next[cell];
        const offset = target * this.columns;
        table[cell] = this.patternLength[target] > 0 || this.outputLink[target] !== -1 ? ~offset : offset;
      }
      this.encodedTable = table;
    }
    return this.encodedTable;
  }
}

function isWholeWord(text: string, start: number, end: number): boolean {
  if (wordAt(text, start) && wordAt(text, start - 1)) return false;
  if (wordAt(text, end - 1) && wordAt(text, end)) return false;
  return true;
}

function wordAt(text: string, offset: number): boolean {
  return offset >= 0 && offset < text.length && isWordCodePoint(text.charCodeAt(offset));
}
