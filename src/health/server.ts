import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HealthReport } from './report.js';

export interface HealthServer {
  /** The port it listens on (useful with HEALTH_PORT=0). */
  port: number;
  close(): Promise<void>;
}

/**
 * Serves `GET /healthz` on `port` (all interfaces unless `host` is given): 200 with the report when it
 * says ok, 503 otherwise. Any other path is 404, any other method 405. One route, so plain node:http.
 */
export async function startHealthServer(
  port: number,
  check: () => Promise<HealthReport>,
  host?: string,
): Promise<HealthServer> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path !== '/healthz') return answer(res, 404, { error: 'not found' });
    if (req.method !== 'GET' && req.method !== 'HEAD') return answer(res, 405, { error: 'use GET' });
    check().then(
      (report) => answer(res, report.status === 'ok' ? 200 : 503, report),
      () => answer(res, 503, { status: 'unhealthy' }),
    );
  });
  server.requestTimeout = 5_000;
  server.listen(port, host);
  await Promise.race([once(server, 'listening'), once(server, 'error').then(([e]) => Promise.reject(e))]);
  return {
    port: (server.address() as AddressInfo).port,
    close: () => closeServer(server),
  };
}

function answer(res: import('node:http').ServerResponse, status: number, body: unknown) {
  const text = `${JSON.stringify(body)}\n`;
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(text);
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
