import approximateSearch from 'approx-string-match';
import type { PassageSelector } from '../format/annotationTypes';
import type { CodePointIndex } from '../text/codePointIndex';
import { finishNow, type ResumableWork } from '../text/resumableWork';

/**
 * exact: at its position hint (or unique without one); moved: the quote found elsewhere, word for word;
 * fuzzy: found by approximate search, with its score; orphan: not found well enough to be sure.
 */
export type AnchorStatus = 'exact' | 'moved' | 'fuzzy' | 'orphan';

/** How much context a new selector stores on each side, as Hypothesis does. */
export const SELECTOR_CONTEXT_LENGTH = 32;

/** A place an approximate search found for a passage, scored from 0 to 1 (see scoreCandidate). */
export interface AnchorCandidate {
  start: number;
  end: number;
  score: number;
}

/** Where a passage is in the current text, in UTF-16 offsets; an orphan has no range, but may have a candidate too weak to accept. */
export type ResolvedAnchor =
  | { status: 'exact' | 'moved'; start: number; end: number; score?: undefined }
  | { status: 'fuzzy'; start: number; end: number; score: number }
  | {
      status: 'orphan';
      start?: undefined;
      end?: undefined;
      candidate?: AnchorCandidate;
      near?: number;
      /** Set when the search stopped at its bound (see SearchBudget) before it had looked everywhere. */
      searchStopped?: true;
    };

/**
 * How much work the search for passages that are not at their hint may still do, in units of about one
 * character examined by the approximate search. A substring search for a whole quote counts one unit
 * per 8 characters (text that repeats the quote's beginning makes it slow), one for pieces of a quote
 * one per 64. Deterministic, unlike a clock: the same files give the same anchors on every machine.
 * One budget is shared by every passage of a build; each passage may also spend at most
 * PASSAGE_SEARCH_LIMIT. A passage whose search is cut short is an orphan with `searchStopped`, and
 * says so; it keeps the best candidate found by then.
 */
export class SearchBudget {
  constructor(public remaining: number) {}

  /** Takes `units`; false (and nothing taken) if there are not that many left. */
  take(units: number): boolean {
    if (units > this.remaining) return false;
    this.remaining -= units;
    return true;
  }
}

/** At most this much work per passage: about a third of a second on a 2 GHz core. */
export const PASSAGE_SEARCH_LIMIT = 4_000_000;
/** At most this much per article and build, in the CLI and for Re-check Anchors: about 3 s. */
export const ARTICLE_SEARCH_LIMIT = 40_000_000;
/** At most this much per model build or update in the editor, so that it never holds the extension host for long: about 40 ms. */
export const EDITOR_SEARCH_LIMIT = 500_000;
/** Context beyond this many characters each side is not compared: it costs without telling more. */
const MAX_COMPARED_CONTEXT = 2 * SELECTOR_CONTEXT_LENGTH;

/**
 * The least score an approximate match needs to be accepted. Hypothesis accepts its best match
 * whatever the score, and so anchors confidently in the wrong place (hypothesis/client#7571); below
 * this, the passage is an orphan, with the candidate offered as a fix.
 */
export const MIN_FUZZY_SCORE = 0.75;
/** The quote itself must be at least this similar: at most a quarter of its characters edited. */
const MIN_QUOTE_SIMILARITY = 0.75;
/**
 * The stored prefix and suffix, on average, must agree at least this well. A restatement of the passage
 * elsewhere (a caption repeating a sentence, say) has a similar quote but other surroundings: that is
 * another passage, and is offered as a fix, not taken.
 */
const MIN_CONTEXT_SIMILARITY = 0.7;
/** A short quote matches by chance too easily: its context must agree better. */
const SHORT_QUOTE_LENGTH = 32;
const MIN_SHORT_QUOTE_CONTEXT_SIMILARITY = 0.8;
/** Quotes shorter than this are never matched approximately. */
const MIN_FUZZY_QUOTE_LENGTH = 4;
/** Weights of the score, as Hypothesis's: the quote, its prefix and suffix, and nearness to the hint as a tie-breaker. */
const QUOTE_WEIGHT = 50;
const CONTEXT_WEIGHT = 20;
const POSITION_WEIGHT = 2;

/** Where a selector's position hint points in the text, in UTF-16 offsets; undefined without a hint. */
export function positionHint(selector: PassageSelector, codePoints: CodePointIndex): number | undefined {
  const position = selector.position;
  // A position backwards or past the end (reported by the loader and the model) hints at nothing.
  if (!position || position.start > position.end || position.end > codePoints.codePointLength) return undefined;
  return codePoints.toUtf16(position.start);
}

