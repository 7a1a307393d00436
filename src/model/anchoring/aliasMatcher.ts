import { finishNow, type ResumableWork } from '../text/resumableWork';

const DENSE_TABLE_BYTES = 256 * 1024;

/** A name or alias to find, owned by `key` (an entity id). */
export interface AliasPattern {
  text: string;
  key: string;
  caseSensitive: boolean;
  /** Whether letters match with or without their accents ("Kosovë" and "Kosove"). */
  ignoreAccents?: boolean;
  /** For an entity's pattern: whether the text is its name (else an alias); known when the patterns are made, not asked per match. */
  isName?: boolean;
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
 * its root; case-insensitive aliases get a second automaton over lower-cased classes, and aliases that
 * ignore accents one whose classes put each accented letter with its base letter (up to four automata).
 */
export class AliasMatcher {
  private readonly automata: CandidateSource[];
  readonly patternCount: number;
  /** Whether some alias contains a line break, so that a match may cross one. */
  readonly spansLines: boolean;

  /**
   * @param options.denseTableBytes how much memory the full rows of shallow states may take; small
   *   enough to stay in a core's cache. Tests set it to 0 to put every state but the root in the
   *   sparse part.
   * @param options.searchedUpTo up to how many exact patterns are searched for one by one rather than
   *   compiled (see FewExactPatterns); tests set it to 0 for the automaton, or higher to test the search.
   */
  constructor(patterns: readonly AliasPattern[], options: { denseTableBytes?: number; searchedUpTo?: number } = {}) {
    const usable = patterns.filter((pattern) => pattern.text.length > 0);
    this.patternCount = usable.length;
    this.spansLines = usable.some((pattern) => /[\r\n]/.test(pattern.text));
    this.automata = AliasMatcher.groups(usable).map(({ group, folding }) =>
      FewExactPatterns.suits(group, folding, options.searchedUpTo) ? new FewExactPatterns(group) : finishNow(CodeUnitAutomaton.compile(group, folding, options.denseTableBytes ?? DENSE_TABLE_BYTES)),
    );
  }

  /** The matcher of `patterns`, compiled with pauses, so that thousands of aliases never hold the caller long. */
  static *compileInSteps(patterns: readonly AliasPattern[]): ResumableWork<AliasMatcher> {
    const matcher = new AliasMatcher([]);
    const usable = patterns.filter((pattern) => pattern.text.length > 0);
    const automata: CandidateSource[] = [];
    for (const { group, folding } of AliasMatcher.groups(usable)) automata.push(FewExactPatterns.suits(group, folding) ? new FewExactPatterns(group) : yield* CodeUnitAutomaton.compile(group, folding, DENSE_TABLE_BYTES));
    Object.assign(matcher, { automata, patternCount: usable.length, spansLines: usable.some((pattern) => /[\r\n]/.test(pattern.text)) });
    return matcher;
  }

  /** The patterns of each automaton: exact, case-folded, accent-folded, both (those that have any). */
  private static groups(usable: readonly AliasPattern[]): Array<{ group: AliasPattern[]; folding: { foldCase: boolean; foldAccents: boolean } }> {
    const groups = [];
    for (const foldCase of [false, true]) {
      for (const foldAccents of [false, true]) {
        const group = usable.filter((pattern) => pattern.caseSensitive !== foldCase && (pattern.ignoreAccents === true) === foldAccents);
        if (group.length > 0) groups.push({ group, folding: { foldCase, foldAccents } });
      }
    }
    return groups;
  }

  /**
   * One matcher of the patterns of several: it finds what a matcher made of all their patterns would
   * (their candidates are merged before leftmost-longest is chosen), without making their automata
   * again. A registry's thousands of aliases are compiled once, and each article adds its own.
   */
  static union(matchers: readonly AliasMatcher[]): AliasMatcher {
    const union = new AliasMatcher([]);
    Object.assign(union, {
      automata: matchers.flatMap((matcher) => matcher.automata),
      patternCount: matchers.reduce((sum, matcher) => sum + matcher.patternCount, 0),
      spansLines: matchers.some((matcher) => matcher.spansLines),
    });
    return union;
  }

