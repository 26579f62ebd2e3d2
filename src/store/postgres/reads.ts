import type { Progress, ProgressStore } from '../../core/index.js';
import { DELIVERY_TTL_MS } from '../file-schema.js';
import { queryAudit } from './audit-sql.js';
import { on, type PgContext } from './context.js';
import { flowCounts } from './counts-sql.js';
import type { Queryable } from './db.js';
import { peopleSql } from './people-sql.js';

type Reads = Pick<ProgressStore, 'load' | 'seen' | 'all' | 'keys' | 'counts' | 'people' | 'due' | 'auditLog'>;

/** Every read of the port, as SQL on the tables' indexes. */
export function postgresReads(ctx: PgContext): Reads {
  const { s, errors } = ctx;
  const read = <T>(fn: (q: Queryable) => Promise<T>) => errors.reading(() => fn(on(ctx)));
  return {
    async load(user) {
      const rows = await read((q) =>
        q.query<{ progress: Progress }>(
          `SELECT progress FROM ${s.table('people')} WHERE user_key = $1`,
          [user],
          `gp-load-${s.tag}`,
        ),
      );
      return rows[0]?.progress;
    },
    async seen(deliveryId) {
      const since = ctx.now() - DELIVERY_TTL_MS;
      const sql = `SELECT 1 FROM ${s.table('deliveries')} WHERE id = $1 AND at >= $2`;
      return (await read((q) => q.query(sql, [deliveryId, since]))).length > 0;
    },
    async all() {
      const sql = `SELECT progress FROM ${s.table('people')} ORDER BY user_key`;
      return (await read((q) => q.query<{ progress: Progress }>(sql))).map((r) => r.progress);
    },
    async keys() {
      const sql = `SELECT user_key FROM ${s.table('people')} ORDER BY user_key`;
      return (await read((q) => q.query<{ user_key: string }>(sql))).map((r) => r.user_key);
    },
    counts: (flowId) => read((q) => flowCounts(q, s, flowId)),
    people: (query) => read((q) => peoplePage(q, ctx, query)),
    async due(at, limit, claimForMs) {
      const rows = await read((q) =>
        claimForMs === undefined
          ? q.query<{ user_key: string }>(
              `SELECT user_key FROM ${s.table('people')} WHERE remind_at <= $1 ORDER BY remind_at, user_key LIMIT $2`,
              [at.getTime(), limit],
            )
          : claimDue(q, ctx, at.getTime(), limit, claimForMs),
      );
      return rows.map((r) => r.user_key);
    },
    auditLog: (query) => read((q) => queryAudit(q, s, query)),
  };
}

/** One page of a people query; one more row than the page is read, so `next` is there only when someone follows. */
async function peoplePage(q: Queryable, ctx: PgContext, query: Parameters<ProgressStore['people']>[0]) {
  // A macrotask first, as the memory stores do: a caller reading page after page (the export) never
  // keeps other events waiting, even on a database in this process (PGlite).
  await new Promise<void>((resolve) => setImmediate(resolve));
  const sql = peopleSql(ctx.s, query);
  const limit = Math.max(0, query.limit ?? 50);
  const offset = Math.max(0, query.offset ?? 0);
  const [rows, total] = await Promise.all([
    q.query<{ progress: Progress }>(
      `SELECT p.progress FROM ${sql.from} WHERE ${sql.where} ORDER BY ${sql.order} OFFSET ${offset} LIMIT ${limit + 1}`,
      sql.values,
    ),
    query.total === true
      ? q.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql.from} WHERE ${sql.where}`, sql.values)
      : undefined,
  ]);
  const people = rows.slice(0, limit).map((r) => r.progress);
  const last = people.at(-1);
  if (total) return { people, total: total[0]?.n ?? 0 };
  return rows.length > people.length && last ? { people, next: last.user } : { people };
}

/**
 * Due people for this instance's sweep: rows nobody is changing now (SKIP LOCKED) and no other instance
 * holds a lease on, leased to this one for `forMs`. A lease ends with the person's next write; an
 * instance that dies mid-batch leaves its leases to run out, and another takes them up.
 */
async function claimDue(q: Queryable, ctx: PgContext, at: number, limit: number, forMs: number) {
  const clock = ctx.now();
  const rows = await q.query<{ user_key: string; remind_at: string }>(
    `UPDATE ${ctx.s.table('people')} SET lease_until = $3 WHERE user_key IN (
       SELECT user_key FROM ${ctx.s.table('people')}
       WHERE remind_at <= $1 AND (lease_until IS NULL OR lease_until <= $4)
       ORDER BY remind_at, user_key LIMIT $2 FOR UPDATE SKIP LOCKED)
     RETURNING user_key, remind_at::text`,
    [at, limit, clock + forMs, clock],
  );
  return rows.sort((a, b) => Number(a.remind_at) - Number(b.remind_at) || (a.user_key < b.user_key ? -1 : 1));
}
