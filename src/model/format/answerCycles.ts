/**
 * The circles among answer links, each once, its claims in the order they answer each other. Each claim
 * answers at most one other, so the links form chains; a chain that comes back is a circle. Each claim
 * is walked once (on the current walk, or done), so long chains cost in proportion to their length.
 *
 * @param answered the claim a claim answers, or undefined if it answers none that exists.
 */
export function answerCycles(ids: Iterable<string>, answered: (id: string) => string | undefined): string[][] {
  const state = new Map<string, 'walking' | 'done'>();
  const cycles: string[][] = [];
  for (const id of ids) {
    if (state.has(id)) continue;
    const walk: string[] = [];
    let next: string | undefined = id;
    while (next !== undefined && !state.has(next)) {
      state.set(next, 'walking');
      walk.push(next);
      next = answered(next);
    }
    if (next !== undefined && state.get(next) === 'walking') cycles.push(walk.slice(walk.indexOf(next)));
    for (const member of walk) state.set(member, 'done');
  }
  return cycles;
}
