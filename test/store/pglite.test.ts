import { afterAll } from 'vitest';
import { type PgliteDb, pgliteDb } from '../helpers/pglite-db.js';
import { freshSchemaName, postgresUnderTest, withPureUpdates } from '../helpers/postgres.js';
import { storeContract } from './contract.js';

// The same PostgreSQL store on PGlite (PostgreSQL in this process): runs on a machine without a server.
let db: PgliteDb | undefined;
afterAll(async () => db?.close());

const underTest = async () => {
  db ??= await pgliteDb();
  return postgresUnderTest(db, freshSchemaName());
};

storeContract('postgres (PGlite)', underTest, { restarts: true });
storeContract('postgres (PGlite, pure changes batched)', () => withPureUpdates(underTest()), {
  restarts: true,
});
