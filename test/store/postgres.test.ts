import { DATABASE_URL, postgresUnderTest, sayWhenNoServer, serverDb } from '../helpers/postgres.js';
import { storeContract } from './contract.js';

// The contract on the PostgreSQL server in DATABASE_URL, each store in a schema of its own.
sayWhenNoServer('the store contract on PostgreSQL');
const server = serverDb();

if (DATABASE_URL)
  storeContract('postgres (server)', () => postgresUnderTest(server.db(), server.schema()), {
    restarts: true,
  });
