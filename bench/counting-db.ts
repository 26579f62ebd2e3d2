import type { Db, Queryable } from '../src/store/postgres/db.js';

/** A `Db` that counts the round trips it makes (each statement, and BEGIN and COMMIT of a transaction). */
export function countingDb(db: Db): { db: Db; roundTrips(): number; transactions(): number } {
  let trips = 0;
  let transactions = 0;
  const counted = (q: Queryable): Queryable => ({
    query: (text, values, name) => {
      trips++;
      return q.query(text, values, name);
    },
    exec: (text) => {
      trips++;
      return q.exec(text);
    },
  });
  return {
    db: {
      ...counted(db),
      transaction: (fn) => {
        trips += 2;
        transactions++;
        return db.transaction((tx) => fn(counted(tx)));
      },
      session: (fn) => db.session((s) => fn(counted(s))),
      close: () => db.close(),
    },
    roundTrips: () => trips,
    transactions: () => transactions,
  };
}
