// Work that may be long (parsing a huge annotation file, anchoring a huge article, rendering its
// reading page) is written once, as a generator that yields now and then at a point where it may be put
// off. The CLI runs it to the end at once; the editor runs it in slices, giving the extension host back
// between them, so that no input holds the editor for long. Setting aside whole threads is not an option:
// the desktop extension host has no Web Worker, and the bundle may not use Node's worker_threads.

/** A computation that yields (nothing) where it may pause, and returns its result. */
export type ResumableWork<T> = Generator<void, T, void>;

/** How much work passes between two checks of the clock: loops over big inputs yield every this many steps. */
export const STEPS_BETWEEN_PAUSES = 2048;

/** The same for loops over whole entries of a file (schema checks, meaning checks): each costs microseconds, not nanoseconds. */
export const ENTRIES_BETWEEN_PAUSES = 128;

/** Runs work to its end without pausing. */
export function finishNow<T>(work: ResumableWork<T>): T {
  for (;;) {
    const step = work.next();
    if (step.done) return step.value;
  }
}

/** Runs work for about `ms` milliseconds: its result if it finished, else undefined (call again to go on). */
export function advanceFor<T>(work: ResumableWork<T>, ms: number): { done: true; value: T } | undefined {
  const until = performance.now() + ms;
  for (;;) {
    const step = work.next();
    if (step.done) return { done: true, value: step.value };
    if (performance.now() >= until) return undefined;
  }
}

/** Why slicing stopped before the end: the caller no longer wants the result. */
export class WorkCancelled extends Error {
  constructor() {
    super('The work was cancelled');
  }
}

/**
 * Runs work in slices of about `sliceMs`, with a macrotask between slices so that everything else
 * waiting on the event loop runs. Rejects with WorkCancelled as soon as `isCancelled` says so.
 */
export async function finishInSlices<T>(work: ResumableWork<T>, options: { sliceMs: number; isCancelled?: () => boolean; onSlice?: (ms: number) => void }): Promise<T> {
  for (;;) {
    if (options.isCancelled?.()) {
      work.return(undefined as never);
      throw new WorkCancelled();
    }
    const started = performance.now();
    const result = advanceFor(work, options.sliceMs);
    options.onSlice?.(performance.now() - started);
    if (result) return result.value;
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
  }
}
