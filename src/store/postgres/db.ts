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

export interface Db extends Queryable {
  /** `fn` inside BEGIN … COMMIT on one connection; rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** `fn` on one connection of its own, outside a transaction (session advisory locks). */
  session<T>(fn: (s: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
