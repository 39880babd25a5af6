/**
 * Ctrl-C during apply: the first one lets the running step finish, then apply stops and saves its state;
 * the second stops the running step (its rollback runs) — either way the exit code is 130.
 */
export class Interrupt {
  private count = 0;
  private readonly controller = new AbortController();
  private readonly listeners: (() => void)[] = [];

  get requested(): boolean {
    return this.count > 0;
  }

  /** Aborted on the second request: stop the running command now. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  request(): void {
    this.count++;
    if (this.count === 1) for (const l of this.listeners) l();
    if (this.count >= 2) this.controller.abort();
  }

  onFirst(fn: () => void): void {
    this.listeners.push(fn);
  }

  /** Installs SIGINT/SIGTERM handlers for the duration of `fn`. */
  static async around<T>(fn: (i: Interrupt) => Promise<T>): Promise<T> {
    const i = new Interrupt();
    const handler = () => i.request();
    process.on('SIGINT', handler);
    process.on('SIGTERM', handler);
    try {
      return await fn(i);
    } finally {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    }
  }
}
