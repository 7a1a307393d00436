/**
 * Converts between UTF-16 offsets (what JavaScript strings and editors use) and Unicode code point
 * offsets (what the W3C TextPositionSelector uses). Only astral characters (surrogate pairs) make the
 * two differ, so the index stores just their positions and converts by binary search.
 */
export class CodePointIndex {
  /** For the i-th surrogate pair: its code point offset (UTF-16 offset minus i); strictly increasing. */
  private readonly pairCodePointOffsets: number[] = [];
  readonly codePointLength: number;

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code >= 0xd800 && code <= 0xdbff) {
        const next = text.charCodeAt(i + 1);
        if (next >= 0xdc00 && next <= 0xdfff) {
          this.pairCodePointOffsets.push(i - this.pairCodePointOffsets.length);
          i++;
        }
      }
    }
    this.codePointLength = text.length - this.pairCodePointOffsets.length;
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
