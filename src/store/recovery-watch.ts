import type { StoreContext } from './store-context.js';

/** After a refused save: checks now and then whether the store can write again, until it can. */
export class RecoveryWatch {
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: StoreContext,
    private readonly checkMs: number,
  ) {}

  /** Starts the watch, unless it already runs or the store is closing. */
  start(): void {
    if (this.#timer || this.store.closing) return;
    this.#timer = setTimeout(async () => {
      const recovered = await this.store.journal.recover();
      this.#timer = undefined;
      if (!recovered) this.start();
    }, this.checkMs);
    this.#timer.unref();
  }

  stop(): void {
    clearTimeout(this.#timer);
  }
}
