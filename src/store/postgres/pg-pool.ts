import pg from 'pg';
import type { Db, Queryable, Row, Statement } from './db.js';

export interface PoolOptions {
  /** Connections at most (5 by default). */
  max?: number;
  /** Told of an error on a connection (the server went away); the pool replaces the connection. */
  onIdleError?: (error: Error) => void;
  /** How the connections show in pg_stat_activity; `guidepost` by default. */
  applicationName?: string;
}

/** A `Db` on `pg`'s pool. Numbers stay numbers: the store casts counts to int in SQL. */
export function poolDb(connectionString: string, options: PoolOptions = {}): Db {
  const pool = new pg.Pool({
    connectionString,
    // Few: on a small machine more connections only queue inside PostgreSQL (measured: 4 beat 10 and 20).
    max: options.max ?? 5,
    connectionTimeoutMillis: 5_000,
    // A query that waits longer than this has met a stuck server or a lock nobody releases.
    statement_timeout: 30_000,
    application_name: options.applicationName ?? 'guidepost',
  });
  // Without a listener an idle connection's error (a server restart) would end the process.
  pool.on('error', (error) => options.onIdleError?.(error));
  /**
   * A connection of our own until `done`. A connection lost while checked out (the server ended it)
   * emits an error of its own besides failing the query: unheard, it would end the process.
   */
  const checkOut = async () => {
    const client = await pool.connect();
    const heard = (error: Error) => options.onIdleError?.(error);
    client.on('error', heard);
    const done = (error?: Error) => {
      client.off('error', heard);
      client.release(error);
    };
    return Object.assign(client, { done });
  };
  /** `work` (which begins and commits) on a connection of its own, rolled back when it throws. */
  const rolledBackOnError = async <T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> => {
    const client = await checkOut();
    let broken: Error | undefined;
    try {
      return await work(client);
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => {
        broken = rollbackError;
      });
      throw error;
    } finally {
      // A connection that could not even roll back is dropped, not handed to the next caller.
      client.done(broken);
    }
  };
  const on = (client: pg.Pool | pg.PoolClient): Queryable => ({
    async query<R extends Row>(text: string, values?: readonly unknown[], name?: string) {
      const config: pg.QueryConfig = {
        text,
        ...(values ? { values: [...values] } : {}),
        ...(name ? { name } : {}),
      };
      return (await client.query<R>(config)).rows;
    },
    async exec(text: string) {
      // Without values pg uses the simple protocol, which takes several statements at once.
      await client.query(text);
    },
  });
  return {
    ...on(pool),
    transaction: (fn) =>
      rolledBackOnError(async (client) => {
        await client.query('BEGIN');
        const result = await fn(on(client));
        await client.query('COMMIT');
        return result;
      }),
    change: (first, fn) =>
      rolledBackOnError(async (client) => {
        // Values go inline, escaped (see `quoted`): the simple protocol takes no parameters, but it takes
        // several statements in one message.
        const began = (await client.query(`BEGIN; ${inline(first)}`)) as unknown as pg.QueryResult[];
        const { result, last } = await fn(began[1]?.rows ?? [], on(client));
        await client.query(last ? `${inline(last)}; COMMIT` : 'COMMIT');
        return result;
      }),
    async session(fn) {
      const client = await checkOut();
      try {
        return await fn(on(client));
      } finally {
        client.done();
      }
    },
    close: () => pool.end(),
  };
}

/** A statement with its `$n` values written in as SQL literals. */
export function inline(st: Statement): string {
  return st.text.replace(/\$(\d+)/g, (_, n: string) => literal(st.values[Number(n) - 1]));
}

function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string') return quoted(value);
  throw new TypeError(`a value of type ${typeof value} cannot be written inline`);
}

/**
 * A string as a SQL literal, as pg's `escapeLiteral` writes it (quotes doubled; with a backslash, an E''
 * string with backslashes doubled, right whatever standard_conforming_strings says), but with the
 * engine's own replace: pg's loop over each character was about 3% of a bench instance's CPU in one
 * profile, on a batch's 60 KB.
 */
function quoted(text: string): string {
  if (text.includes('\\')) return ` E'${text.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
  return `'${text.replace(/'/g, "''")}'`;
}
