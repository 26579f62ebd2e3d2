import { describe } from 'vitest';
import {
  DATABASE_URL,
  postgresUnderTest,
  sayWhenNoServer,
  serverDb,
  withPureUpdates,
} from '../helpers/postgres.js';
import { storeContract } from './contract.js';

// The contract on the PostgreSQL server in DATABASE_URL, each store in a schema of its own; again with
// every update pure, so on the path that makes several people's changes in one transaction.
sayWhenNoServer('the store contract on PostgreSQL');
const server = serverDb();

describe.skipIf(!DATABASE_URL)('the store contract on the PostgreSQL server', () => {
  storeContract('postgres (server)', () => postgresUnderTest(server.db(), server.schema()), {
    restarts: true,
  });
  storeContract(
    'postgres (server, pure changes batched)',
    () => withPureUpdates(postgresUnderTest(server.db(), server.schema())),
    { restarts: true },
  );
});
