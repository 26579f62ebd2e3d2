import type { Progress } from '../core/index.js';
import type { LockOptions } from './lock.js';

export interface StoreOptions {
  /** How the store's lock is held (tests shorten its heartbeat). */
  lock?: LockOptions;
  /** The store's clock (ms since the epoch), for delivery ids' ages. */
  now?: () => number;
  /** The snapshot is rewritten and the journal cut once the journal grows past this many bytes. */
  journalLimitBytes?: number;
  /**
   * Told of every record read from the files while the store opens, in file order (a person's later
   * journal lines after their earlier ones, so the last call per person is their record). Start-up uses
   * it to find who needs moving to a new flow version without reading everyone again.
   */
  onRecordRead?: (progress: Progress) => void;
  /** Told after each snapshot rewrite (for logs and the benchmark): how long it took, how many people. */
  onSnapshot?: (info: { ms: number; people: number }) => void;
  /** Told when a background snapshot rewrite failed (the journal keeps everything; it is retried). */
  onSnapshotFailed?: (error: Error, retryInMs: number) => void;
  /** How often a store that refused a save checks whether it can write again (for health). */
  recoveryCheckMs?: number;
  /** The first pause before a failed snapshot rewrite is tried again; it doubles up to 5 minutes. */
  snapshotRetryMs?: number;
}
