import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Progress } from '../core/index.js';
import { personFacts } from '../core/people-query.js';
import { AuditLog } from './audit-log.js';
import { DeliveryIds } from './delivery-ids.js';
import { DELIVERY_TTL_MS } from './file-schema.js';
import { PeopleIndex } from './people-index.js';
import { Records } from './records.js';

/**
 * What the store holds in memory: each person's progress as its JSON in UTF-8 bytes (about 600 bytes,
 * far smaller than the parsed objects, copied for free by JSON.parse on load and written to the
 * snapshot as they are), and each delivery id with the time it was handled (off the heap too). The bytes
 * live outside the JavaScript heap, so at 100,000 people the garbage collector has little to mark and
 * nothing big to move: its pauses stay short.
 */
export class StoreState {
  readonly users = new Records();
  readonly deliveries = new DeliveryIds({ generationSpanMs: DELIVERY_TTL_MS / 4 });
  /** Staff actions, kept apart from the records they concern. */
  readonly audit = new AuditLog();
  /** Counts, step pages and reminder times over everyone, kept as records change. */
  people = new PeopleIndex();
  /** Resolves once every record is in the index (at once, unless the state was loading). */
  indexed: Promise<void> = Promise.resolve();
  /** While files load, records wait for `indexInBackground` instead of entering the index one by one. */
  #deferFacts: boolean;
  #stopped = false;

  readonly #onRead: ((progress: Progress) => void) | undefined;

  /**
   * `loading`: records are about to be read from files; they enter the index afterwards, and `onRead`
   * is told of each one read meanwhile.
   */
  constructor(options: { loading?: boolean; onRead?: (progress: Progress) => void } = {}) {
    this.#deferFacts = options.loading === true;
    this.#onRead = options.onRead;
  }

  /**
   * Ends loading: changes from now on enter the index at once, and everyone loaded enters it a slice at
   * a time (about 8 ms each), so the store is ready to save without waiting for it; questions about many
   * people wait for `indexed`. At 100,000 people this takes about a second that start-up no longer does.
   */
  indexInBackground(): Promise<void> {
    this.#deferFacts = false;
    this.indexed = this.#indexAll();
    return this.indexed;
  }

  /** Stops a background indexing (the store is closing). */
  stopIndexing(): void {
    this.#stopped = true;
  }

  async #indexAll(): Promise<void> {
    const users = [...this.users.keys()];
    let sliceStart = performance.now();
    for (const user of users) {
      if (this.#stopped) return;
      // Someone saved since loading is already in, with their newer record.
      const text = this.people.facts(user) === undefined ? this.text(user) : undefined;
      if (text !== undefined) this.people.set(user, personFacts(JSON.parse(text)));
      if (performance.now() - sliceStart > 8) {
        await nextTurn();
        sliceStart = performance.now();
      }
    }
  }

  /** One person's progress JSON, or undefined. */
  text(user: string): string | undefined {
    return this.users.text(user);
  }

  /** Takes in one person's new progress (and its JSON, which is what is kept). */
  apply(progress: Progress, progressJson: string, deliveryId: string | undefined, at: number): void {
    this.users.set(progress.user, progressJson);
    if (!this.#deferFacts) this.people.set(progress.user, personFacts(progress));
    else this.#onRead?.(progress);
    if (deliveryId !== undefined) this.deliveries.add(deliveryId, at);
  }

  /**
   * A record read from a file (snapshot or journal): kept as its text, unless it still carries its own
   * audit entries from before the store kept the log, which move into the log first.
   */
  load(progress: Progress, text: string, deliveryId: string | undefined, at: number): void {
    const own = this.audit.adopt(progress);
    this.apply(own, own === progress ? text : JSON.stringify(own), deliveryId, at);
  }

  /** Forgets everything (before a file is read again). */
  clear(): void {
    this.users.clear();
    this.deliveries.clear();
    this.audit.clear();
    this.people = new PeopleIndex();
  }

  seen(deliveryId: string, now: number): boolean {
    const at = this.deliveries.at(deliveryId);
    return at !== undefined && now - at <= DELIVERY_TTL_MS;
  }

  /** Forgets delivery ids older than the TTL (cheap: whole generations of them at a time). */
  prune(now: number): void {
    this.deliveries.forgetUpTo(now - DELIVERY_TTL_MS);
  }
}
