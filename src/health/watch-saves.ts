import type { ProgressStore } from '../core/index.js';
import type { StoreFacts } from './report.js';

/**
 * The store with its writes watched: `lastSave()` is the outcome of the latest `save` or `record`.
 * Everything else passes through untouched.
 */
export function watchSaves(store: ProgressStore): {
  store: ProgressStore;
  lastSave: () => StoreFacts['lastSave'];
} {
  let outcome: StoreFacts['lastSave'] = 'none';
  const watched =
    <A extends unknown[], R>(write: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        const result = await write(...args);
        outcome = 'ok';
        return result;
      } catch (error) {
        outcome = 'failed';
        throw error;
      }
    };
  const wrapped: ProgressStore = {
    load: (user) => store.load(user),
    save: watched((progress, deliveryId) => store.save(progress, deliveryId)),
    record: watched((draft, progress) => store.record(draft, progress)),
    auditLog: (query) => store.auditLog(query),
    seen: (deliveryId) => store.seen(deliveryId),
    all: () => store.all(),
    health: () => store.health(),
    close: () => store.close(),
  };
  return { store: wrapped, lastSave: () => outcome };
}
