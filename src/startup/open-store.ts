import { describeError, type Flow, NamedError, type ProgressStore, type UserKey } from '../core/index.js';
import { databaseProbe, folderProbe, type StoreProbe } from '../health/serve.js';
import type { AppLogger } from '../logger.js';
import { openStore } from '../store/journal-store.js';
import { needsMoving, whoNeedsMoving } from './migrate-flows.js';
import { StartupError } from './startup-error.js';
import { storeFileError } from './store-file.js';

/** The store start-up opened, who on it needs moving to a new flow version, and how /healthz checks it. */
export interface OpenedStore {
  store: ProgressStore;
  toMove: ReadonlySet<UserKey>;
  probe: StoreProbe;
  /** For the start-up log line: the file, or that it is PostgreSQL (never the address: it holds a password). */
  where: string;
}

/** PostgreSQL when DATABASE_URL is set, else the JSON store at `storeFile`. */
export async function openConfiguredStore(
  settings: { storeFile: string; databaseUrl: string | undefined },
  logger: AppLogger,
  flows: readonly Flow[],
): Promise<OpenedStore> {
  return settings.databaseUrl === undefined
    ? openJournal(settings.storeFile, logger, flows)
    : openDatabase(settings.databaseUrl, logger, flows);
}

/**
 * The journal store beside its snapshot, with its snapshot news logged; a refusal names the file. As
 * it reads each record it notes who needs moving to a new flow version (the last record read per
 * person decides), so start-up does not read everyone a second time.
 */
async function openJournal(
  storeFile: string,
  logger: AppLogger,
  flows: readonly Flow[],
): Promise<OpenedStore> {
  const toMove = new Set<UserKey>();
  const needs = needsMoving(flows);
  const store = await openStore(storeFile, {
    onSnapshot: (info) => logger.info(info, 'store snapshot written'),
    onSnapshotFailed: (error, retryInMs) =>
      logger.error({ err: describeError(error), retryInMs }, 'store snapshot failed'),
    onRecordRead: (p) => (needs(p) ? toMove.add(p.user) : toMove.delete(p.user)),
  }).catch((error: unknown) => {
    throw storeFileError(storeFile, error);
  });
  return { store, toMove, probe: folderProbe(storeFile), where: storeFile };
}

/**
 * The PostgreSQL store (its schema migrated first, once, however many instances start together); who
 * needs moving is found by reading everyone a page at a time. A database that cannot be reached or
 * refuses stops start-up naming DATABASE_URL.
 */
async function openDatabase(url: string, logger: AppLogger, flows: readonly Flow[]): Promise<OpenedStore> {
  const { poolDb } = await import('../store/postgres/pg-pool.js');
  const { openPostgresStore } = await import('../store/postgres/postgres-store.js');
  const { describeDatabaseError } = await import('../store/postgres/database-errors.js');
  const db = poolDb(url, {
    onIdleError: (error) =>
      logger.warn(
        { err: describeDatabaseError(error) },
        'a database connection failed; the pool opens another',
      ),
  });
  try {
    const store = await openPostgresStore({ db, ownsDb: true });
    const toMove = await whoNeedsMoving(store, needsMoving(flows)).catch(async (error: unknown) => {
      await store.close();
      throw error;
    });
    return { store, toMove, probe: databaseProbe(store.ping), where: 'PostgreSQL (DATABASE_URL)' };
  } catch (error) {
    await db.close().catch(() => undefined);
    throw databaseStartError(error, describeDatabaseError);
  }
}

/** Why the database could not be opened, as one line naming DATABASE_URL and what to do. */
function databaseStartError(error: unknown, describe: (e: unknown) => string): StartupError {
  // The store's own refusal (a schema newer than this code) says what to do itself.
  if (error instanceof NamedError && error.code === 'DATABASE_URL') {
    const [problem = '', fix = 'see the problem'] = error.message.replace(/^DATABASE_URL: /, '').split('; ');
    return new StartupError('DATABASE_URL', problem, fix);
  }
  const cause = (error as { cause?: unknown }).cause ?? error;
  return new StartupError(
    'DATABASE_URL',
    `could not open the database (${describe(cause)})`,
    'check the address, that the server is up and that its user may create a schema',
  );
}
