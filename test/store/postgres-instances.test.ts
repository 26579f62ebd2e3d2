import { describe, expect, it } from 'vitest';
import { type Progress, StoreWriteError } from '../../src/core/index.js';
import { poolDb } from '../../src/store/postgres/pg-pool.js';
import { openPostgresStore, type PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { DATABASE_URL, sayWhenNoServer, serverDb } from '../helpers/postgres.js';
import { progressFor } from './contract.js';

// Several instances on one database, each a store on a pool of its own: what one person's changes,
// one delivery and one reminder sweep look like when they reach more than one of them.
sayWhenNoServer('the several-instances store tests');
const server = serverDb();

/** `n` instances on one fresh schema, sharing a clock the test moves. */
async function instances(n: number) {
  const schema = server.schema();
  let now = Date.parse('2026-11-27T10:00:00Z');
  const pools = Array.from({ length: n }, (_, i) =>
    poolDb(DATABASE_URL as string, {
      max: 4,
      applicationName: `${schema}-${i}`,
      onIdleError: () => undefined,
    }),
  );
  const stores = await Promise.all(
    pools.map((db) => openPostgresStore({ db, schema, now: () => now, ownsDb: true })),
  );
  return {
    stores,
    schema,
    /** Ends instance `i`'s connections from the server's side, as when its process is killed. */
    kill: (i: number) =>
      server
        .db()
        .query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [
          `${schema}-${i}`,
        ]),
    advance: (ms: number) => {
      now += ms;
    },
    close: () => Promise.all(stores.map((s) => s.close())),
  };
}

const tick = (item: string) => (p: Progress | undefined) => {
  const step = p?.steps.register ?? {};
  return { ...(p as Progress), steps: { register: { ...step, ticked: [...(step.ticked ?? []), item] } } };
};

const ticked = (p: Progress | undefined) => p?.steps.register?.ticked ?? [];

describe.skipIf(!DATABASE_URL)('several instances on one PostgreSQL database', () => {
  it('start together and migrate the schema once', async () => {
    // Without the advisory lock two of them would each try to create the same tables, and fail.
    const { stores, schema, close } = await instances(3);
    const applied = await server.db().query(`SELECT version FROM "${schema}".migrations ORDER BY version`);
    expect(applied).toEqual([{ version: 1 }, { version: 2 }]);
    await stores[0]?.save(progressFor('slack:T1:U1'));
    expect((await stores[2]?.load('slack:T1:U1'))?.current).toBe('register');
    await close();
  });

  it('keep every change of one person made on several instances at once, each on the last one', async () => {
    const { stores, close } = await instances(3);
    const user = 'slack:T1:U1';
    await stores[0]?.save(progressFor(user));
    const items = Array.from({ length: 45 }, (_, i) => `item-${i}`);
    await Promise.all(items.map((item, i) => (stores[i % 3] as PostgresStore).update(user, tick(item))));
    const ticked = (await stores[1]?.load(user))?.steps.register?.ticked ?? [];
    expect([...ticked].sort()).toEqual([...items].sort());
    await close();
  });

  it('make people’s own events in batches on three instances at once: every change kept, each delivery once', async () => {
    const { stores, close } = await instances(3);
    const people = Array.from({ length: 40 }, (_, i) => `slack:T1:B${String(i).padStart(2, '0')}`);
    const events = people.flatMap((user) =>
      Array.from({ length: 5 }, (_, k) => ({ user, item: `${user}#${k}` })),
    );
    // Each event reaches two of the three instances (as a Discord interaction reaches every one).
    const results = await Promise.all(
      events.flatMap(({ user, item }, i) =>
        [i % 3, (i + 1) % 3].map((at) =>
          (stores[at] as PostgresStore).update(user, (p) => tick(item)(p ?? progressFor(user)), {
            deliveryId: item,
            pure: true,
          }),
        ),
      ),
    );
    expect(results.filter((r) => r.duplicate)).toHaveLength(events.length);
    for (const user of people) {
      const mine = events.filter((e) => e.user === user).map((e) => e.item);
      expect([...ticked(await stores[2]?.load(user))].sort()).toEqual(mine);
    }
    await close();
  });

  it('handle a delivery that reaches several instances once; the others are told it is a repeat', async () => {
    const { stores, close } = await instances(3);
    const user = 'discord:G1:U7';
    let calls = 0;
    const results = await Promise.all(
      stores.map((store) =>
        store.update(
          user,
          async (p) => {
            calls += 1;
            await new Promise((r) => setTimeout(r, 20));
            return tick('once')(p ?? progressFor(user));
          },
          { deliveryId: 'interaction-1' },
        ),
      ),
    );
    expect(calls).toBe(1);
    expect(results.filter((r) => r.duplicate)).toHaveLength(2);
    expect((await stores[0]?.load(user))?.steps.register?.ticked).toEqual(['once']);
    await close();
  });

  it('share out due people between sweeps, and hand on a dead sweep’s batch once its lease ends', async () => {
    const { stores, advance, close } = await instances(2);
    const [a, b] = stores as [PostgresStore, PostgresStore];
    const users = Array.from({ length: 30 }, (_, i) => `slack:T1:U${String(i).padStart(2, '0')}`);
    for (const user of users) await a.save({ ...progressFor(user), remindAt: '2026-11-27T09:00:00.000Z' });
    const now = new Date('2026-11-27T10:00:00Z');
    const [mine, theirs] = await Promise.all([a.due(now, 20, 60_000), b.due(now, 20, 60_000)]);
    expect(mine.filter((u) => theirs.includes(u))).toEqual([]);
    expect([...mine, ...theirs].sort()).toEqual(users);
    // A sweep that handled a person writes their record: the lease ends with it. The rest of b's batch
    // (b died) stays with b until the lease runs out, then a takes it.
    await b.update(theirs[0] as string, (p) => p && { ...p, remindAt: '2026-11-28T09:00:00.000Z' });
    expect(await a.due(now, 50, 60_000)).toEqual([]);
    advance(61_000);
    expect((await a.due(now, 50, 60_000)).sort()).toEqual([...mine, ...theirs.slice(1)].sort());
    await close();
  });

  it('lose nothing when an instance dies mid-change: its change is rolled back, the next one goes on', async () => {
    const { stores, kill, close } = await instances(2);
    const [a, b] = stores as [PostgresStore, PostgresStore];
    const user = 'slack:T1:U9';
    await a.save(progressFor(user));
    let entered: () => void = () => undefined;
    const inChange = new Promise<void>((r) => {
      entered = r;
    });
    let carryOn: () => void = () => undefined;
    const dying = a
      .update(user, async (p) => {
        entered();
        await new Promise<void>((r) => {
          carryOn = r;
        });
        return tick('from the dead one')(p);
      })
      .catch((error: unknown) => error);
    await inChange;
    const waiting = b.update(user, tick('from the live one'));
    // The dead instance's connections go, as when its process is killed: the server ends its transaction.
    await kill(0);
    await waiting;
    carryOn();
    expect(await dying).toBeInstanceOf(StoreWriteError);
    expect((await b.load(user))?.steps.register?.ticked).toEqual(['from the live one']);
    await close();
  });
});
