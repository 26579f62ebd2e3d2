import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { type Progress, StoreWriteError } from '../../src/core/index.js';
import type { Db } from '../../src/store/postgres/db.js';
import { inline } from '../../src/store/postgres/pg-pool.js';
import { openPostgresStore } from '../../src/store/postgres/postgres-store.js';
import { type PgliteDb, pgliteDb } from '../helpers/pglite-db.js';
import { freshSchemaName } from '../helpers/postgres.js';
import { progressFor } from './contract.js';

// A person's own events (pure changes) are made several people at a time: what each person sees must
// be what a change of their own would give, whatever else is in the batch. On PGlite: runs anywhere.
let pglite: PgliteDb | undefined;
afterAll(async () => pglite?.close());

/**
 * The store on a fresh schema, with the number of transactions its changes took. Each transaction
 * first waits for `gate`, when given.
 */
async function batchedStore(gate?: Promise<void>) {
  pglite ??= await pgliteDb();
  const db = pglite;
  let changes = 0;
  const counted: Db = {
    ...db,
    change: async (first, fn) => {
      changes++;
      await gate;
      return db.change(first, fn);
    },
  };
  const store = await openPostgresStore({ db: counted, schema: freshSchemaName() });
  return { store, transactions: () => changes };
}

/** Their record (a new one for someone not stored yet) with `item` ticked. */
const tick = (item: string, user: string) => (p: Progress | undefined) => {
  const base = p ?? progressFor(user);
  const step = base.steps.register ?? {};
  return { ...base, steps: { register: { ...step, ticked: [...(step.ticked ?? []), item] } } };
};
const ticked = (p: Progress | undefined) => p?.steps.register?.ticked ?? [];
const users = (n: number) => Array.from({ length: n }, (_, i) => `slack:T1:U${String(i).padStart(3, '0')}`);

describe('pure changes of many people at once (PostgreSQL, batched)', () => {
  it('keeps each person’s change, in far fewer transactions than events', async () => {
    const { store, transactions } = await batchedStore();
    const people = users(120);
    for (const user of people.slice(0, 60)) await store.save(progressFor(user));
    const before = transactions();
    const results = await Promise.all(
      people.map((user) => store.update(user, tick(user, user), { pure: true })),
    );
    expect(results.every((r) => !r.duplicate && ticked(r.progress).includes(r.progress?.user ?? '?'))).toBe(
      true,
    );
    for (const user of people) expect(ticked(await store.load(user))).toEqual([user]);
    // Half of them new: the first event of a person not stored yet is made in a batch too.
    expect((await store.counts('reseller')).started).toBe(120);
    expect(transactions() - before).toBeLessThan(20);
    await store.close();
  });

  it('answers a repeat of a handled delivery as a repeat, and claims the new ones, in the same batch', async () => {
    const { store } = await batchedStore();
    const people = users(30);
    await store.update(people[0] as string, tick('first', people[0] as string), {
      deliveryId: 'Ev-0',
      pure: true,
    });
    let calls = 0;
    const results = await Promise.all(
      people.map((user, i) =>
        store.update(
          user,
          (p) => {
            calls++;
            return tick('again', user)(p);
          },
          { deliveryId: `Ev-${i}`, pure: true },
        ),
      ),
    );
    expect(results[0]).toEqual({ duplicate: true });
    expect(results.slice(1).every((r) => !r.duplicate)).toBe(true);
    expect(calls).toBe(29);
    expect(ticked(await store.load(people[0] as string))).toEqual(['first']);
    for (let i = 1; i < 30; i++) expect(await store.seen(`Ev-${i}`)).toBe(true);
    await store.close();
  });

  it('fails only the change that throws; the others in its batch are kept', async () => {
    const { store } = await batchedStore();
    const people = users(20);
    const outcomes = await Promise.allSettled(
      people.map((user, i) =>
        store.update(
          user,
          (p) => {
            if (i === 7) throw new RangeError('this one is broken');
            return tick('kept', user)(p);
          },
          { deliveryId: `Ev-${user}`, pure: true },
        ),
      ),
    );
    expect(outcomes.filter((o) => o.status === 'rejected').map((o) => String(o.reason))).toEqual([
      'RangeError: this one is broken',
    ]);
    expect(await store.load(people[7] as string)).toBeUndefined();
    // Its delivery was not claimed: the platform's retry of it is handled.
    expect(await store.seen(`Ev-${people[7]}`)).toBe(false);
    for (const [i, user] of people.entries())
      if (i !== 7) expect(ticked(await store.load(user))).toEqual(['kept']);
    await store.close();
  });

  it('fails only the event whose record the database refuses; the rest of its batch is saved', async () => {
    const { store } = await batchedStore();
    const people = users(20);
    const outcomes = await Promise.allSettled(
      people.map((user, i) =>
        // PostgreSQL's jsonb takes no NUL character: this record cannot be stored.
        store.update(user, tick(i === 3 ? 'bad\u0000' : 'good', user), { pure: true }),
      ),
    );
    const failed = outcomes.flatMap((o, i) => (o.status === 'rejected' ? [[i, o.reason]] : []));
    expect(failed.map(([i]) => i)).toEqual([3]);
    expect(failed[0]?.[1]).toBeInstanceOf(StoreWriteError);
    for (const [i, user] of people.entries())
      expect(ticked(await store.load(user))).toEqual(i === 3 ? [] : ['good']);
    expect(store.health().writable).toBe(true);
    await store.close();
  });

  it('lets events that trickle in while a batch runs wait for it and go in together', async () => {
    let open = () => {};
    const { store, transactions } = await batchedStore(new Promise((resolve) => (open = resolve)));
    const people = users(6);
    const made = [store.update(people[0] as string, tick('one', people[0] as string), { pure: true })];
    while (transactions() === 0) await new Promise((turn) => setImmediate(turn));
    // While the first one's batch runs, one event a loop turn, as a steady rate brings them.
    for (const user of people.slice(1)) {
      made.push(store.update(user, tick('one', user), { pure: true }));
      await new Promise((turn) => setImmediate(turn));
    }
    open();
    await Promise.all(made);
    for (const user of people) expect(ticked(await store.load(user))).toEqual(['one']);
    // Not a transaction each, nor a second batch of one beside the first.
    expect(transactions()).toBe(2);
    await store.close();
  });
});

describe('values written inline into a statement', () => {
  it('reach the database exactly as they were, quotes and backslashes included', async () => {
    pglite ??= await pgliteDb();
    const db = pglite;
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'binary' }).map((s) => s.replaceAll('\u0000', '')),
        fc.constantFrom("'", '\\', "\\'", "''\\\\", "E'\\x41'", '$1'),
        async (text, tricky) => {
          const value = `${text}${tricky}${text}`;
          const [row] = await db.query<{ v: string }>(
            `SELECT ${inline({ text: '$1::text', values: [value] })} AS v`,
          );
          expect(row?.v).toBe(value);
        },
      ),
      { numRuns: 200 },
    );
  });
});