/**
 * Finds a passage in text[from, to), in this order: at `hintStart` if the text there still equals the
 * quote; else the occurrence of the quote whose prefix and suffix agree best with the stored ones, the
 * nearest to the hint breaking ties (nearness alone would pick the wrong one of many "Iran"s after an
 * insertion); else by approximate search (see findApproximately). A match that is not good enough
 * makes an orphan, never a wrong anchor.
 */
export function resolvePassage(
  text: string,
  selector: PassageSelector,
  hintStart: number | undefined,
  from = 0,
  to = text.length,
  budget: SearchBudget = new SearchBudget(PASSAGE_SEARCH_LIMIT),
  /** Where the quote occurs in the whole text, if already found (see findQuoteOccurrences). */
  knownOccurrences?: readonly number[],
): ResolvedAnchor {
  const { exact } = selector;
  if (exact.length === 0) return { status: 'orphan', near: hintStart };
  if (hintStart !== undefined && hintStart >= from && hintStart + exact.length <= to && text.startsWith(exact, hintStart)) {
    return { status: 'exact', start: hintStart, end: hintStart + exact.length };
  }
  const near = hintStart === undefined ? undefined : Math.min(hintStart, text.length);
  // This passage's share: what the build has left, and no more than one passage may take.
  const share = Math.min(budget.remaining, PASSAGE_SEARCH_LIMIT);
  const own = new SearchBudget(share);
  const spent = () => {
    budget.remaining -= share - own.remaining;
  };
  // A substring search of text that repeats the quote's beginning costs more than a plain scan: charged at 1/8.
  if (!knownOccurrences && !own.take(Math.ceil((to - from) / 8))) return { status: 'orphan', near, searchStopped: true };
  const prefix = (selector.prefix ?? '').slice(-MAX_COMPARED_CONTEXT);
  const suffix = (selector.suffix ?? '').slice(0, MAX_COMPARED_CONTEXT);
  let best: { start: number; score: number; distance: number } | undefined;
  let occurrences = 0;
  for (const at of knownOccurrences ?? occurrencesIn(text, exact, from, to)) {
    if (at < from || at + exact.length > to) continue;
    occurrences++;
    if (knownOccurrences && !own.take(1 + (prefix.length + suffix.length) / 64)) break;
    const score = commonSuffixLength(text, at, prefix) + commonPrefixLength(text, at + exact.length, suffix);
    const distance = hintStart === undefined ? at : Math.abs(at - hintStart);
    if (!best || score > best.score || (score === best.score && distance < best.distance)) best = { start: at, score, distance };
  }
  if (best) {
    spent();
    const status = hintStart === undefined && occurrences === 1 ? 'exact' : 'moved';
    return { status, start: best.start, end: best.start + exact.length };
  }
  const search = findApproximately(text, selector, hintStart, from, to, own);
  spent();
  const { candidate } = search;
  // Where an orphan is shown in the article: its weak candidate, else where its hint points.
  const shownNear = candidate?.start ?? near;
  const stopped = search.stopped ? { searchStopped: true as const } : {};
  if (!candidate) return { status: 'orphan', near: shownNear, ...stopped };
  const { start, end, score } = candidate;
  return isAcceptable(candidate, exact) ? { status: 'fuzzy', start, end, score } : { status: 'orphan', candidate: { start, end, score }, near: shownNear, ...stopped };
}

function* occurrencesIn(text: string, quote: string, from: number, to: number): Generator<number> {
  for (let at = text.indexOf(quote, from); at !== -1 && at + quote.length <= to; at = text.indexOf(quote, at + 1)) yield at;
}

/** Quotes are found by their first this many characters (or all, if shorter), then checked whole. */
const QUOTE_KEY_LENGTH = 8;

/**
 * Every occurrence of each quote in the text, found in one pass per key length (at most eight): a
 * rolling hash of the first characters of each quote is looked up at every offset, and candidates are
 * checked whole. Linear in the text plus the occurrences, whatever the number of quotes, where one
 * substring search per quote would cost quotes × text.
 */
export function findQuoteOccurrences(text: string, quotes: Iterable<string>): Map<string, number[]> {
  return finishNow(findQuoteOccurrencesInSteps(text, quotes));
}

