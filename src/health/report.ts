import type { Connection } from './connection.js';

/** An adapter may be down this long (a reconnect, a restart of the platform's side) before it counts. */
const DISCONNECTED_LIMIT_MS = 60_000;

export interface StoreFacts {
  /** The JSON file or PostgreSQL (DATABASE_URL). */
  kind?: 'file' | 'postgres';
  /**
   * The store's folder takes a new file (a probe written, synced and removed), or its database answers,
   * and the store's own last write worked (its `health()`; it clears itself once space or permission is back, without a save).
   */
  writable: boolean;
  /** Why not, naming the file and the error code, while it cannot write. */
  lastError?: string;
}

export interface HealthInput {
  version: string;
  startedAt: number;
  now: number;
  store: StoreFacts;
  adapters: Readonly<Record<string, Connection>>;
}

export interface HealthReport {
  status: 'ok' | 'unhealthy';
  version: string;
  uptimeSeconds: number;
  store: StoreFacts;
  adapters: Record<string, { connected: boolean; sinceSeconds: number }>;
}

/** The /healthz answer: unhealthy when the store cannot write or an adapter has been down over a minute. */
export function healthReport(input: HealthInput): HealthReport {
  const seconds = (ms: number) => Math.max(0, Math.floor(ms / 1000));
  let healthy = input.store.writable;
  const adapters: HealthReport['adapters'] = {};
  for (const [name, connection] of Object.entries(input.adapters)) {
    const { connected, since } = connection.state();
    if (!connected && input.now - since > DISCONNECTED_LIMIT_MS) healthy = false;
    adapters[name] = { connected, sinceSeconds: seconds(input.now - since) };
  }
  return {
    status: healthy ? 'ok' : 'unhealthy',
    version: input.version,
    uptimeSeconds: seconds(input.now - input.startedAt),
    store: input.store,
    adapters,
  };
}
