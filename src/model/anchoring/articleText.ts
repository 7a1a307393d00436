import type { PassageSelector } from '../format/annotationTypes';
import { CodePointIndex } from '../text/codePointIndex';
import { LineIndex } from '../text/lineIndex';
import { describePassage } from './passageAnchor';

/**
 * An article's text with what features need of it, built once per version: its code points (W3C
 * positions count them) and its lines (for locations, on first use). One value instead of loose
 * (text, index) pairs, as the Markdown language service's textDocument carries what its features need.
 */
export class ArticleText {
  private points: CodePointIndex | undefined;
  private lines: LineIndex | undefined;

  constructor(
    readonly text: string,
    codePoints?: CodePointIndex,
  ) {
    this.points = codePoints;
  }

  /** Its code point index, made on first use by a pass over the text, unless knowSurrogatePairs came first. */
  get codePoints(): CodePointIndex {
    return (this.points ??= new CodePointIndex(this.text));
  }

  /**
   * Where the text's surrogate pairs start, from a pass that read the whole text anyway (the model's,
   * over prose): its code point index is made from them, with no pass of its own.
   */
  knowSurrogatePairs(pairStarts: readonly number[]): void {
    this.points ??= new CodePointIndex(this.text, pairStarts);
  }

  get lineIndex(): LineIndex {
    return (this.lines ??= new LineIndex(this.text));
  }

  /** The text after an edit that left text[0, start) and the last `suffixLength` characters as they were: only the change is scanned again. */
  afterEdit(text: string, start: number, suffixLength: number): ArticleText {
    return new ArticleText(text, this.codePoints.afterEdit(text, start, suffixLength));
  }

  /** The W3C selector (quote, context, position) of text[start, end). */
  describe(start: number, end: number): PassageSelector {
    return describePassage(this.text, start, end, this.codePoints);
  }
}
