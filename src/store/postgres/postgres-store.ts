import { AsyncLocalStorage } from 'node:async_hooks';
import type { ProgressStore } from '../../core/index.js';
import { DELIVERY_TTL_MS } from '../file-schema.js';
import type { PgContext } from './context.js';
import { DatabaseErrors } from './database-errors.js';
import type { Db } from './db.js';
import { migrate } from './migrations.js';
import { postgresReads } from './reads.js';
import { schemaName } from './schema.js';
import { postgresWrites } from './writes.js';

export interface PostgresStoreOptions {
  db: Db;
  /** The schema the tables live in (created if missing); `guidepost` by default. */
  schema?: string;
  /** The store's clock (ms since the epoch), for delivery ids' ages and reminder leases. */
  now?: () => number;
  /** Closing the store also closes `db` (the store opened it). */
  ownsDb?: boolean;
}

/** A ProgressStore that several instances can share, with a check of the connection for /healthz. */
export interface PostgresStore extends ProgressStore {
  /** Whether the database answers now. */
  ping(): Promise<boolean>;
}

/** Every so often each instance forgets delivery ids past their time. */
const PRUNE_EVERY_MS = 10 * 60 * 1000;

/**
 * The store on PostgreSQL: one row per person (the record as JSONB and the columns the questions
 * read), one per person and flow for the funnels, delivery ids with their time, staff actions under a
 * sequence. The schema is migrated first (once, however many instances start together).
 */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<PostgresStore> {
  const { db } = options;
  const ctx: PgContext = {
    db,
    s: schemaName(options.schema),
    now: options.now ?? Date.now,
    errors: new DatabaseErrors(),
    ambient: new AsyncLocalStorage(),
  };
  await ctx.errors.reading(() => migrate(db, ctx.s));
  const prune = setInterval(() => {
    const before = ctx.now() - DELIVERY_TTL_MS;
    void db.query(`DELETE FROM ${ctx.s.table('deliveries')} WHERE at < $1`, [before]).catch(() => undefined);
  }, PRUNE_EVERY_MS);
  prune.unref();
  const { idle, ...writes } = postgresWrites(ctx);
  return {
    ...postgresReads(ctx),
    ...writes,
    health: () => ctx.errors.health(),
    ping: () =>
      db.query('SELECT 1').then(
        () => true,
        () => false,
      ),
    async close() {
      clearInterval(prune);
      await idle();
      if (options.ownsDb) await db.close();
    },
  };
}
