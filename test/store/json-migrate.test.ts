import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { Progress, ProgressStore } from '../../src/core/index.js';
import { openStore } from '../../src/store/journal-store.js';
import { migrateJsonStore } from '../../src/store/postgres/json-migrate.js';
import { poolDb } from '../../src/store/postgres/pg-pool.js';
import { openPostgresStore } from '../../src/store/postgres/postgres-store.js';
import { makeTestBot } from '../helpers/bot.js';
import { type PgliteDb, pgliteDb } from '../helpers/pglite-db.js';
import { DATABASE_URL, freshDatabase, freshSchemaName, sayWhenNoServer } from '../helpers/postgres.js';
import { changeArb } from '../helpers/progress-arb.js';
import { runStoreCommand } from '../helpers/run-store-command.js';
import { admin, key, staff, walk } from '../helpers/staff.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs();

/**
 * A JSON store holding every kind of record the bot writes: people part-way, finished, muted, in
 * Chinese, asking for a person, moved to another flow (a shelved part), reviewed and undone by staff;
 * staff actions with and without a person (an export); delivery ids still in their time; and odd
 * records from the property tests' generator (time zones, reminders, cohorts).
 */
async function everyKindOfStore(file: string): Promise<{ users: number; audit: number }> {
  const store = await openStore(file);
  const tb = await makeTestBot({ store, admins: [staff] });
  await walk(tb, 'ann', 6);
  await admin(tb, 'admin approve ann');
  await admin(tb, 'admin undo A1');
  await walk(tb, 'bob', 2);
  await tb.bot.handle({ user: key('bob'), text: 'mute' });
  await tb.bot.handle({ user: key('cai'), text: 'lang zh-CN', deliveryId: 'Ev-cai-1' });
  await walk(tb, 'cai', 1);
  await tb.bot.handle({ user: key('dan'), text: 'start', deliveryId: 'Ev-dan-1' });
  await tb.bot.handle({ user: key('dan'), text: 'help' });
  await walk(tb, 'eve', 3);
  await admin(tb, 'admin move console:local:eve bank-account');
  await admin(tb, 'yes');
  await admin(tb, 'admin assign console:local:eve contract');
  await admin(tb, 'yes');
  await admin(tb, 'admin nudge bob');
  await admin(tb, 'admin export');
  const odd = fc.sample(changeArb, { numRuns: 40, seed: 16 }).flatMap(({ p }) => (p ? [p] : []));
  for (const p of odd) await store.save(p);
  const users = (await store.keys()).length;
  const audit = (await store.auditLog()).length;
  await store.close();
  return { users, audit };
}

/** Everything a store answers, for comparing two of them. */
async function answers(store: ProgressStore) {
  const byUser = (a: Progress, b: Progress) => (a.user < b.user ? -1 : 1);
  return {
    people: (await store.all()).sort(byUser),
    audit: await store.auditLog(),
    counts: await Promise.all(['reseller', 'contract'].map((f) => store.counts(f))),
    page: (await store.people({ flowId: 'reseller', started: true, total: true })).total,
    seen: await Promise.all(['Ev-cai-1', 'Ev-dan-1', 'Ev-never'].map((id) => store.seen(id))),
  };
}

let lite: PgliteDb | undefined;
afterAll(async () => lite?.close());

describe('moving a JSON store into PostgreSQL', () => {
  it('copies every kind of record, keeps staff action ids going, and a second run changes nothing', async () => {
    const file = join(await tempDir(), 'onboarding.json');
    const made = await everyKindOfStore(file);
    lite ??= await pgliteDb();
    const schema = freshSchemaName();
    const first = await migrateJsonStore(file, lite, schema);
    expect(first).toMatchObject({ people: made.users, added: made.users, audit: made.audit });
    expect(first.flows).toEqual(['contract', 'reseller']);
    const json = await openStore(file);
    const expected = await answers(json);
    await json.close();
    const pg = await openPostgresStore({ db: lite, schema });
    expect(await answers(pg)).toEqual(expected);
    expect(expected.seen).toEqual([true, true, false]);
    expect(expected.people.find((p) => p.user === key('eve'))?.shelved?.reseller).toBeDefined();
    const again = await migrateJsonStore(file, lite, schema);
    expect(again).toMatchObject({ people: made.users, added: 0, audit: made.audit });
    expect(await answers(pg)).toEqual(expected);
    // The next staff action continues the file's sequence.
    const next = await pg.record({ at: '2026-11-27T10:00:00.000Z', by: staff, action: 'export' });
    expect(next.id).toBe(`A${made.audit + 1}`);
    await pg.close();
  });

  it('never overwrites a record changed in PostgreSQL since, and says so', async () => {
    const file = join(await tempDir(), 'onboarding.json');
    await everyKindOfStore(file);
    lite ??= await pgliteDb();
    const schema = freshSchemaName();
    await migrateJsonStore(file, lite, schema);
    const pg = await openPostgresStore({ db: lite, schema });
    await pg.update(key('ann'), (p) => p && { ...p, current: 'company-info' });
    await expect(migrateJsonStore(file, lite, schema)).rejects.toThrow(
      /1 people have another record in PostgreSQL already .*console:local:ann/,
    );
    expect((await pg.load(key('ann')))?.current).toBe('company-info');
    await pg.close();
  });
});

sayWhenNoServer('npm run store:migrate');
const database = freshDatabase();

describe.skipIf(!DATABASE_URL)('npm run store:migrate', () => {
  it('moves the store as an operator runs it, and names what to fix when it cannot', async () => {
    const dir = await tempDir();
    const file = join(dir, 'onboarding.json');
    const made = await everyKindOfStore(file);
    const url = await database();
    const run = await runStoreCommand('store:migrate', file, file, { DATABASE_URL: url });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`${made.users} people (${made.users} new), ${made.audit} staff actions`);
    expect(run.stdout).toMatch(/counts of flows .*reseller.* match/);
    const db = poolDb(url);
    const pg = await openPostgresStore({ db });
    expect((await pg.keys()).length).toBe(made.users);
    await pg.close();
    await db.close();
    const unset = await runStoreCommand('store:migrate', file, file, { DATABASE_URL: '' });
    expect(unset.code).toBe(1);
    expect(unset.stderr).toContain('DATABASE_URL is not set');
    const down = await runStoreCommand('store:migrate', file, file, {
      DATABASE_URL: 'postgres://guidepost:s3cret-pw@127.0.0.1:1/nowhere',
    });
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/DATABASE_URL/);
    expect(down.stderr).not.toContain('s3cret-pw');
    expect(down.stderr).not.toMatch(/\n\s+at /);
  });
});
