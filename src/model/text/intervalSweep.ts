/** A span of text, [start, end) in UTF-16 offsets. */
export interface Interval {
  start: number;
  end: number;
}

/**
 * Intervals sorted by start, asked in turn for those that overlap ranges whose starts never decrease:
 * the ranges are swept alongside the intervals, so a whole sweep costs in proportion to both (plus the
 * intervals open at once), where asking each range of all intervals would cost their product.
 */
export class IntervalSweep<T> {
  private next = 0;
  private active: T[] = [];

  /** @param sorted the items, sorted by the start of their interval. */
  constructor(
    private readonly sorted: readonly T[],
    private readonly intervalOf: (item: T) => Interval,
  ) {}

  /** The items whose interval overlaps [range.start, range.end); `range.start` never decreases between calls. */
  overlapping(range: Interval): T[] {
    if (this.sorted.length === 0) return [];
    while (this.next < this.sorted.length && this.intervalOf(this.sorted[this.next]).start < range.end) this.active.push(this.sorted[this.next++]);
    if (this.active.length > 0) this.active = this.active.filter((item) => this.intervalOf(item).end > range.start);
    return this.active.filter((item) => this.intervalOf(item).start < range.end);
  }
}
