/** A small deterministic PRNG (mulberry32), so every run measures the same inputs. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The median time of `runs` calls, in milliseconds, after warming up for at least 3 calls and 200 ms, so
 * that the optimising compiler has compiled the code being measured (otherwise a fast call on small
 * input is measured in the interpreter).
 */
export function medianMilliseconds(work: () => unknown, runs: number): number {
  const warmUpUntil = performance.now() + 200;
  for (let calls = 0; calls < 3 || (performance.now() < warmUpUntil && calls < 10_000); calls++) work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    work();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/** For each piece of work, the lowest of `rounds` medians of `runs` calls, the pieces taking turns by round; in milliseconds, in the order given. */
export function bestOfMedians(works: ReadonlyArray<() => unknown>, runs: number, rounds: number): number[] {
  const best = works.map(() => Infinity);
  for (let round = 0; round < rounds; round++) {
    works.forEach((work, k) => {
      best[k] = Math.min(best[k], medianMilliseconds(work, runs));
    });
  }
  return best;
}

export function formatBytes(bytes: number): string {
  return bytes >= 1e6 ? `${Number((bytes / 1e6).toFixed(1))} MB` : `${Number((bytes / 1e3).toFixed(0))} KB`;
}
