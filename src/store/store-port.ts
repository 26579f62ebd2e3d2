import type { ProgressStore } from '../core/index.js';
import { atomicUpdate } from './atomic-update.js';
import type { RecoveryWatch } from './recovery-watch.js';
import type { SnapshotSchedule } from './snapshot-schedule.js';
import { stateReads } from './state-reads.js';
import { closeStore } from './store-close.js';
import type { StoreContext } from './store-context.js';
import type { StoreWrites } from './store-writes.js';

/** The ProgressStore port over an open journaled store: reads from its state, writes through `writes`. */
export function storePort(
  store: StoreContext,
  writes: StoreWrites,
  snapshots: SnapshotSchedule,
  recovery: RecoveryWatch,
): ProgressStore {
  const { state, journal, now } = store;
  const port: Omit<ProgressStore, 'update'> = {
    ...stateReads(state, now),
    save: (progress, deliveryId) => writes.save(progress, deliveryId),
    record: (draft, progress) => writes.record(draft, progress),
    health() {
      const lastError = journal.failure ?? snapshots.failure;
      return lastError === undefined ? { writable: true } : { writable: false, lastError };
    },
    close: () => closeStore(store, snapshots, recovery),
  };
  return { ...port, update: atomicUpdate(port) };
}
