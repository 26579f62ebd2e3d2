import type { Progress, ProgressStore } from '../core/index.js';
import { pruneDeliveries } from './file-schema.js';

/** The in-memory twin of the file store: same contract, nothing on disk. For tests and experiments. */
export function createMemoryStore(now: () => number = Date.now): ProgressStore {
  const users = new Map<string, Progress>();
  const deliveries: Record<string, string> = {};
  return {
    async load(user) {
      const p = users.get(user);
      return p ? structuredClone(p) : undefined;
    },
    async save(progress, deliveryId) {
      users.set(progress.user, structuredClone(progress));
      if (deliveryId) {
        pruneDeliveries(deliveries, now());
        deliveries[deliveryId] = new Date(now()).toISOString();
      }
    },
    async seen(deliveryId) {
      return deliveryId in deliveries;
    },
    async all() {
      return [...users.values()].map((p) => structuredClone(p));
    },
    async close() {},
  } satisfies ProgressStore;
}
