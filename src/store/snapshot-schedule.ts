import { unlink } from 'node:fs/promises';
import { checkUnchanged, identityOf } from './file-identity.js';
import { fsyncDir } from './fs-durable.js';
import { exists } from './path-exists.js';
import { writeSnapshot } from './snapshot.js';
import type { StoreContext } from './store-context.js';
import type { StoreOptions } from './store-options.js';

const MAX_SNAPSHOT_RETRY_MS = 5 * 60_000;

type SnapshotHooks = Pick<StoreOptions, 'onSnapshot' | 'onSnapshotFailed' | 'snapshotRetryMs'>;

/**
 * Snapshot rewrites (compactions): one at a time; one in the background that fails is tried again
 * after a pause that doubles each time, up to 5 minutes.
 */
export class SnapshotSchedule {
  /** The rewrite under way, if any. */
  running: Promise<void> | undefined;
  /** Why the last rewrite failed, until one succeeds (for health). */
  failure: string | undefined;
  #retryTimer: NodeJS.Timeout | undefined;
  #retryMs: number;

  constructor(
    private readonly store: StoreContext,
    private readonly hooks: SnapshotHooks,
  ) {
    this.#retryMs = hooks.snapshotRetryMs ?? 1_000;
  }

  /** No rewrite under way and none waiting for its retry. */
  get idle(): boolean {
    return !this.running && !this.#retryTimer;
  }

  /**
   * Journal → .old, snapshot of the state (which has everything in .old), then .old removed. If a
   * failed rewrite left .old behind, it is kept (never renamed over) and this rewrite covers it.
   */
  compact(): Promise<void> {
    this.running ??= this.#rewrite().then(
      () => {
        this.running = undefined;
        this.failure = undefined;
      },
      (error: unknown) => {
        this.running = undefined;
        const code = (error as NodeJS.ErrnoException).code ?? (error as Error).name;
        this.failure = `Snapshot ${this.store.file} could not be written (${code})`;
        throw error;
      },
    );
    return this.running;
  }

  /** A rewrite in the background; a failed one is tried again after a pause that doubles each time. */
  compactInBackground(): void {
    this.compact().then(
      () => {
        this.#retryMs = this.hooks.snapshotRetryMs ?? 1_000;
      },
      (error: unknown) => {
        this.hooks.onSnapshotFailed?.(error as Error, this.#retryMs);
        this.#retryTimer = setTimeout(() => {
          this.#retryTimer = undefined;
          if (!this.store.closing) this.compactInBackground();
        }, this.#retryMs);
        this.#retryTimer.unref();
        this.#retryMs = Math.min(this.#retryMs * 2, MAX_SNAPSHOT_RETRY_MS);
      },
    );
  }

  /** Cancels a waiting retry. */
  stop(): void {
    clearTimeout(this.#retryTimer);
  }

  async #rewrite(): Promise<void> {
    const { file, oldPath, state, journal, now } = this.store;
    const started = performance.now();
    if (!(await exists(oldPath))) await journal.rotate(oldPath);
    await writeSnapshot(file, state, now(), () => checkUnchanged(file, this.store.known));
    this.store.known = await identityOf(file);
    await unlink(oldPath);
    await fsyncDir(file);
    this.hooks.onSnapshot?.({ ms: performance.now() - started, people: state.users.size });
  }
}
