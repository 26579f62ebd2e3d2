/**
 * The little of a PostgreSQL connection the store needs, so the same store runs on a server (`pg`'s pool)
 * and on PGlite (PostgreSQL in-process, for tests on a machine without a server).
 */
export type Row = Record<string, unknown>;

export interface Queryable {
  /** One statement with `$1`-style values; `name` prepares it once per connection (where supported). */
  query<R extends Row = Row>(text: string, values?: readonly unknown[], name?: string): Promise<R[]>;
  /** Several statements without values (a migration step). */
  exec(text: string): Promise<void>;
}

/** One statement with its values, and a name to prepare it under where it runs on its own. */
export interface Statement {
  text: string;
  values: readonly unknown[];
  name?: string;
}

export interface Db extends Queryable {
  /**
   * A transaction that starts with `first` and ends with the statement `fn` returns, if any: BEGIN and
   * `first` travel in one round trip, and the last statement and COMMIT in another, where the driver can
   * (one person's change is then two round trips, not four). Rolled back when anything throws.
   */
  change<T>(
    first: Statement,
    fn: (rows: Row[], tx: Queryable) => Promise<{ result: T; last?: Statement | undefined }>,
  ): Promise<T>;
  /** `fn` inside BEGIN … COMMIT on one connection; rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** `fn` on one connection of its own, outside a transaction (session advisory locks). */
  session<T>(fn: (s: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
