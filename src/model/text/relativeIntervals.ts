import type { Interval } from './intervalSweep';

/** Items of one page, their offsets as they were when the page was made: the page's base is how far it has moved since. Never changed once made: models share them. */
export interface IntervalPage<T extends Interval> {
  readonly items: readonly T[];
}

/** Items per page: small enough that rebuilding the page an edit lands in costs little, large enough that the pages are few. */
const PAGE_SIZE = 256;

/**
 * Intervals in text order that never overlap (the mentions of an article, its top-level blocks), kept in
 * pages with a base per page: how far the page has moved since it was made. An edit replaces the items
 * it touched and moves every later page by changing its base: one number per page, whatever the number
 * of items after it, so the cost of a keystroke does not grow with the article. Persistent: an edit
 * makes a new sequence that shares every untouched page with the old one (the painter reuses what it
 * drew for such a page). Items are handed out with their current offsets: the stored objects where the
 * page has not moved (a fresh build copies nothing), copies where it has.
 */
export class RelativeIntervals<T extends Interval> {
  /** The absolute items, made on first use. */
  private absolute: T[] | undefined;

  private constructor(
    private readonly pages: ReadonlyArray<IntervalPage<T>>,
    private readonly bases: readonly number[],
    /** counts[p] is the number of items in the pages before page p; counts[pages.length] is the length. */
    private readonly counts: readonly number[],
    private readonly pageSize: number,
  ) {}

  /** The sequence of `items` (sorted by start, never overlapping), with absolute offsets. `pageSize` is for tests. */
  static of<T extends Interval>(items: readonly T[], pageSize = PAGE_SIZE): RelativeIntervals<T> {
    const pages: Array<IntervalPage<T>> = [];
    const bases: number[] = [];
    for (let from = 0; from < items.length; from += pageSize) paginate(items, from, Math.min(items.length, from + pageSize), pages, bases);
    return new RelativeIntervals(pages, bases, cumulativeCounts(pages), pageSize);
  }

  get length(): number {
    return this.counts[this.pages.length];
  }

  /** Every item, with absolute offsets (made once per sequence). */
  all(): readonly T[] {
    if (!this.absolute) {
      const items: T[] = new Array(this.length);
      let k = 0;
      this.pages.forEach((page, p) => {
        const base = this.bases[p];
        if (base === 0) for (const item of page.items) items[k++] = item;
        else for (const item of page.items) items[k++] = moved(item, base);
      });
      this.absolute = items;
    }
    return this.absolute;
  }

  /** The item at `index`, with absolute offsets. */
  at(index: number): T | undefined {
    if (index < 0 || index >= this.length) return undefined;
    if (this.absolute) return this.absolute[index];
    const page = this.pageOfIndex(index);
    return moved(this.pages[page].items[index - this.counts[page]], this.bases[page]);
  }

