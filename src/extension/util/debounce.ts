import type { Disposable } from './dispose';

/**
 * Runs an action once calls to `schedule` pause, one timer per key (an article, an annotation file): a
 * new call for a key replaces the pending one. Pending actions are dropped on dispose.
 */
export class KeyedDebouncer<K> implements Disposable {
  private readonly timers = new Map<K, ReturnType<typeof setTimeout>>();

  schedule(key: K, delayMs: number, action: () => void): void {
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        action();
      }, delayMs),
    );
  }

  /** Drops the pending action for a key; whether there was one. */
  cancel(key: K): boolean {
    const timer = this.timers.get(key);
    if (timer === undefined) return false;
    clearTimeout(timer);
    this.timers.delete(key);
    return true;
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}

/** A KeyedDebouncer with one key. */
export class Debouncer implements Disposable {
  private readonly keyed = new KeyedDebouncer<true>();

  schedule(delayMs: number, action: () => void): void {
    this.keyed.schedule(true, delayMs, action);
  }

  cancel(): boolean {
    return this.keyed.cancel(true);
  }

  dispose(): void {
    this.keyed.dispose();
  }
}
