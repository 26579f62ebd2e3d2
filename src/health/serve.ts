import { type Logger, NamedError, type ProgressStore } from '../core/index.js';
import type { Connection } from './connection.js';
import { healthReport, type StoreFacts } from './report.js';
import { type HealthServer, startHealthServer } from './server.js';
import { storeFolderProbe } from './store-probe.js';

export interface HealthWiring {
  /** HEALTH_PORT; no endpoint when undefined. */
  port: number | undefined;
  storeFile: string;
  store: Pick<ProgressStore, 'health'>;
  /** Every adapter that runs, by name; filled in as they are created. */
  adapters: Readonly<Record<string, Connection>>;
  version: string;
  logger: Logger;
}

/** Starts `/healthz` on HEALTH_PORT, when it is set. */
export async function serveHealth(w: HealthWiring): Promise<HealthServer | undefined> {
  if (w.port === undefined) return undefined;
  const startedAt = Date.now();
  const folderTakesFiles = storeFolderProbe(w.storeFile);
  const storeFacts = async (): Promise<StoreFacts> => {
    const own = w.store.health();
    if (!own.writable) return own;
    return (await folderTakesFiles())
      ? { writable: true }
      : { writable: false, lastError: 'the store folder does not take new files' };
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