  /** Every whole-word match in text[from, to), leftmost-longest, in text order. */
  findAll(text: string, from = 0, to = text.length): AliasMatch[] {
    return finishNow(this.findAllInSteps(text, from, to, to - from));
  }

  /**
   * findAll, pausing after each window of `windowLength` code units. The windows split the matches by
   * where they end; each window's scan starts as far back as the longest alias reaches, so the matches
   * are those of one scan.
   */
  *findAllInSteps(text: string, from = 0, to = text.length, windowLength = MATCH_WINDOW): ResumableWork<AliasMatch[]> {
    const kept: AliasMatch[] = [];
    for (let windowStart = from; windowStart < to; windowStart += windowLength) {
      const windowEnd = Math.min(to, windowStart + windowLength);
      const lists = this.automata.map((automaton) => {
        const candidates: AliasMatch[] = [];
        automaton.collectCandidates(text, from, to, candidates, windowStart, windowEnd);
        return candidates;
      });
      selectLeftmostLongest(lists.reduce((merged, list) => (merged.length === 0 ? list : list.length === 0 ? merged : mergeByEnd(merged, list)), []), kept);
      if (windowEnd < to) yield;
    }
    return kept;
  }
}

/** What finds an automaton's candidates: the automaton, or for a few exact patterns, a search for each. */
interface CandidateSource {
  /**
   * Adds the whole-word matches in text[from, to) that end in (windowStart, windowEnd], in order of
   * their end (longest first at the same end, then in the patterns' order).
   */
  collectCandidates(text: string, from: number, to: number, candidates: AliasMatch[], windowStart?: number, windowEnd?: number): void;
}

/**
 * A few case- and accent-sensitive patterns (an article's own entities beside its registry's), found by
 * the engine's string search, one pass each: an automaton's tables (two of 64K code units) would cost
 * more to make than the scan, and a scan of its own costs more than these passes.
 */
class FewExactPatterns implements CandidateSource {
  static readonly MOST = 4;

  static suits(patterns: readonly AliasPattern[], { foldCase, foldAccents }: { foldCase: boolean; foldAccents: boolean }, most = FewExactPatterns.MOST): boolean {
    return !foldCase && !foldAccents && patterns.length <= most;
  }

  constructor(private readonly patterns: readonly AliasPattern[]) {}

