import type { ProgressStore } from '../core/index.js';
import { RecoveryWatch } from './recovery-watch.js';
import { SnapshotSchedule } from './snapshot-schedule.js';
import type { StoreOptions } from './store-options.js';
import { storePort } from './store-port.js';
import { startStore } from './store-startup.js';
import { StoreWrites } from './store-writes.js';

export type { StoreOptions } from './store-options.js';

export const DEFAULT_JOURNAL_LIMIT = 16 * 1024 * 1024;

/**
 * Opens the journaled store on `file` (the snapshot, StoreFileSchema JSON) with `<file>.journal` beside
 * it. Start-up: take `<file>.lock`, load the snapshot, replay `<file>.journal.old` (left by a snapshot
 * cut short) and `<file>.journal`. `save` resolves once its journal line is fdatasync'ed. The snapshot
 * is rewritten in the background when the journal passes the limit, and by `close()`, which first
 * finishes every save in flight, then writes the snapshot, removes the journal and releases the lock.
 */
export async function openStore(file: string, options: StoreOptions = {}): Promise<ProgressStore> {
  const store = await startStore(file, options.now ?? Date.now, options.lock, options.onRecordRead);
  const snapshots = new SnapshotSchedule(store, options);
  const recovery = new RecoveryWatch(store, options.recoveryCheckMs ?? 5_000);
  const limit = options.journalLimitBytes ?? DEFAULT_JOURNAL_LIMIT;
  const writes = new StoreWrites(store, snapshots, recovery, limit);
  return storePort(store, writes, snapshots, recovery);
}
