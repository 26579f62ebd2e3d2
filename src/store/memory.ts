import { AuditEntrySchema, type ProgressStore } from '../core/index.js';
import { peopleQueries } from './people-queries.js';
import { StoreState } from './state.js';

/**
 * The in-memory twin of the journaled store: the same state (records as JSON, delivery ids oldest
 * first), nothing on disk. For tests and experiments.
 */
export function createMemoryStore(now: () => number = Date.now): ProgressStore {
  const state = new StoreState();
  const read = (user: string) => {
    const json = state.text(user);
    return json === undefined ? undefined : JSON.parse(json);
  };
  return {
    ...peopleQueries(() => state.people, read),
    async load(user) {
      const json = state.text(user);
      return json === undefined ? undefined : JSON.parse(json);
    },
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
    async auditLog(query) {
      return state.audit.query(query);
    },
    async seen(deliveryId) {
      return state.seen(deliveryId, now());
    },
    async all() {
      return [...state.users.values()].map((bytes) => JSON.parse(bytes.toString('utf8')));
    },
    health: () => ({ writable: true }),
    async close() {},
  } satisfies ProgressStore;
}
