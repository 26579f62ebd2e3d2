import { openPostgresStore } from '../../src/store/postgres/postgres-store.js';
import { DATABASE_URL, sayWhenNoServer, serverDb } from '../helpers/postgres.js';
import { storeContract } from './contract.js';

// The contract on the PostgreSQL server in DATABASE_URL, each store in a schema of its own.
sayWhenNoServer('the store contract on PostgreSQL');
const server = serverDb();

if (DATABASE_URL)
  storeContract(
    'postgres (server)',
    async () => {
      let now = Date.parse('2026-11-27T10:00:00Z');
      const clock = () => now;
      const schema = server.schema();
      const open = () => openPostgresStore({ db: server.db(), schema, now: clock });
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
