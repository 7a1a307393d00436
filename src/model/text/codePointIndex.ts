/**
 * Converts between UTF-16 offsets (what JavaScript strings and editors use) and Unicode code point
 * offsets (what the W3C TextPositionSelector uses). Only astral characters (surrogate pairs) make the
 * two differ, so the index stores just their positions and converts by binary search.
 */
export class CodePointIndex {
  /** For the i-th surrogate pair: its code point offset (UTF-16 offset minus i); strictly increasing. */
  private readonly pairCodePointOffsets: number[] = [];
  readonly codePointLength: number;

  /** @param pairStarts the UTF-16 offsets of the text's surrogate pairs, if already known. */
  constructor(
    private readonly text: string,
    pairStarts?: readonly number[],
  ) {
    for (const start of pairStarts ?? surrogatePairStarts(text, 0, text.length)) this.pairCodePointOffsets.push(start - this.pairCodePointOffsets.length);
    this.codePointLength = text.length - this.pairCodePointOffsets.length;
  }

  /**
   * The index of a text after an edit that left text[0, start) and the last `suffixLength` characters as
   * they were: only the changed part is scanned, so the cost follows the edit and the number of
   * astral characters, not the length of the text.
   */
  afterEdit(text: string, start: number, suffixLength: number): CodePointIndex {
    const delta = text.length - this.text.length;
    const oldEnd = this.text.length - suffixLength;
    const starts: number[] = [];
    // A pair that touches the edit is scanned again with it.
    const scanFrom = Math.max(0, start - 1);
    const scanTo = Math.min(text.length, text.length - suffixLength + 1);
    this.pairCodePointOffsets.forEach((codePointOffset, i) => {
      const pairStart = codePointOffset + i;
      if (pairStart < scanFrom) starts.push(pairStart);
    });
    starts.push(...surrogatePairStarts(text, scanFrom, scanTo));
    const after = starts.length > 0 ? starts[starts.length - 1] + 2 : 0;
    this.pairCodePointOffsets.forEach((codePointOffset, i) => {
      const pairStart = codePointOffset + i;
      if (pairStart >= oldEnd + 1 && pairStart + delta >= after) starts.push(pairStart + delta);
    });
    return new CodePointIndex(text, starts);
  }

  /** The code point offset of a UTF-16 offset; an offset inside a pair counts as the pair's start. */
  toCodePoint(utf16Offset: number): number {
    const offset = Math.max(0, Math.min(utf16Offset, this.text.length));
    // Pairs that end at or before the offset each cost one extra UTF-16 unit.
    let low = 0;
    let high = this.pairCodePointOffsets.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      const pairUtf16Start = this.pairCodePointOffsets[middle] + middle;
      if (pairUtf16Start + 2 <= offset) low = middle + 1;
      else high = middle;
    }
    const insidePair = low < this.pairCodePointOffsets.length && this.pairCodePointOffsets[low] + low + 1 === offset;
    return offset - low - (insidePair ? 1 : 0);
  }

  /** The UTF-16 offset of a code point offset. */
  toUtf16(codePointOffset: number): number {
    const offset = Math.max(0, Math.min(codePointOffset, this.codePointLength));
    let low = 0;
    let high = this.pairCodePointOffsets.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.pairCodePointOffsets[middle] < offset) low = middle + 1;
      else high = middle;
    }
    return offset + low;
  }
}

/** The UTF-16 offsets of the surrogate pairs that start in text[from, to). */
export function surrogatePairStarts(text: string, from: number, to: number): number[] {
  const starts: number[] = [];
  // The regular expression engine finds them many times faster than a loop over the code units.
  // On the slice: on the whole text, a search from `from` with no pair after it would run to its end.
  const pair = /[\ud800-\udbff][\udc00-\udfff]/g;
  const part = text.slice(from, Math.min(text.length, to + 1));
  for (let match = pair.exec(part); match && match.index + from < to; match = pair.exec(part)) starts.push(match.index + from);
  return starts;
}