/** findQuoteOccurrences, pausing every few hundred thousand characters. */
export function* findQuoteOccurrencesInSteps(text: string, quotes: Iterable<string>): ResumableWork<Map<string, number[]>> {
  const index = new QuoteIndex(quotes);
  yield;
  return yield* index.occurrencesInSteps(text);
}

/**
 * Many quotes, indexed to be found in one pass over a text (see findQuoteOccurrences); built once and
 * used on several texts (the reading text's chunks).
 */
export class QuoteIndex {
  // By key length, then key hash, then whole length: at a hit, one lookup per distinct quote length,
  // however many quotes share their first characters ("Sentence 1 …", "Sentence 2 …").
  private readonly byKeyLength = new Map<number, Map<number, Map<number, Set<string>>>>();
  private readonly quotes = new Set<string>();

  constructor(quotes: Iterable<string>) {
    for (const quote of quotes) {
      if (quote.length === 0 || this.quotes.has(quote)) continue;
      this.quotes.add(quote);
      const keyLength = Math.min(QUOTE_KEY_LENGTH, quote.length);
      let byHash = this.byKeyLength.get(keyLength);
      if (!byHash) this.byKeyLength.set(keyLength, (byHash = new Map()));
      const hash = rollingHash(quote, 0, keyLength);
      let byLength = byHash.get(hash);
      if (!byLength) byHash.set(hash, (byLength = new Map()));
      let sameLength = byLength.get(quote.length);
      if (!sameLength) byLength.set(quote.length, (sameLength = new Set()));
      sameLength.add(quote);
    }
  }

  /** Every occurrence of each quote in `text` (a quote that does not occur has an empty list). */
  *occurrencesInSteps(text: string): ResumableWork<Map<string, number[]>> {
    const found = new Map<string, number[]>();
    for (const quote of this.quotes) found.set(quote, []);
    for (const [keyLength, byHash] of this.byKeyLength) {
      if (text.length < keyLength) continue;
      // The weight of the character leaving the window: BASE^(keyLength - 1), modulo 2^32.
      let outWeight = 1;
      for (let k = 1; k < keyLength; k++) outWeight = Math.imul(outWeight, HASH_BASE);
      let hash = rollingHash(text, 0, keyLength);
      for (let at = 0; ; at++) {
        const byLength = byHash.get(hash);
        if (byLength) {
          for (const [length, sameLength] of byLength) {
            const piece = text.substr(at, length);
            if (sameLength.has(piece)) found.get(piece)!.push(at);
          }
        }
        if (at + keyLength >= text.length) break;
        if (at % QUOTE_SCAN_STEP === QUOTE_SCAN_STEP - 1) yield;
        hash = (Math.imul(hash - Math.imul(text.charCodeAt(at), outWeight), HASH_BASE) + text.charCodeAt(at + keyLength)) >>> 0;
      }
    }
    return found;
  }
}

const HASH_BASE = 0x01000193;
/** Characters findQuoteOccurrencesInSteps reads between pauses. */
const QUOTE_SCAN_STEP = 128 * 1024;

function rollingHash(text: string, start: number, length: number): number {
  let hash = 0;
  for (let k = 0; k < length; k++) hash = (Math.imul(hash, HASH_BASE) + text.charCodeAt(start + k)) >>> 0;
  return hash;
}

interface ScoredCandidate extends AnchorCandidate {
  quoteSimilarity: number;
  contextSimilarity: number;
}

function isAcceptable(candidate: ScoredCandidate, quote: string): boolean {
  if (candidate.quoteSimilarity < MIN_QUOTE_SIMILARITY || candidate.score < MIN_FUZZY_SCORE) return false;
  return candidate.contextSimilarity >= (quote.length < SHORT_QUOTE_LENGTH ? MIN_SHORT_QUOTE_CONTEXT_SIMILARITY : MIN_CONTEXT_SIMILARITY);
}

/** Above this many characters, the last, unfiltered approximate search of the whole text is skipped. */
const UNFILTERED_SEARCH_LIMIT = 2_000_000;
/** A piece of the quote that occurs more often than this does not narrow the search; it is skipped. */
const MAX_PIECE_HITS = 1_000;
/** The filtered search tries pieces for these error rates in turn: long rare pieces first, then shorter ones. */
const FILTER_ERROR_RATES = [0.05, 0.1];
/** The filtered search looks at this much text after the hint first, then twice as much, and so on. */
const FIRST_CHUNK_LENGTH = 16_384;
/** Myers' search runs over at most this much text at a time, so that the budget is checked between pieces. */
const MYERS_CHUNK_LENGTH = 65_536;
/** A match this good on quote and context is taken at once: a second one as good would be a duplicated paragraph. */
const STRONG_SIMILARITY = 0.9;

