import pg from 'pg';
import type { Db, Queryable, Row } from './db.js';

export interface PoolOptions {
  /** Connections at most (pg's default is 10). */
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
    max: options.max ?? 10,
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
    async transaction(fn) {
      const client = await checkOut();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const result = await fn(on(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch((rollbackError: Error) => {
          broken = rollbackError;
        });
        throw error;
      } finally {
        // A connection that could not even roll back is dropped, not handed to the next caller.
        client.done(broken);
      }
    },
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
