import { randomBytes } from 'node:crypto';
import { afterAll } from 'vitest';
import type { ProgressChange, ProgressStore, UpdateOptions } from '../../src/core/index.js';
import type { Db } from '../../src/store/postgres/db.js';
import { poolDb } from '../../src/store/postgres/pg-pool.js';
import { openPostgresStore } from '../../src/store/postgres/postgres-store.js';
import type { StoreUnderTest } from '../store/contract.js';

/** The PostgreSQL server the tests may use: DATABASE_URL (`.ci/run` sets it to a database of its own). */
export const DATABASE_URL = process.env.DATABASE_URL;

/** Said once by a test file that needs the server when there is none; its tests are then skipped. */
export function sayWhenNoServer(what: string): void {
  if (!DATABASE_URL) console.log(`skipped: ${what} needs a PostgreSQL server: set DATABASE_URL`);
}

/** A schema name nobody else uses, for one store's tables. */
export const freshSchemaName = (): string => `t_${randomBytes(6).toString('hex')}`;

/** A pool on the test server for this file; its schemas are dropped and the pool closed after the file. */
export function serverDb(): { db: () => Db; schema: () => string } {
  let db: Db | undefined;
  const made: string[] = [];
  afterAll(async () => {
    if (!db) return;
    for (const s of made) await db.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
    await db.close();
  });
  return {
    db: () => {
      db ??= poolDb(DATABASE_URL as string);
      return db;
    },
    schema: () => {
      const s = freshSchemaName();
      made.push(s);
      return s;
    },
  };
}

/**
 * A database of its own on the test server (for what runs the bot's own processes, which use the
 * default schema), dropped after the file: its address, from DATABASE_URL with the database swapped.
 */
export function freshDatabase(): () => Promise<string> {
  const admin = serverDb();
  const made: string[] = [];
  afterAll(async () => {
    for (const name of made) await admin.db().query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });
  return async () => {
    const name = freshSchemaName();
    await admin.db().query(`CREATE DATABASE "${name}"`);
    made.push(name);
    const url = new URL(DATABASE_URL as string);
    url.pathname = `/${name}`;
    return url.toString();
  };
}

/** The PostgreSQL store on `db` in `schema`, on a clock the contract moves, reopened on the same tables. */
export async function postgresUnderTest(db: Db, schema: string): Promise<StoreUnderTest> {
  let now = Date.parse('2026-11-27T10:00:00Z');
  const open = () => openPostgresStore({ db, schema, now: () => now });
  let store = await open();
  return {
    store,
    reopen: async () => {
      await store.close();
      store = await open();
      return store;
    },
    advance: (ms) => {
      now += ms;
    },
  };
}

/**
 * The same store with every update marked pure (as a person's own event is), so the contract runs on
 * the batched path: several people's changes in one transaction.
 */
export async function withPureUpdates(sut: Promise<StoreUnderTest>): Promise<StoreUnderTest> {
  const pure = (store: ProgressStore): ProgressStore =>
    Object.assign(Object.create(store) as ProgressStore, {
      update: (user: string, change: ProgressChange, options: UpdateOptions = {}) =>
        store.update(user, change, { ...options, pure: true }),
    });
  const { store, reopen, advance } = await sut;
  return {
    store: pure(store),
    advance,
    ...(reopen ? { reopen: async () => pure(await reopen()) } : {}),
  };
}