/**
 * The best approximate match of the quote (Myers' bit-parallel search, as Hypothesis uses), in steps
 * that stop as soon as a match is good enough:
 * 1. around the exact occurrences of pieces of the quote, nearest the hint first: a match with at most
 *    k errors leaves one of k + 1 pieces intact; k is first a twentieth of the quote (long, rare
 *    pieces), then a tenth; each place is checked allowing k errors, and a strong match ends the
 *    search at once;
 * 2. in a window around the hint, allowing a quarter of the quote's characters in error;
 * 3. in the whole text (up to 2 MB), allowing as many.
 * Hypothesis does only the last, allowing half; step 1 makes the common case, a few edited words
 * anywhere in the text, cheap, since Myers' search costs in proportion to the text and the errors allowed.
 */
export function findApproximately(
  text: string,
  selector: PassageSelector,
  hintStart: number | undefined,
  from = 0,
  to = text.length,
  budget: SearchBudget = new SearchBudget(PASSAGE_SEARCH_LIMIT),
): { candidate: ScoredCandidate | undefined; stopped: boolean } {
  const quote = selector.exact;
  if (quote.length < MIN_FUZZY_QUOTE_LENGTH || to - from < MIN_FUZZY_QUOTE_LENGTH) return { candidate: undefined, stopped: false };
  const maxErrors = Math.floor(quote.length * (1 - MIN_QUOTE_SIMILARITY));
  // Myers' search costs about the same per character whatever the quote, a little more for long ones.
  const perCharacter = Math.ceil(quote.length / 1024);
  let best: ScoredCandidate | undefined;
  let stopped = false;
  const afford = (units: number) => {
    if (!stopped && !budget.take(units)) stopped = true;
    return !stopped;
  };
  const searchIn = (regionStart: number, regionEnd: number, errors: number) => {
    if (regionEnd - regionStart < quote.length - errors) return;
    // Long regions go in overlapping chunks, so that the budget is checked between them.
    const overlap = quote.length + errors;
    for (let chunkStart = regionStart; chunkStart < regionEnd && !stopped; chunkStart += MYERS_CHUNK_LENGTH) {
      const chunkEnd = Math.min(regionEnd, chunkStart + MYERS_CHUNK_LENGTH + overlap);
      if (!afford((chunkEnd - chunkStart) * perCharacter)) return;
      for (const match of approximateSearch(text.slice(chunkStart, chunkEnd), quote, errors)) {
        const candidate = scoreCandidate(text, selector, chunkStart + match.start, chunkStart + match.end, match.errors, hintStart);
        if (!best || candidate.score > best.score) best = candidate;
      }
      if (chunkEnd === regionEnd) return;
    }
  };
  const good = () => best !== undefined && isAcceptable(best, quote);
  const strong = () => good() && best!.quoteSimilarity >= STRONG_SIMILARITY && best!.contextSimilarity >= STRONG_SIMILARITY;
  const result = () => ({ candidate: best, stopped: stopped && !good() });

  // Places already searched, by where the quote would start there.
  const searched = new Set<number>();
  const pivot = Math.min(to, Math.max(from, hintStart ?? from));
  for (const rate of FILTER_ERROR_RATES) {
    const errors = Math.max(1, Math.floor(quote.length * rate));
    const pieceLength = Math.floor(quote.length / (errors + 1));
    if (pieceLength < 4) break;
    const pieces = Array.from({ length: errors + 1 }, (_, k) => ({
      offset: k * pieceLength,
      text: quote.slice(k * pieceLength, k === errors ? quote.length : (k + 1) * pieceLength),
      hits: 0,
    }));
    // Chunks of text outward from the hint, growing, after it then before it: the passage is most
    // often near where it was, and every piece is looked for in a chunk before the next one.
    let after = pivot;
    let before = pivot;
    for (let size = FIRST_CHUNK_LENGTH; after < to || before > from; size *= 2) {
      const chunks: Array<[number, number]> = [];
      if (after < to) chunks.push([after, (after = Math.min(to, after + size))]);
      if (before > from) {
        const chunkEnd = before;
        before = Math.max(from, before - size);
        chunks.push([before, chunkEnd]);
      }
      for (const [chunkStart, chunkEnd] of chunks) {
        // A piece that starts in the chunk may end after it.
        const chunk = text.slice(chunkStart, Math.min(to, chunkEnd + quote.length));
        const startsBefore = Math.min(chunkEnd, to) - chunkStart;
        for (const piece of pieces) {
          if (piece.hits > MAX_PIECE_HITS) continue;
          if (!afford(Math.ceil(chunk.length / 64))) return result();
          for (let at = chunk.indexOf(piece.text); at !== -1 && at < startsBefore; at = chunk.indexOf(piece.text, at + 1)) {
            if (++piece.hits > MAX_PIECE_HITS) break;
            const quoteStart = chunkStart + at - piece.offset;
            if (searched.has(quoteStart)) continue;
            searched.add(quoteStart);
            searchIn(Math.max(from, quoteStart - errors), Math.min(to, quoteStart + quote.length + errors), errors);
            if (strong() || stopped) return result();
          }
        }
      }
    }
    if (good()) return result();
  }
  if (hintStart !== undefined) {
    const margin = 2 * quote.length + 256;
    searchIn(Math.max(from, hintStart - margin), Math.min(to, hintStart + quote.length + margin), maxErrors);
    if (good() || stopped) return result();
  }
  if (to - from <= UNFILTERED_SEARCH_LIMIT) searchIn(from, to, maxErrors);
  return result();
}