  /** The index of the first item that ends after `offset` (the length if none does). */
  firstEndingAfter(offset: number): number {
    // The first page whose last item ends after the offset, then the first such item in it.
    let low = 0;
    let high = this.pages.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      const items = this.pages[middle].items;
      if (items[items.length - 1].end + this.bases[middle] <= offset) low = middle + 1;
      else high = middle;
    }
    if (low === this.pages.length) return this.length;
    return this.counts[low] + firstEndingAfter(this.pages[low].items, offset - this.bases[low]);
  }

  /** The index of the first item that starts at or after `offset` (the length if none does). */
  firstStartingFrom(offset: number): number {
    // The last page whose first item starts before the offset holds the answer, or it is the page after.
    let low = 0;
    let high = this.pages.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.pages[middle].items[0].start + this.bases[middle] < offset) low = middle + 1;
      else high = middle;
    }
    if (low === 0) return 0;
    const page = low - 1;
    const items = this.pages[page].items;
    const relative = offset - this.bases[page];
    let first = 0;
    let last = items.length;
    while (first < last) {
      const middle = (first + last) >> 1;
      if (items[middle].start < relative) first = middle + 1;
      else last = middle;
    }
    return this.counts[page] + first;
  }

  /** The items that overlap [from, to) (or touch `from` when the range is empty), with absolute offsets. */
  between(from: number, to: number): T[] {
    const found: T[] = [];
    for (const { page, base } of this.pagesBetween(from, to)) {
      for (const item of page.items) if (item.end + base > from && item.start + base < to) found.push(moved(item, base));
    }
    return found;
  }

  /** The pages that hold items overlapping [from, to), with their bases: for painters that reuse what they drew for a page. */
  pagesBetween(from: number, to: number): Array<{ page: IntervalPage<T>; base: number }> {
    const pages: Array<{ page: IntervalPage<T>; base: number }> = [];
    const first = this.pageOfIndex(this.firstEndingAfter(from));
    for (let p = first; p < this.pages.length; p++) {
      const base = this.bases[p];
      if (this.pages[p].items[0].start + base >= to) break;
      pages.push({ page: this.pages[p], base });
    }
    return pages;
  }

  /**
   * The sequence after an edit: items [from, to) replaced by `items` (absolute offsets of the new text,
   * in order, fitting between the items kept), and every item from `to` on moved by `delta`. Only the
   * pages holding the replaced items are made again; later pages keep their items and move their base.
   */
  splice(from: number, to: number, delta: number, items: readonly T[]): RelativeIntervals<T> {
    if (this.pages.length === 0) return RelativeIntervals.of(items, this.pageSize);
    // The pages the replaced items are in; an insertion between items goes to the page after it (else the last).
    let firstPage = this.pageOfIndex(Math.min(from, this.length - 1));
    let lastPage = to > from ? this.pageOfIndex(to - 1) : firstPage;
    if (from === this.length) firstPage = lastPage = this.pages.length - 1;
    const before: T[] = [];
    const after: T[] = [];
    for (let p = firstPage; p <= lastPage; p++) {
      const base = this.bases[p];
      this.pages[p].items.forEach((item, i) => {
        const k = this.counts[p] + i;
        if (k < from) before.push(moved(item, base));
        else if (k >= to) after.push(moved(item, base + delta));
      });
    }
    const merged = before.concat(items, after);
    const pages = this.pages.slice(0, firstPage) as Array<IntervalPage<T>>;
    const bases = this.bases.slice(0, firstPage);
    const pageCount = Math.ceil(merged.length / this.pageSize);
    for (let i = 0; i < pageCount; i++) paginate(merged, Math.floor((i * merged.length) / pageCount), Math.floor(((i + 1) * merged.length) / pageCount), pages, bases);
    for (let p = lastPage + 1; p < this.pages.length; p++) {
      pages.push(this.pages[p]);
      bases.push(this.bases[p] + delta);
    }
    return new RelativeIntervals(pages, bases, cumulativeCounts(pages), this.pageSize);
  }

  /** The page that holds the item at `index` (the last page for the length). */
  private pageOfIndex(index: number): number {
    let low = 0;
    let high = this.pages.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.counts[middle] <= index) low = middle;
      else high = middle - 1;
    }
    return low;
  }
}

/** A page of items[from, to), as they are (base 0). */
function paginate<T extends Interval>(items: readonly T[], from: number, to: number, pages: Array<IntervalPage<T>>, bases: number[]): void {
  if (to <= from) return;
  pages.push({ items: items.slice(from, to) });
  bases.push(0);
}

function cumulativeCounts<T extends Interval>(pages: ReadonlyArray<IntervalPage<T>>): number[] {
  const counts = new Array<number>(pages.length + 1);
  counts[0] = 0;
  for (let p = 0; p < pages.length; p++) counts[p + 1] = counts[p] + pages[p].items.length;
  return counts;
}

/** A copy of an item, moved by `delta` (the item itself when it does not move). */
function moved<T extends Interval>(item: T, delta: number): T {
  return delta === 0 ? item : { ...item, start: item.start + delta, end: item.end + delta };
}

/** The index of the first of `intervals` (sorted, never overlapping) that ends after `offset` (their length if none does). */
export function firstEndingAfter(intervals: readonly Interval[], offset: number): number {
  let low = 0;
  let high = intervals.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (intervals[middle].end <= offset) low = middle + 1;
    else high = middle;
  }
  return low;
}
