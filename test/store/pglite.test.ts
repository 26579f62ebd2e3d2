import { afterAll } from 'vitest';
import { openPostgresStore } from '../../src/store/postgres/postgres-store.js';
import { type PgliteDb, pgliteDb } from '../helpers/pglite-db.js';
import { freshSchemaName } from '../helpers/postgres.js';
import { storeContract } from './contract.js';

// The same PostgreSQL store on PGlite (PostgreSQL in this process): runs on a machine without a server.
let db: PgliteDb | undefined;
afterAll(async () => db?.close());

storeContract(
  'postgres (PGlite)',
  async () => {
    db ??= await pgliteDb();
    let now = Date.parse('2026-11-27T10:00:00Z');
    const schema = freshSchemaName();
    const open = () => openPostgresStore({ db: db as PgliteDb, schema, now: () => now });
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
  },
  { restarts: true },
);
