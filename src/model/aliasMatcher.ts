/** A name or alias to find, owned by `key` (an entity id). */
export interface AliasPattern {
  text: string;
  key: string;
  caseSensitive: boolean;
}

/** A whole-word occurrence of a pattern: [start, end) in UTF-16 offsets. */
export interface AliasMatch {
  start: number;
  end: number;
  pattern: AliasPattern;
}

/**
 * Finds every whole-word occurrence of many aliases at once, leftmost-longest where they overlap.
 *
 * Aho-Corasick automata over UTF-16 code units, compiled to dense transition tables over character
 * classes (only characters that occur in some alias get a class of their own). The scan does two array
 * reads per code unit whatever the number of aliases; a RegExp alternation slows down as aliases grow.
 * Case-sensitive aliases (the default) get an exact automaton, so ordinary lower-case words stay near
 * its root; case-insensitive aliases get a second automaton over lower-cased classes.
 */
export class AliasMatcher {
  private readonly automata: CodeUnitAutomaton[];
  readonly patternCount: number;

  constructor(patterns: readonly AliasPattern[]) {
    const usable = patterns.filter((pattern) => pattern.text.length > 0);
    this.patternCount = usable.length;
    const exact = usable.filter((pattern) => pattern.caseSensitive);
    const folded = usable.filter((pattern) => !pattern.caseSensitive);
    this.automata = [
      ...(exact.length > 0 ? [new CodeUnitAutomaton(exact, false)] : []),
      ...(folded.length > 0 ? [new CodeUnitAutomaton(folded, true)] : []),
    ];
  }

  /** Every whole-word match in text[from, to), leftmost-longest, in text order. */
  findAll(text: string, from = 0, to = text.length): AliasMatch[] {
    const candidates: AliasMatch[] = [];
    for (const automaton of this.automata) automaton.collectCandidates(text, from, to, candidates);
    return selectLeftmostLongest(candidates);
  }
}

/**
 * One Aho-Corasick automaton. Transitions hold the next state's row offset (no multiplication in the
 * hot loop), bit-inverted when that state has output.
 */
class CodeUnitAutomaton {
  private readonly classOfCodeUnit: Uint16Array;
  private readonly classCount: number;
  /** transitions[row + class] is the next state's row (state number × classCount). */
  private readonly transitions: Int32Array;
  /** For each state: the patterns that end there, directly or through failure links, longest first. */
  private readonly outputsByState: Int32Array[];

  constructor(
    private readonly patterns: readonly AliasPattern[],
    foldCase: boolean,
  ) {
    // Character classes: 0 for "in no alias"; when folding, the cases of a letter share one class.
    const classOfCodeUnit = new Uint16Array(65536);
    let classCount = 1;
    for (const pattern of patterns) {
      for (let i = 0; i < pattern.text.length; i++) {
        const unit = pattern.text.charCodeAt(i);
        const key = foldCase ? foldCodeUnit(unit) : unit;
        if (classOfCodeUnit[key] === 0) classOfCodeUnit[key] = classCount++;
        if (!foldCase) continue;
        const cls = classOfCodeUnit[key];
        classOfCodeUnit[unit] = cls;
        const upper = String.fromCharCode(key).toUpperCase();
        if (upper.length === 1 && foldCodeUnit(upper.charCodeAt(0)) === key) classOfCodeUnit[upper.charCodeAt(0)] = cls;
      }
    }
    this.classOfCodeUnit = classOfCodeUnit;
    this.classCount = classCount;

    // The trie, over classes.
    const children: Array<Map<number, number>> = [new Map()];
    const terminal: number[][] = [[]];
    patterns.forEach((pattern, patternIndex) => {
      let state = 0;
      for (let i = 0; i < pattern.text.length; i++) {
        const cls = classOfCodeUnit[pattern.text.charCodeAt(i)];
        let next = children[state].get(cls);
        if (next === undefined) {
          next = children.length;
          children.push(new Map());
          terminal.push([]);
          children[state].set(cls, next);
        }
        state = next;
      }
      terminal[state].push(patternIndex);
    });

    // Breadth-first: failure links, dense transitions, and outputs merged along the failure chain.
    const stateCount = children.length;
    const fail = new Int32Array(stateCount);
    const dense = new Int32Array(stateCount * classCount);
    const outputs: number[][] = terminal.map((list) => list.slice());
    const order: number[] = [0];
    for (const [cls, child] of children[0]) {
      dense[cls] = child;
      order.push(child);
    }
    for (let head = 1; head < order.length; head++) {
      const state = order[head];
      const failRow = fail[state] * classCount;
      const row = state * classCount;
      for (let cls = 0; cls < classCount; cls++) dense[row + cls] = dense[failRow + cls];
      for (const [cls, child] of children[state]) {
        dense[row + cls] = child;
        fail[child] = state === 0 ? 0 : dense[failRow + cls];
        order.push(child);
      }
      if (outputs[fail[state]].length > 0) outputs[state] = outputs[state].concat(outputs[fail[state]]);
    }

    // Renumber in depth-first order, so that the states along an alias are neighbours in memory: a match
    // walks consecutive rows instead of one cold row per character.
    const renumbered = new Int32Array(stateCount);
    const depthFirst: number[] = [];
    const stack = [0];
    while (stack.length > 0) {
      const state = stack.pop()!;
      renumbered[state] = depthFirst.length;
      depthFirst.push(state);
      const next = [...children[state].values()];
      for (let k = next.length - 1; k >= 0; k--) stack.push(next[k]);
    }

    // A transition to a state with output is stored as ~row (negative), so the hot loop tests for a hit
    // with one sign check.
    this.transitions = new Int32Array(stateCount * classCount);
    this.outputsByState = new Array<Int32Array>(stateCount);
    for (let state = 0; state < stateCount; state++) {
      const newRow = renumbered[state] * classCount;
      const oldRow = state * classCount;
      for (let cls = 0; cls < classCount; cls++) {
        const target = dense[oldRow + cls];
        const row = renumbered[target] * classCount;
        this.transitions[newRow + cls] = outputs[target].length > 0 ? ~row : row;
      }
      // Longest first, so that the first accepted pattern at an end position is the longest.
      this.outputsByState[renumbered[state]] = Int32Array.from(
        outputs[state].sort((a, b) => patterns[b].text.length - patterns[a].text.length || a - b),
      );
    }
  }

