import type { ConnectionReporter } from '../core/index.js';

/**
 * One adapter's link to its platform, as /healthz reports it. The adapter calls `up()` when it can take
 * events (Slack socket connected, Discord shard ready, HTTP server listening) and `down()` when it
 * cannot; it starts down, from the moment it is created.
 */
export class Connection implements ConnectionReporter {
  #connected = false;
  #since: number;

  constructor(private readonly now: () => number = Date.now) {
    this.#since = now();
  }

  up(): void {
    if (!this.#connected) this.#change(true);
  }

  down(): void {
    if (this.#connected) this.#change(false);
  }

  /** Whether it is connected, and since when (ms since the epoch). */
  state(): { connected: boolean; since: number } {
    return { connected: this.#connected, since: this.#since };
  }

  #change(connected: boolean) {
    this.#connected = connected;
    this.#since = this.now();
  }
}

/** What an adapter needs to report its link (the core's adapter port names it); `Connection` is one. */
export type { ConnectionReporter } from '../core/index.js';
