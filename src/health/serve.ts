import { type Logger, NamedError, type ProgressStore } from '../core/index.js';
import type { Connection } from './connection.js';
import { healthReport, type StoreFacts } from './report.js';
import { type HealthServer, startHealthServer } from './server.js';
import { reused, storeFolderProbe } from './store-probe.js';

export interface StoreProbe {
  kind: NonNullable<StoreFacts['kind']>;
  /** True while the store can take writes; called per request, so reuse answers (`reused`). */
  check(): Promise<boolean>;
  /** What /healthz says when the check fails (names the setting, never a secret). */
  failure: string;
}

/** The JSON store's probe: its folder takes a new file. */
export const folderProbe = (storeFile: string): StoreProbe => ({
  kind: 'file',
  check: storeFolderProbe(storeFile),
  failure: 'the store folder does not take new files',
});

/** PostgreSQL's probe: the database answers a query. */
export const databaseProbe = (ping: () => Promise<boolean>): StoreProbe => ({
  kind: 'postgres',
  check: reused(ping),
  failure: 'DATABASE_URL: the database does not answer',
});

export interface HealthWiring {
  /** HEALTH_PORT; no endpoint when undefined. */
  port: number | undefined;
  store: Pick<ProgressStore, 'health'>;
  /** How the store is checked beyond its own last write: its folder takes files, or its database answers. */
  probe: StoreProbe;
  /** Every adapter that runs, by name; filled in as they are created. */
  adapters: Readonly<Record<string, Connection>>;
  version: string;
  logger: Logger;
}

/** Starts `/healthz` on HEALTH_PORT, when it is set. */
export async function serveHealth(w: HealthWiring): Promise<HealthServer | undefined> {
  if (w.port === undefined) return undefined;
  const startedAt = Date.now();
  const storeFacts = async (): Promise<StoreFacts> => {
    const kind = w.probe.kind;
    const own = w.store.health();
    if (!own.writable) return { kind, ...own };
    return (await w.probe.check())
      ? { kind, writable: true }
      : { kind, writable: false, lastError: w.probe.failure };
  };
  const check = async () =>
    healthReport({
      version: w.version,
      startedAt,
      now: Date.now(),
      store: await storeFacts(),
      adapters: w.adapters,
    });
  try {
    const server = await startHealthServer(w.port, check);
    w.logger.info({ port: server.port, path: '/healthz' }, 'health endpoint listening');
    return server;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new NamedError(
      'HEALTH_PORT',
      `HEALTH_PORT: cannot listen on it (${code ?? 'error'}); choose a free port or leave it unset`,
      { cause: error },
    );
  }
}
