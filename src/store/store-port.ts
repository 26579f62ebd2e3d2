import type { ProgressStore } from '../core/index.js';
import { peopleQueries } from './people-queries.js';
import type { RecoveryWatch } from './recovery-watch.js';
import type { SnapshotSchedule } from './snapshot-schedule.js';
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
  const read = (user: string) => {
    const json = state.text(user);
    return json === undefined ? undefined : JSON.parse(json);
  };
  return {
    ...peopleQueries(() => state.people, read),
    async load(user) {
      return read(user);
    },
    save: (progress, deliveryId) => writes.save(progress, deliveryId),
    record: (draft, progress) => writes.record(draft, progress),
    async auditLog(query) {
      return state.audit.query(query);
    },
    async seen(deliveryId) {
      return state.seen(deliveryId, now());
    },
    async all() {
      return [...state.users.values()].map((bytes) => JSON.parse(bytes.toString('utf8')));
    },
    health() {
      const lastError = journal.failure ?? snapshots.failure;
      return lastError === undefined ? { writable: true } : { writable: false, lastError };
    },
    close: () => closeStore(store, snapshots, recovery),
  } satisfies ProgressStore;
}
