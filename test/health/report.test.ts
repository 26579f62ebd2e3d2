import { afterEach, expect, it } from 'vitest';
import { Connection } from '../../src/health/connection.js';
import { healthReport, type StoreFacts } from '../../src/health/report.js';
import { type HealthServer, startHealthServer } from '../../src/health/server.js';

let server: HealthServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A /healthz on loopback over one adapter connection and store facts, on a clock the test moves. */
async function serve(store: StoreFacts) {
  const clock = { now: 1_000_000 };
  const connection = new Connection(() => clock.now);
  const check = async () =>
    healthReport({
      version: '9.9.9',
      startedAt: 1_000_000,
      now: clock.now,
      store,
      adapters: { slack: connection },
    });
  server = await startHealthServer(0, check, '127.0.0.1');
  const url = `http://127.0.0.1:${server.port}/healthz`;
  const get = async () => {
    const res = await fetch(url);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  return { clock, connection, get, url };
}

const WRITABLE: StoreFacts = { writable: true };

it('an adapter disconnected for up to a minute is tolerated; longer gives 503', async () => {
  const h = await serve(WRITABLE);
  h.connection.up();
  h.clock.now += 5_000;
  h.connection.down();
  h.clock.now += 60_000;
  expect((await h.get()).status).toBe(200);
  h.clock.now += 1_000;
  const late = await h.get();
  expect(late.status).toBe(503);
  expect(late.body).toMatchObject({
    status: 'unhealthy',
    version: '9.9.9',
    uptimeSeconds: 66,
    adapters: { slack: { connected: false, sinceSeconds: 61 } },
  });
  h.connection.up();
  expect((await h.get()).status).toBe(200);
});

it('an adapter that never connected counts from start-up', async () => {
  const h = await serve(WRITABLE);
  h.clock.now += 30_000;
  expect((await h.get()).status).toBe(200);
  h.clock.now += 31_000;
  expect((await h.get()).status).toBe(503);
});

it('a store that cannot write gives 503, with what failed', async () => {
  const h = await serve({ writable: false, lastError: 'onboarding.json.journal: ENOSPC' });
  h.connection.up();
  const answer = await h.get();
  expect(answer.status).toBe(503);
  expect(answer.body).toMatchObject({
    store: { writable: false, lastError: 'onboarding.json.journal: ENOSPC' },
  });
});

it('answers only GET /healthz', async () => {
  const h = await serve(WRITABLE);
  expect((await fetch(h.url, { method: 'POST' })).status).toBe(405);
  expect((await fetch(h.url.replace('/healthz', '/'))).status).toBe(404);
});
