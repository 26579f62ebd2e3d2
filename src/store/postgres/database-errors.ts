import { NamedError, type StoreHealth, StoreWriteError } from '../../core/index.js';

/**
 * What the database's failures become: a write that failed is a `StoreWriteError` (the bot answers
 * "not saved, try again"), a read a `STORE_UNREADABLE`; both name DATABASE_URL and the error's code,
 * never the address's password nor any value of the query. The last failure is kept for /healthz until
 * the next query works.
 */
export class DatabaseErrors {
  #last: string | undefined;
  /** Errors thrown by callers' own changes: carried through the transaction's rollback untouched. */
  readonly #theirs = new WeakSet<object>();

  health(): StoreHealth {
    return this.#last === undefined ? { writable: true } : { writable: false, lastError: this.#last };
  }

  /** Runs the caller's own code inside a transaction: what it throws is theirs, not the database's. */
  async theirs<T>(fn: () => T | Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      if (typeof error === 'object' && error !== null) this.#theirs.add(error);
      throw error;
    }
  }

  writing<T>(fn: () => Promise<T>): Promise<T> {
    return this.#run(
      fn,
      (what, cause) => new StoreWriteError(`the database did not take the change: ${what}`, { cause }),
    );
  }

  reading<T>(fn: () => Promise<T>): Promise<T> {
    return this.#run(
      fn,
      (what, cause) =>
        new NamedError('STORE_UNREADABLE', `the database could not be read: ${what}`, { cause }),
    );
  }

  async #run<T>(fn: () => Promise<T>, wrap: (what: string, cause: unknown) => Error): Promise<T> {
    try {
      const result = await fn();
      this.#last = undefined;
      return result;
    } catch (error) {
      if (typeof error === 'object' && error !== null && this.#theirs.has(error)) throw error;
      const what = describeDatabaseError(error);
      this.#last = `DATABASE_URL: ${what}`;
      throw wrap(`${what} (check DATABASE_URL and that the server is up)`, error);
    }
  }
}

/** A pg error as its code and first line, with anything that looks like a connection string's password cut. */
export function describeDatabaseError(error: unknown): string {
  const e = error as { code?: unknown; message?: unknown };
  const code = typeof e?.code === 'string' ? e.code : 'error';
  const message = typeof e?.message === 'string' ? (e.message.split('\n')[0] ?? '') : String(error);
  return `${code}: ${message.replace(/\/\/[^@/\s]*@/g, '//…@')}`;
}
