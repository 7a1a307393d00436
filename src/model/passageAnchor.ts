import approximateSearch from 'approx-string-match';
import type { PassageSelector } from './annotationTypes';
import type { CodePointIndex } from './codePointIndex';

/**
 * exact: at its position hint (or unique without one); moved: the quote found elsewhere, word for word;
 * fuzzy: found by approximate search, with its score; orphan: not found well enough to be sure.
 */
export type AnchorStatus = 'exact' | 'moved' | 'fuzzy' | 'orphan';

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
  | { status: 'orphan'; start?: undefined; end?: undefined; candidate?: AnchorCandidate };

/** How much context a new selector stores on each side, as Hypothesis does. */
export const SELECTOR_CONTEXT_LENGTH = 32;

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
/** The first approximate search allows a tenth of the quote's characters to differ, and is filtered by exact pieces of the quote. */
const FILTERED_ERROR_RATE = 0.1;
/** Weights of the score, as Hypothesis's: the quote, its prefix and suffix, and nearness to the hint as a tie-breaker. */
const QUOTE_WEIGHT = 50;
const CONTEXT_WEIGHT = 20;
const POSITION_WEIGHT = 2;

/** Where a selector's position hint points in the text, in UTF-16 offsets; undefined without a hint. */
export function positionHint(selector: PassageSelector, codePoints: CodePointIndex): number | undefined {
  return selector.position ? codePoints.toUtf16(selector.position.start) : undefined;
}

/**
 * Finds a passage in text[from, to), in this order: at `hintStart` if the text there still equals the
 * quote; else the occurrence of the quote whose prefix and suffix agree best with the stored ones, the
 * nearest to the hint breaking ties (nearness alone would pick the wrong one of many "Iran"s after an
 * insertion); else by approximate search (see findApproximately). A match that is not good enough
 * makes an orphan, never a wrong anchor.
 */
export function resolvePassage(text: string, selector: PassageSelector, hintStart: number | undefined, from = 0, to = text.length): ResolvedAnchor {
  const { exact } = selector;
  if (exact.length === 0) return { status: 'orphan' };
  if (hintStart !== undefined && hintStart >= from && hintStart + exact.length <= to && text.startsWith(exact, hintStart)) {
    return { status: 'exact', start: hintStart, end: hintStart + exact.length };
  }
  let best: { start: number; score: number; distance: number } | undefined;
  let occurrences = 0;
  for (let at = text.indexOf(exact, from); at !== -1 && at + exact.length <= to; at = text.indexOf(exact, at + 1)) {
    occurrences++;
    const score = commonSuffixLength(text, at, selector.prefix ?? '') + commonPrefixLength(text, at + exact.length, selector.suffix ?? '');
    const distance = hintStart === undefined ? at : Math.abs(at - hintStart);
    if (!best || score > best.score || (score === best.score && distance < best.distance)) best = { start: at, score, distance };
  }
  if (best) {
    const status = hintStart === undefined && occurrences === 1 ? 'exact' : 'moved';
    return { status, start: best.start, end: best.start + exact.length };
  }
  const candidate = findApproximately(text, selector, hintStart, from, to);
  if (!candidate) return { status: 'orphan' };
  const { start, end, score } = candidate;
  return isAcceptable(candidate, exact) ? { status: 'fuzzy', start, end, score } : { status: 'orphan', candidate: { start, end, score } };
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
/** Above this many exact occurrences of the quote's pieces, the filter is no use. */
const MAX_FILTER_HITS = 5_000;

/**
 * The best approximate match of the quote (Myers' bit-parallel search, as Hypothesis uses), searched
 * in three steps that stop as soon as a match is good enough: in a window around the hint; in the
 * whole text where one of k + 1 pieces of the quote occurs exactly (a match with at most k errors
 * leaves one piece intact), with k a tenth of the quote; then in the whole text with up to a quarter
 * of the quote's characters in error. The first two make recovery cheap in the common case, a few
 * edited characters; Hypothesis searches the whole text with up to half of them in error.
 */
export function findApproximately(text: string, selector: PassageSelector, hintStart: number | undefined, from = 0, to = text.length): ScoredCandidate | undefined {
  const quote = selector.exact;
  if (quote.length < MIN_FUZZY_QUOTE_LENGTH || to - from < MIN_FUZZY_QUOTE_LENGTH) return undefined;
  const maxErrors = Math.floor(quote.length * (1 - MIN_QUOTE_SIMILARITY));
  let best: ScoredCandidate | undefined;
  const searchIn = (regionStart: number, regionEnd: number, errors: number) => {
    if (regionEnd - regionStart < quote.length - errors) return;
    for (const match of approximateSearch(text.slice(regionStart, regionEnd), quote, errors)) {
      const candidate = scoreCandidate(text, selector, regionStart + match.start, regionStart + match.end, match.errors, hintStart);
      if (!best || candidate.score > best.score) best = candidate;
    }
  };
  const good = () => best !== undefined && isAcceptable(best, quote);

  if (hintStart !== undefined) {
    const margin = 2 * quote.length + 256;
    searchIn(Math.max(from, hintStart - margin), Math.min(to, hintStart + quote.length + margin), maxErrors);
    if (good()) return best;
  }
  const filteredErrors = Math.max(1, Math.floor(quote.length * FILTERED_ERROR_RATE));
  const regions = regionsWithAnExactPiece(text, quote, filteredErrors, from, to);
  if (regions) {
    for (const [regionStart, regionEnd] of regions) searchIn(regionStart, regionEnd, filteredErrors);
    if (good()) return best;
  }
  if (to - from <= UNFILTERED_SEARCH_LIMIT) searchIn(from, to, maxErrors);
  return best;
}

/**
 * The regions of text[from, to) where a match with at most `errors` errors could be: around each exact
 * occurrence of one of errors + 1 pieces of the quote. Undefined when the pieces are too short or too
 * common for the filter to help.
 */
function regionsWithAnExactPiece(text: string, quote: string, errors: number, from: number, to: number): Array<[number, number]> | undefined {
  const pieceCount = errors + 1;
  const pieceLength = Math.floor(quote.length / pieceCount);
  if (pieceLength < 4) return undefined;
  const regions: Array<[number, number]> = [];
  for (let k = 0; k < pieceCount; k++) {
    const offset = k * pieceLength;
    const piece = quote.slice(offset, k === pieceCount - 1 ? quote.length : offset + pieceLength);
    for (let at = text.indexOf(piece, from); at !== -1 && at + piece.length <= to; at = text.indexOf(piece, at + 1)) {
      regions.push([Math.max(from, at - offset - errors), Math.min(to, at - offset + quote.length + errors)]);
      if (regions.length > MAX_FILTER_HITS) return undefined;
    }
  }
  regions.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const region of regions) {
    const last = merged[merged.length - 1];
    if (last && region[0] <= last[1]) last[1] = Math.max(last[1], region[1]);
    else merged.push([region[0], region[1]]);
  }
  return merged;
}

/**
 * Scores a match from 0 to 1 as Hypothesis does: the quote's similarity weighs 50, the prefix's and
 * the suffix's 20 each, nearness to the hint 2 (a tie-breaker).
 */
function scoreCandidate(text: string, selector: PassageSelector, start: number, end: number, errors: number, hintStart: number | undefined): ScoredCandidate {
  const quoteSimilarity = 1 - errors / selector.exact.length;
  const prefix = selector.prefix ?? '';
  const suffix = selector.suffix ?? '';
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
