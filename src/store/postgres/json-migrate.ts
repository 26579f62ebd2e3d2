import { NamedError } from '../../core/index.js';
import { describeDatabaseError } from './database-errors.js';
import type { Db } from './db.js';
import { copyJsonState } from './json-copy.js';
import { readJsonSource } from './json-source.js';
import { verifyCopy } from './json-verify.js';
import { openPostgresStore } from './postgres-store.js';
import { schemaName } from './schema.js';

export interface MigrateResult {
  people: number;
  /** People who were not in PostgreSQL before this run. */
  added: number;
  audit: number;
  deliveries: number;
  flows: string[];
}

/**
 * Moves the JSON store at `file` into PostgreSQL (its schema migrated first), under the file's lock,
 * and checks the copy: the same people, staff actions and funnel counts. Safe to run again; a
 * difference is an error that says what differs, and nothing in PostgreSQL is overwritten.
 */
export async function migrateJsonStore(file: string, db: Db, schema?: string): Promise<MigrateResult> {
  const source = await readJsonSource(file, Date.now());
  try {
    const store = await openPostgresStore({ db, ...(schema ? { schema } : {}) });
    try {
      const before = (await store.keys()).length;
      const copied = await copyJsonState(db, schemaName(schema), source.state).catch((error: unknown) => {
        const why = describeDatabaseError(error);
        throw new NamedError('DATABASE_URL', `DATABASE_URL: the copy failed (${why}); run it again`, {
          cause: error,
        });
      });
      const problems = await verifyCopy(source.state, store, copied);
      if (problems.length > 0)
        throw new NamedError(
          'STORE_COPY_MISMATCH',
          `The copy does not match the file: ${problems.join('; ')}.`,
        );
      const { people, audit, deliveries, flows } = copied;
      return { people, added: (await store.keys()).length - before, audit, deliveries, flows };
    } finally {
      await store.close();
    }
  } finally {
    await source.release();
  }
}
