import { createKeyedQueue, type ProgressStore } from '../core/index.js';

/**
 * `update` for a store that lives in one process: a queue per person makes each read-modify-write run
 * on the record the previous one saved, and a delivery id is checked inside that queue, so a repeat that
 * arrives while the first is being saved waits for it and then finds it claimed.
 */
export function atomicUpdate(store: Pick<ProgressStore, 'load' | 'save' | 'seen'>): ProgressStore['update'] {
  const queue = createKeyedQueue();
  return (user, change, options = {}) =>
    queue.run(user, async () => {
      const { deliveryId } = options;
      if (deliveryId !== undefined && (await store.seen(deliveryId))) return { duplicate: true };
      const current = await store.load(user);
      const next = await change(current);
      const kept = next ?? current;
      // Nothing changed: the delivery id is still claimed, with the record as it is, when there is one.
      if (kept && (next !== undefined || deliveryId !== undefined)) await store.save(kept, deliveryId);
      return kept ? { duplicate: false, progress: kept } : { duplicate: false };
    });
}
