// The adapter's classes own their listeners, timers and VS Code objects through one base class, as
// markdown-language-features' util/dispose.ts does, instead of each writing its own dispose loop.

/** Anything with a dispose method: VS Code's disposables, and our own. */
export interface Disposable {
  dispose(): unknown;
}

/** Disposes each, in reverse order of creation; one that throws does not stop the others. */
function disposeAll(items: Iterable<Disposable>): void {
  const errors: unknown[] = [];
  for (const item of [...items].reverse()) {
    try {
      item.dispose();
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new AggregateError(errors, 'Several disposables failed to dispose');
}

/** A base for classes that own disposables: `register` adds one, `dispose` disposes them all, once. */
export abstract class DisposableOwner implements Disposable {
  private readonly owned: Disposable[] = [];
  private disposed = false;

  /** Owns `value` from now on; one registered after dispose is disposed at once. */
  protected register<T extends Disposable>(value: T): T {
    if (this.disposed) value.dispose();
    else this.owned.push(value);
    return value;
  }

  /** Owns each of `values`. */
  protected registerAll(...values: Disposable[]): void {
    for (const value of values) this.register(value);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    disposeAll(this.owned.splice(0));
  }
}
