import { PGlite } from '@electric-sql/pglite';
import type { Db, Queryable, Row } from '../../src/store/postgres/db.js';

/**
 * PostgreSQL in this process (PGlite), as the store's `Db`: for the contract suite on a machine without a
 * server. One connection: PGlite runs one transaction at a time and queues the rest.
 */
export type PgliteDb = Db & { pglite: PGlite };

export async function pgliteDb(): Promise<PgliteDb> {
  const pglite = await PGlite.create();
  const on = (q: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
    async query<R extends Row>(text: string, values?: readonly unknown[]) {
      return (await q.query<R>(text, values as unknown[] | undefined)).rows;
    },
    async exec(text: string) {
      await q.exec(text);
    },
  });
  return {
    pglite,
    ...on(pglite),
    transaction: (fn) => pglite.transaction((tx) => fn(on(tx))),
    change: (first, fn) =>
      pglite.transaction(async (tx) => {
        const q = on(tx);
        const { result, last } = await fn(await q.query(first.text, first.values), q);
        if (last) await q.query(last.text, last.values);
        return result;
      }),
    session: (fn) => fn(on(pglite)),
    close: () => pglite.close(),
  };
}
