import type { Db, Queryable } from '../src/store/postgres/db.js';

/** Round trips made, and the time (ms, as this process waits for them) spent in each part of a change. */
export interface DbCounts {
  roundTrips: number;
  transactions: number;
  /** Waiting for a connection and BEGIN, the statements by name (or first words), COMMIT. */
  ms: Record<string, number>;
}

/** A `Db` that counts its round trips (each statement, BEGIN and COMMIT) and times them. */
export function countingDb(db: Db): { db: Db; counts(): DbCounts } {
  const counts: DbCounts = { roundTrips: 0, transactions: 0, ms: {} };
  const spent = (what: string, since: number) => {
    counts.ms[what] = (counts.ms[what] ?? 0) + performance.now() - since;
  };
  const timed = async <T>(what: string, run: () => Promise<T>): Promise<T> => {
    counts.roundTrips++;
    const t = performance.now();
    try {
      return await run();
    } finally {
      spent(what, t);
    }
  };
  const counted = (q: Queryable): Queryable => ({
    query: (text, values, name) =>
      timed((name ?? text.trim().split(/\s+/).slice(0, 4).join(' ')).replace(/-[a-z0-9_]+$/, ''), () =>
        q.query(text, values, name),
      ),
    exec: (text) => timed('exec', () => q.exec(text)),
  });
  return {
    db: {
      ...counted(db),
      async transaction(fn) {
        counts.roundTrips += 2;
        counts.transactions++;
        const t0 = performance.now();
        let t1 = t0;
        const result = await db.transaction(async (tx) => {
          spent('connect + BEGIN', t0);
          const r = await fn(counted(tx));
          t1 = performance.now();
          return r;
        });
        spent('COMMIT', t1);
        return result;
      },
      // A change: BEGIN with its first statement, and its last with COMMIT: two round trips.
      async change(first, fn) {
        counts.roundTrips += 2;
        counts.transactions++;
        const t0 = performance.now();
        let t1 = t0;
        const result = await db.change(first, async (rows, tx) => {
          spent('connect + BEGIN + lock and read', t0);
          const r = await fn(rows, counted(tx));
          t1 = performance.now();
          return r;
        });
        spent('write + COMMIT', t1);
        return result;
      },
      session: (fn) => db.session((s) => fn(counted(s))),
      close: () => db.close(),
    },
    counts: () => structuredClone(counts),
  };
}
