/**
 * The PostgreSQL side of `npm run bench -- --store postgres`: a database of the bench's own on the
 * server BENCH_DATABASE_URL or DATABASE_URL names (the local server's `test` database by default),
 * created at the start and dropped at the end, and what the server did meanwhile (commits, WAL
 * flushes, the CPU of this database's connections and of the WAL writer).
 */
import { readFileSync } from 'node:fs';
import pg from 'pg';

const ADMIN_URL =
  process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** The admin URL with another database in it. */
const urlOf = (database: string): string => {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
};

async function admin<T>(fn: (client: pg.Client) => Promise<T>, url = ADMIN_URL): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** CREATE DATABASE guidepost_bench_<pid>: its URL, and a drop for the end. */
export async function benchDatabase(): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `guidepost_bench_${process.pid}`;
  await admin(async (c) => {
    await c.query(`CREATE DATABASE ${name}`);
    // Its connections time their WAL flushes (pg_stat_wal's wal_sync_time).
    await c.query(`ALTER DATABASE ${name} SET track_wal_io_timing = on`);
  });
  return {
    url: urlOf(name),
    name,
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/** The server's cumulative counters, and the CPU seconds so far of each process that matters. */
export interface ServerReading {
  commits: number;
  walSyncs: number;
  walSyncMs: number;
  walBytes: number;
  /** This database's connections and the WAL writer, by pid (from /proc, where the server runs here). */
  cpu: Map<number, { s: number; walWriter: boolean }>;
}

const TICKS = 100;
const cpuS = (pid: number): number => {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / TICKS;
  } catch {
    return 0;
  }
};

/** Reads pg_stat_database (this database's commits), pg_stat_wal (the whole server's) and /proc. */
export function readServer(database: string): Promise<ServerReading> {
  return admin(async (c) => {
    const db = await c.query<{ commits: string }>(
      'SELECT xact_commit::text AS commits FROM pg_stat_database WHERE datname = $1',
      [database],
    );
    const wal = await c.query<{ syncs: string; ms: number; bytes: string }>(
      'SELECT wal_sync::text AS syncs, wal_sync_time AS ms, wal_bytes::text AS bytes FROM pg_stat_wal',
    );
    const procs = await c.query<{ pid: number; wal: boolean }>(
      `SELECT pid, backend_type = 'walwriter' AS wal FROM pg_stat_activity
       WHERE (datname = $1 AND pid <> pg_backend_pid()) OR backend_type = 'walwriter'`,
      [database],
    );
    return {
      commits: Number(db.rows[0]?.commits ?? 0),
      walSyncs: Number(wal.rows[0]?.syncs ?? 0),
      walSyncMs: Number(wal.rows[0]?.ms ?? 0),
      walBytes: Number(wal.rows[0]?.bytes ?? 0),
      cpu: new Map(procs.rows.map((p) => [p.pid, { s: cpuS(p.pid), walWriter: p.wal }])),
    };
  });
}

/** What the server did between two readings: commits, WAL flushes and bytes, CPU seconds. */
export function serverWork(before: ServerReading, after: ServerReading) {
  let backendCpuS = 0;
  let walWriterCpuS = 0;
  for (const [pid, { s, walWriter }] of after.cpu) {
    const spent = s - (before.cpu.get(pid)?.s ?? 0);
    if (walWriter) walWriterCpuS += spent;
    else backendCpuS += spent;
  }
  return {
    commits: after.commits - before.commits,
    walSyncs: after.walSyncs - before.walSyncs,
    walSyncMs: after.walSyncMs - before.walSyncMs,
    walBytes: after.walBytes - before.walBytes,
    backendCpuS,
    walWriterCpuS,
  };
}

/** A checkpoint before each measured run, so none of them pays for the one before's dirty pages. */
export const checkpoint = (): Promise<void> =>
  admin((c) => c.query('CHECKPOINT')).then(
    () => undefined,
    () => undefined,
  );

/** Drops one size's schema once its runs are done (the database goes at the end). */
export const dropSchema = (url: string, schema: string): Promise<void> =>
  admin((c) => c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`), url).then(() => undefined);

/** The server's version line, for the bench's heading. */
export const serverVersion = (): Promise<string> =>
  admin((c) => c.query<{ server_version: string }>('SHOW server_version')).then(
    (r) => r.rows[0]?.server_version ?? '?',
  );
