import { DELIVERY_TTL_MS } from './file-schema.js';

/**
 * What the store holds in memory: each person's progress as its JSON text (about 600 bytes, far
 * smaller than the parsed objects, copied for free by JSON.parse on load and written to the snapshot
 * as it is), and each delivery id with the time it was handled, oldest first.
 */
export class StoreState {
  readonly users = new Map<string, string>();
  readonly deliveries = new Map<string, number>();

  apply(user: string, progressJson: string, deliveryId: string | undefined, at: number): void {
    this.users.set(user, progressJson);
    if (deliveryId !== undefined && !this.deliveries.has(deliveryId)) this.deliveries.set(deliveryId, at);
  }

  seen(deliveryId: string, now: number): boolean {
    const at = this.deliveries.get(deliveryId);
    return at !== undefined && now - at <= DELIVERY_TTL_MS;
  }

  /** Forgets delivery ids older than the TTL, oldest first (cheap: stops at the first one to keep). */
  prune(now: number): void {
    for (const [id, at] of this.deliveries) {
      if (now - at <= DELIVERY_TTL_MS) break;
      this.deliveries.delete(id);
    }
  }
}
