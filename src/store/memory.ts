import { AuditEntrySchema, type ProgressStore } from '../core/index.js';
import { atomicUpdate } from './atomic-update.js';
import { StoreState } from './state.js';
import { stateReads } from './state-reads.js';

/**
 * The in-memory twin of the journaled store: the same state (records as JSON, delivery ids oldest
 * first), nothing on disk. For tests and experiments.
 */
export function createMemoryStore(now: () => number = Date.now): ProgressStore {
  const state = new StoreState();
  const port: Omit<ProgressStore, 'update'> = {
    ...stateReads(state, now),
    async save(progress, deliveryId) {
      const at = now();
      state.apply(progress, JSON.stringify(progress), deliveryId, at);
      if (deliveryId !== undefined) state.prune(at);
    },
    async record(draft, progress) {
      const entry = AuditEntrySchema.parse({ ...draft, id: state.audit.reserve() });
      if (progress) state.apply(progress, JSON.stringify(progress), undefined, now());
      state.audit.put(entry);
      return entry;
    },
    health: () => ({ writable: true }),
    async close() {},
  };
  return { ...port, update: atomicUpdate(port) };
}