  collectCandidates(text: string, from: number, to: number, candidates: AliasMatch[]): void {
    const transitions = this.transitions;
    const classOf = this.classOfCodeUnit;
    let row = 0;
    for (let i = from; i < to; i++) {
      row = transitions[row + classOf[text.charCodeAt(i)]];
      if (row < 0) {
        row = ~row;
        this.collect(text, from, to, i + 1, row, candidates);
      }
    }
  }

  private collect(text: string, from: number, to: number, end: number, row: number, candidates: AliasMatch[]): void {
    const outputs = this.outputsByState[row / this.classCount];
    for (let k = 0; k < outputs.length; k++) {
      const pattern = this.patterns[outputs[k]];
      const start = end - pattern.text.length;
      if (start < from) continue;
      if (!isWholeWord(text, start, end, from, to)) continue;
      candidates.push({ start, end, pattern });
    }
  }
}

/** Keeps the leftmost match, the longest at that start, then continues after it. */
function selectLeftmostLongest(candidates: AliasMatch[]): AliasMatch[] {
  candidates.sort((a, b) => a.start - b.start || b.end - a.end);
  const selected: AliasMatch[] = [];
  let coveredUntil = -1;
  for (const candidate of candidates) {
    if (candidate.start < coveredUntil) continue;
    selected.push(candidate);
    coveredUntil = candidate.end;
  }
  return selected;
}

/**
 * A match is a whole word when it does not continue a word on either side. The test applies only on a
 * side where the alias itself has a word character, so "Inc." matches before a letter-free gap and "-al" suffixes work.
 */
function isWholeWord(text: string, start: number, end: number, from: number, to: number): boolean {
  if (start > from && isWordCharAt(text, start) && isWordCharBefore(text, start)) return false;
  if (end < to && isWordCharBefore(text, end) && isWordCharAt(text, end)) return false;
  return true;
}

function isWordCharAt(text: string, offset: number): boolean {
  const code = text.codePointAt(offset);
  return code !== undefined && isWordCodePoint(code);
}

function isWordCharBefore(text: string, offset: number): boolean {
  let code = text.charCodeAt(offset - 1);
  if (code >= 0xdc00 && code <= 0xdfff && offset >= 2) code = text.codePointAt(offset - 2) ?? code;
  return isWordCodePoint(code);
}

const WORD_CHARACTER = /[\p{L}\p{N}\p{M}\p{Pc}]/u;

export function isWordCodePoint(code: number): boolean {
  if (code < 128) {
    return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95;
  }
  return WORD_CHARACTER.test(String.fromCodePoint(code));
}

/** Simple one-to-one lower-case folding of a UTF-16 code unit (length-changing foldings are left alone). */
function foldCodeUnit(unit: number): number {
  if (unit < 128) return unit >= 65 && unit <= 90 ? unit + 32 : unit;
  if (unit >= 0xd800 && unit <= 0xdfff) return unit;
  const lower = String.fromCharCode(unit).toLowerCase();
  return lower.length === 1 ? lower.charCodeAt(0) : unit;
}