  collectCandidates(text: string, from: number, to: number, candidates: AliasMatch[], windowStart = from, windowEnd = to): void {
    const found: Array<{ match: AliasMatch; index: number }> = [];
    this.patterns.forEach((pattern, index) => {
      const { length } = pattern.text;
      // In a slice, so that the search stops at the window's end (a block of a long article is one window).
      const sliceStart = Math.max(from, windowStart - length + 1);
      const slice = text.slice(sliceStart, windowEnd);
      for (let at = slice.indexOf(pattern.text); at !== -1; at = slice.indexOf(pattern.text, at + 1)) {
        const start = sliceStart + at;
        if (isWholeWord(text, start, start + length, from, to)) found.push({ match: { start, end: start + length, pattern }, index });
      }
    });
    found.sort((a, b) => a.match.end - b.match.end || b.match.pattern.text.length - a.match.pattern.text.length || a.index - b.index);
    for (const { match } of found) candidates.push(match);
  }
}

/** How much text findAllInSteps scans between pauses: a few milliseconds' worth. */
const MATCH_WINDOW = 64 * 1024;

/**
 * One Aho-Corasick automaton in two parts, so that the memory a scan touches stays small:
 * - the shallowest states (as many as fit in `denseTableBytes`) get full rows over character classes,
 *   so ordinary text, which rarely gets deep into an alias, costs two array reads per code unit;
 * - deeper states, which are many when there are thousands of aliases but nearly always have a single
 *   child, keep only their outgoing edges and a failure link, laid out in depth-first order so that
 *   following an alias reads neighbouring memory. Full rows for them (10,000 aliases make about
 *   100,000 states) would not fit in any cache, and every alias met in the text would miss it.
 *
 * A state is referred to by a code: its row offset (state × classCount) for a dense state, and
 * denseSize + index for a sparse one; a code is bit-inverted when that state has output, so the hot
 * loop tests for a hit with one sign check.
 */
/** What compiling makes of an automaton (see CodeUnitAutomaton.compile): its tables, described there. */
interface AutomatonParts {
  classOfCodeUnit: Uint16Array;
  classCount: number;
  transitions: Int32Array;
  denseSize: number;
  sparse: Int32Array;
  denseOutputStart: Int32Array;
  denseOutputs: Int32Array;
  staysAtRoot: Uint8Array;
  longestPattern: number;
}

/** Compiling pauses after this many patterns, and after this many dense rows (each as long as the alphabet). */
const PATTERNS_BETWEEN_PAUSES = 128;
const ROWS_BETWEEN_PAUSES = 64;
/** And after this many states in the passes over them: each costs a map or a few arrays, not a table read (10,000 aliases make about 100,000). */
const STATES_BETWEEN_PAUSES = 512;

class CodeUnitAutomaton implements CandidateSource {
  private readonly classOfCodeUnit!: Uint16Array;
  private readonly classCount!: number;
  /** transitions[code + class] is the next state's code, for dense states (code < denseSize). */
  private readonly transitions!: Int32Array;
  private readonly denseSize!: number;
  /**
   * Sparse states, one record each at (code - denseSize): edge count, failure state's code (never
   * inverted: it is only passed through), output count, then (class, target code) per edge, then
   * (pattern index, pattern length) per output, longest first. One array, so that a walk along an alias
   * and its hit read one stream of neighbouring memory.
   */
  private readonly sparse!: Int32Array;
  /** Dense state d's outputs are (pattern index, pattern length) pairs from denseOutputs[denseOutputStart[d]] to denseOutputs[denseOutputStart[d + 1]], longest first. */
  private readonly denseOutputStart!: Int32Array;
  private readonly denseOutputs!: Int32Array;
  /** Bit 1 for a code unit that leaves the root where it is: the scan skips runs of them in a tight loop. */
  private readonly staysAtRoot!: Uint8Array;
  private readonly longestPattern!: number;

  private constructor(
    private readonly patterns: readonly AliasPattern[],
    parts: AutomatonParts,
  ) {
    Object.assign(this, parts);
  }

