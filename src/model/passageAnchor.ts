import type { PassageSelector } from './annotationTypes';
import type { CodePointIndex } from './codePointIndex';

/** exact: at its position hint (or unique without one); moved: found elsewhere by its quote; orphan: not found. */
export type AnchorStatus = 'exact' | 'moved' | 'orphan';

/** Where a passage is in the current text, in UTF-16 offsets; an orphan has no range. */
export type ResolvedAnchor =
  | { status: 'exact' | 'moved'; start: number; end: number }
  | { status: 'orphan'; start?: undefined; end?: undefined };

/** How much context a new selector stores on each side, as Hypothesis does. */
export const SELECTOR_CONTEXT_LENGTH = 32;

/** Where a selector's position hint points in the text, in UTF-16 offsets; undefined without a hint. */
export function positionHint(selector: PassageSelector, codePoints: CodePointIndex): number | undefined {
  return selector.position ? codePoints.toUtf16(selector.position.start) : undefined;
}

/**
 * Finds a passage: at `hintStart` if the text there still equals the quote; otherwise the occurrence
 * of the quote in text[from, to) whose prefix and suffix agree best with the stored ones, the nearest
 * to the hint breaking ties. Approximate matching comes later; until then a passage not found is an
 * orphan.
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
  if (!best) return { status: 'orphan' };
  const status = hintStart === undefined && occurrences === 1 ? 'exact' : 'moved';
  return { status, start: best.start, end: best.start + exact.length };
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
