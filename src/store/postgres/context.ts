import type { AsyncLocalStorage } from 'node:async_hooks';
import type { DatabaseErrors } from './database-errors.js';
import type { Db, Queryable } from './db.js';
import type { SchemaName } from './schema.js';

/** What the PostgreSQL store's reads and writes share. */
export interface PgContext {
  db: Db;
  s: SchemaName;
  now: () => number;
  errors: DatabaseErrors;
  /** The transaction of the change running in this async context, if any. */
  ambient: AsyncLocalStorage<Queryable>;
}

/** Where a query runs: inside the change that called it (it sees its own writes), else on the pool. */
export const on = (ctx: PgContext): Queryable => ctx.ambient.getStore() ?? ctx.db;