  /** Compiles the automaton of `patterns`, pausing now and then (a registry's 10,000 aliases take tens of milliseconds). */
  static *compile(patterns: readonly AliasPattern[], { foldCase, foldAccents }: { foldCase: boolean; foldAccents: boolean }, denseTableBytes: number): ResumableWork<CodeUnitAutomaton> {
    const self = {} as AutomatonParts;
    let steps = 0;
    self.longestPattern = patterns.reduce((longest, pattern) => Math.max(longest, pattern.text.length), 0);
    // Character classes: 0 for "in no alias"; when folding, the cases of a letter share one class, and
    // so do a letter and its accented forms. An accented letter is one code unit, as its base letter is,
    // so matches keep their length.
    const accentBase = foldAccents ? accentBases() : undefined;
    const keyOf = (unit: number) => {
      const base = accentBase ? accentBase.base[unit] || unit : unit;
      return foldCase ? foldCodeUnit(base) : base;
    };
    const classOfCodeUnit = new Uint16Array(65536);
    // The code units given a class, so that the tables made from classes visit only them.
    const classed: number[] = [];
    const setClass = (unit: number, cls: number) => {
      if (classOfCodeUnit[unit] === 0) classed.push(unit);
      classOfCodeUnit[unit] = cls;
    };
    let classCount = 1;
    for (const pattern of patterns) {
      if (++steps % PATTERNS_BETWEEN_PAUSES === 0) yield;
      for (let i = 0; i < pattern.text.length; i++) {
        const unit = pattern.text.charCodeAt(i);
        const key = keyOf(unit);
        if (classOfCodeUnit[key] === 0) setClass(key, classCount++);
        if (key === unit && !foldCase) continue;
        const cls = classOfCodeUnit[key];
        setClass(unit, cls);
        if (!foldCase) continue;
        const upper = String.fromCharCode(key).toUpperCase();
        if (upper.length === 1 && foldCodeUnit(upper.charCodeAt(0)) === key) setClass(upper.charCodeAt(0), cls);
      }
    }
    if (accentBase) {
      for (const unit of accentBase.accented) {
        const cls = classOfCodeUnit[keyOf(unit)];
        if (cls !== 0) setClass(unit, cls);
      }
    }
    self.classOfCodeUnit = classOfCodeUnit;
    self.classCount = classCount;

    // The trie, over classes.
    const children: Array<Map<number, number>> = [new Map()];
    const terminal: number[][] = [[]];
    for (let patternIndex = 0; patternIndex < patterns.length; patternIndex++) {
      const pattern = patterns[patternIndex];
      if (++steps % PATTERNS_BETWEEN_PAUSES === 0) yield;
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
    }

    // Breadth-first: failure links, and outputs merged along the failure chain.
    const stateCount = children.length;
    const fail = new Int32Array(stateCount);
    const outputs: number[][] = [];
    for (const list of terminal) {
      if (++steps % STATES_BETWEEN_PAUSES === 0) yield;
      outputs.push(list.slice());
    }
    const breadthFirst: number[] = [0];
    for (let head = 0; head < breadthFirst.length; head++) {
      if (++steps % STATES_BETWEEN_PAUSES === 0) yield;
      const state = breadthFirst[head];
      for (const [cls, child] of children[state]) {
        if (state !== 0) {
          let f = fail[state];
          while (f !== 0 && !children[f].has(cls)) f = fail[f];
          fail[child] = children[f].get(cls) ?? 0;
        }
        if (outputs[fail[child]].length > 0) outputs[child] = outputs[child].concat(outputs[fail[child]]);
        breadthFirst.push(child);
      }
    }

    // Dense states are a breadth-first prefix, so a dense state's failure state is dense too.
    const denseCount = Math.max(1, Math.min(stateCount, Math.floor(denseTableBytes / (classCount * 4))));
    const denseSize = denseCount * classCount;
    self.denseSize = denseSize;
    // slot: a state's place, dense states first, then sparse ones in depth-first order, so that the
    // states along an alias are neighbours in memory.
    const slot = new Int32Array(stateCount).fill(-1);
    const byPlace: number[] = breadthFirst.slice(0, denseCount);
    for (let k = 0; k < denseCount; k++) slot[breadthFirst[k]] = k;
    const stack = [0];
    while (stack.length > 0) {
      if (++steps % STATES_BETWEEN_PAUSES === 0) yield;
      const state = stack.pop()!;
      if (slot[state] < 0) {
        slot[state] = byPlace.length;
        byPlace.push(state);
      }
      const next = [...children[state].values()];
      for (let k = next.length - 1; k >= 0; k--) stack.push(next[k]);
    }
    const recordOffset = new Int32Array(stateCount);
    let sparseLength = 0;
    for (let k = denseCount; k < stateCount; k++) {
      if (++steps % STATES_BETWEEN_PAUSES === 0) yield;
      recordOffset[byPlace[k]] = sparseLength;
      sparseLength += 3 + 2 * children[byPlace[k]].size + 2 * outputs[byPlace[k]].length;
    }
    const codeOf = (state: number) => (slot[state] < denseCount ? slot[state] * classCount : denseSize + recordOffset[state]);
    const hitCodeOf = (state: number) => (outputs[state].length > 0 ? ~codeOf(state) : codeOf(state));

    self.transitions = new Int32Array(denseSize);
    for (let k = 0; k < denseCount; k++) {
      if (++steps % ROWS_BETWEEN_PAUSES === 0) yield;
      const state = breadthFirst[k];
      const row = k * classCount;
      const failRow = codeOf(fail[state]);
      for (let cls = 0; cls < classCount; cls++) {
        const child = children[state].get(cls);
        if (child !== undefined) self.transitions[row + cls] = hitCodeOf(child);
        else self.transitions[row + cls] = state === 0 ? 0 : self.transitions[failRow + cls];
      }
    }

    // Longest first, so that the first accepted pattern at an end position is the longest.
    for (const list of outputs) {
      if (++steps % STATES_BETWEEN_PAUSES === 0) yield;
      list.sort((x, y) => patterns[y].text.length - patterns[x].text.length || x - y);
    }
    self.sparse = new Int32Array(sparseLength);
    for (let k = denseCount; k < stateCount; k++) {
      if (++steps % STATES_BETWEEN_PAUSES === 0) yield;
      const state = byPlace[k];
      let at = recordOffset[state];
      self.sparse[at++] = children[state].size;
      self.sparse[at++] = codeOf(fail[state]);
      self.sparse[at++] = outputs[state].length;
      for (const [cls, child] of children[state]) {
        self.sparse[at++] = cls;
        self.sparse[at++] = hitCodeOf(child);
      }
      for (const patternIndex of outputs[state]) {
        self.sparse[at++] = patternIndex;
        self.sparse[at++] = patterns[patternIndex].text.length;
      }
    }
    self.denseOutputStart = new Int32Array(denseCount + 1);
    const denseOutputs: number[] = [];
    for (let k = 0; k < denseCount; k++) {
      if (++steps % STATES_BETWEEN_PAUSES === 0) yield;
      self.denseOutputStart[k] = denseOutputs.length;
      for (const patternIndex of outputs[byPlace[k]]) denseOutputs.push(patternIndex, patterns[patternIndex].text.length);
    }
    self.denseOutputStart[denseCount] = denseOutputs.length;
    self.denseOutputs = Int32Array.from(denseOutputs);
    // A code unit of no alias (class 0) stays at the root; of the others, those that start none.
    self.staysAtRoot = new Uint8Array(65536).fill(1);
    for (const unit of classed) self.staysAtRoot[unit] = self.transitions[classOfCodeUnit[unit]] === 0 ? 1 : 0;
    return new CodeUnitAutomaton(patterns, self);
  }