/**
 * Scores a match from 0 to 1 as Hypothesis does: the quote's similarity weighs 50, the prefix's and
 * the suffix's 20 each, nearness to the hint 2 (a tie-breaker).
 */
function scoreCandidate(text: string, selector: PassageSelector, start: number, end: number, errors: number, hintStart: number | undefined): ScoredCandidate {
  const quoteSimilarity = 1 - errors / selector.exact.length;
  const prefix = (selector.prefix ?? '').slice(-MAX_COMPARED_CONTEXT);
  const suffix = (selector.suffix ?? '').slice(0, MAX_COMPARED_CONTEXT);
  const prefixSimilarity = prefix ? similarity(text.slice(Math.max(0, start - prefix.length), start), prefix) : 1;
  const suffixSimilarity = suffix ? similarity(text.slice(end, end + suffix.length), suffix) : 1;
  const positionScore = hintStart === undefined ? 1 : 1 - Math.abs(start - hintStart) / Math.max(1, text.length);
  const score =
    (QUOTE_WEIGHT * quoteSimilarity + CONTEXT_WEIGHT * prefixSimilarity + CONTEXT_WEIGHT * suffixSimilarity + POSITION_WEIGHT * positionScore) /
    (QUOTE_WEIGHT + 2 * CONTEXT_WEIGHT + POSITION_WEIGHT);
  return { start, end, score, quoteSimilarity, contextSimilarity: (prefixSimilarity + suffixSimilarity) / 2 };
}

/** 1 minus the fewest errors with which `expected` occurs in `actual`, over its length. */
function similarity(actual: string, expected: string): number {
  if (actual.length === 0) return 0;
  const [match] = approximateSearch(actual, expected, expected.length);
  return match ? 1 - match.errors / expected.length : 0;
}

/** A selector for text[start, end): the quote, up to 32 characters of context each side, and code point positions. */
export function describePassage(text: string, start: number, end: number, codePoints: CodePointIndex): PassageSelector {
  let prefixStart = Math.max(0, start - SELECTOR_CONTEXT_LENGTH);
  if (isLowSurrogate(text.charCodeAt(prefixStart))) prefixStart++;
  let suffixEnd = Math.min(text.length, end + SELECTOR_CONTEXT_LENGTH);
  if (isLowSurrogate(text.charCodeAt(suffixEnd))) suffixEnd--;
  return {
    exact: text.slice(start, end),
    prefix: text.slice(prefixStart, start),
    suffix: text.slice(end, suffixEnd),
    position: { start: codePoints.toCodePoint(start), end: codePoints.toCodePoint(end) },
  };
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** How many characters of `context` match the text just before `offset`, counting backwards. */
function commonSuffixLength(text: string, offset: number, context: string): number {
  let n = 0;
  while (n < context.length && offset - n - 1 >= 0 && text.charCodeAt(offset - n - 1) === context.charCodeAt(context.length - n - 1)) n++;
  return n;
}

/** How many characters of `context` match the text from `offset` on. */
function commonPrefixLength(text: string, offset: number, context: string): number {
  let n = 0;
  while (n < context.length && offset + n < text.length && text.charCodeAt(offset + n) === context.charCodeAt(n)) n++;
  return n;
}