  /**
   * Adds the whole-word matches in text[from, to) that end in (windowStart, windowEnd], in order of
   * their end (longest first at the same end).
   */
  collectCandidates(text: string, from: number, to: number, candidates: AliasMatch[], windowStart = from, windowEnd = to): void {
    const { transitions, denseSize, sparse, staysAtRoot } = this;
    const classOf = this.classOfCodeUnit;
    let code = 0;
    // A match that ends in the window starts at most the longest alias's length before it.
    const scanFrom = Math.max(from, windowStart - this.longestPattern + 1);
    for (let i = scanFrom; i < windowEnd; i++) {
      // Most text never leaves the root: skip it without the dependent table reads.
      if (code === 0) {
        while (i < windowEnd && staysAtRoot[text.charCodeAt(i)] === 1) i++;
        if (i === windowEnd) break;
      }
      const cls = classOf[text.charCodeAt(i)];
      // Dense states (the most visited) take one read; sparse ones search their edges, then fail.
      if (code < denseSize) code = transitions[code + cls];
      else code = this.sparseStep(code, cls);
      if (code < 0) {
        code = ~code;
        if (i < windowStart) continue; // ends before the window: an earlier window has it
        if (code < denseSize) {
          const place = code / this.classCount;
          this.collect(text, from, to, i + 1, this.denseOutputs, this.denseOutputStart[place], this.denseOutputStart[place + 1], candidates);
        } else {
          const record = code - denseSize;
          const first = record + 3 + 2 * sparse[record];
          this.collect(text, from, to, i + 1, sparse, first, first + 2 * sparse[record + 2], candidates);
        }
      }
    }
  }

  /** The code after reading class `cls` in sparse state `code`: its edge, else its failure state's step. */
  private sparseStep(code: number, cls: number): number {
    const { denseSize, sparse, transitions } = this;
    while (code >= denseSize) {
      const record = code - denseSize;
      const end = record + 3 + 2 * sparse[record];
      for (let e = record + 3; e < end; e += 2) if (sparse[e] === cls) return sparse[e + 1];
      // A character in no alias sends every state back to the root.
      if (cls === 0) return 0;
      code = sparse[record + 1];
    }
    return transitions[code + cls];
  }

  /** Adds the whole-word ones among the (pattern index, length) pairs list[first..last) that end at `end`. */
  private collect(text: string, from: number, to: number, end: number, list: Int32Array, first: number, last: number, candidates: AliasMatch[]): void {
    for (let k = first; k < last; k += 2) {
      const start = end - list[k + 1];
      if (start < from) continue;
      if (!isWholeWord(text, start, end, from, to)) continue;
      candidates.push({ start, end, pattern: this.patterns[list[k]] });
    }
  }
}

/**
 * Keeps the leftmost match, the longest at that start, then continues after it; from candidates in
 * order of their end (longest first at the same end), as the automata find them, without sorting. A
 * candidate that starts before the overlapping ones kept so far replaces them (whatever they had
 * displaced overlaps it too, and it comes first), unless a match kept before those overlaps it as well:
 * then it is dropped, and they stay. (Only kept matches that overlap the candidate are looked at: at most
 * as many as it has characters.)
 */
function selectLeftmostLongest(candidatesByEnd: AliasMatch[], kept: AliasMatch[]): void {
  for (const candidate of candidatesByEnd) {
    let k = kept.length - 1;
    while (k >= 0 && kept[k].end > candidate.start && (candidate.start < kept[k].start || (candidate.start === kept[k].start && candidate.end > kept[k].end))) k--;
    if (k >= 0 && kept[k].end > candidate.start) continue;
    // Popped, not truncated: setting an array's length is a slow builtin, and nearly always nothing goes.
    while (kept.length > k + 1) kept.pop();
    kept.push(candidate);
  }
}

/** Two candidate lists in end order (longest first at the same end), merged in that order. */
function mergeByEnd(a: AliasMatch[], b: AliasMatch[]): AliasMatch[] {
  const merged: AliasMatch[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const takeA = j >= b.length || (i < a.length && (a[i].end < b[j].end || (a[i].end === b[j].end && a[i].start <= b[j].start)));
    merged.push(takeA ? a[i++] : b[j++]);
  }
  return merged;
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
/** Letters that carry a stroke rather than an accent, and have no decomposition: read as their base letter. */
const STROKED_LETTERS = 'øoØOłlŁLđdĐDħhĦHŧtŦT';

let accentTable: { base: Uint16Array; accented: number[] } | undefined;

/**
 * For each code unit that is a letter with accents (its NFD form is one letter and combining marks, or
 * a stroked letter), its base letter; made once, on first use (a few milliseconds).
 */
function accentBases(): { base: Uint16Array; accented: number[] } {
  if (accentTable) return accentTable;
  const base = new Uint16Array(65536);
  const accented: number[] = [];
  const marks = /^\p{M}+$/u;
  for (let unit = 0x80; unit < 0x10000; unit++) {
    if (unit >= 0xd800 && unit <= 0xdfff) continue;
    const decomposed = String.fromCharCode(unit).normalize('NFD');
    if (decomposed.length < 2 || !marks.test(decomposed.slice(1))) continue;
    base[unit] = decomposed.charCodeAt(0);
    accented.push(unit);
  }
  for (let i = 0; i < STROKED_LETTERS.length; i += 2) {
    base[STROKED_LETTERS.charCodeAt(i)] = STROKED_LETTERS.charCodeAt(i + 1);
    accented.push(STROKED_LETTERS.charCodeAt(i));
  }
  return (accentTable = { base, accented });
}

function foldCodeUnit(unit: number): number {
  if (unit < 128) return unit >= 65 && unit <= 90 ? unit + 32 : unit;
  if (unit >= 0xd800 && unit <= 0xdfff) return unit;
  const lower = String.fromCharCode(unit).toLowerCase();
  return lower.length === 1 ? lower.charCodeAt(0) : unit;
}
