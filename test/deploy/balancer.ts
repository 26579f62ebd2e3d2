import { postToApp } from '../adapters/slack/signed.js';
import type { Fleet, Instance } from './fleet.js';

/** Slack waits this long for the HTTP 200, then counts the delivery as failed and retries it. */
const SLACK_WAITS_MS = 3_000;
/** Slack tries an event 4 times (3 retries); here a few more, since a retry never waits minutes. */
const TRIES = 8;
const NONE_UP_MS = 20_000;

export interface Delivered {
  acked: boolean;
  /** Tries it took (1: acknowledged at the first). */
  tries: number;
}

/**
 * Slack's side of HTTP mode behind a load balancer: each request goes to one live instance; a request
 * that fails (refused, reset, not answered in 3 s, or answered other than 200) is sent again, signed
 * afresh, with `X-Slack-Retry-Num` and the same body (the same event_id), possibly to another instance.
 */
export function createBalancer(fleet: Fleet) {
  const stats = { sent: 0, acked: 0, retried: 0, ackMs: [] as number[] };
  /** Requests on their way to each instance now, by id: a kill aimed at one catches a request mid-way. */
  const inFlight = new Map<number, number>();

  async function live(): Promise<Instance> {
    const end = Date.now() + NONE_UP_MS;
    for (;;) {
      const up = fleet.instances.filter((i) => i.up);
      if (up.length > 0) return up[Math.floor(Math.random() * up.length)] as Instance;
      if (Date.now() > end) throw new Error('no instance up');
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async function deliver(json: unknown): Promise<Delivered> {
    stats.sent += 1;
    let reason = '';
    for (let tries = 1; tries <= TRIES; tries++) {
      if (tries > 1) stats.retried += 1;
      const inst = await live();
      const headers: Record<string, string> =
        tries > 1 ? { 'x-slack-retry-num': String(tries - 1), 'x-slack-retry-reason': reason } : {};
      const at = performance.now();
      inFlight.set(inst.id, (inFlight.get(inst.id) ?? 0) + 1);
      try {
        const answer = await postToApp(
          inst.port,
          { json },
          { headers, signal: AbortSignal.timeout(SLACK_WAITS_MS) },
        );
        if (answer.status === 200) {
          stats.acked += 1;
          stats.ackMs.push(performance.now() - at);
          return { acked: true, tries };
        }
        reason = 'http_error';
      } catch (error) {
        reason = (error as Error).name === 'TimeoutError' ? 'http_timeout' : 'connection_failed';
      } finally {
        inFlight.set(inst.id, (inFlight.get(inst.id) ?? 1) - 1);
      }
    }
    return { acked: false, tries: TRIES };
  }

  return { deliver, stats, busy: (id: number) => (inFlight.get(id) ?? 0) > 0 };
}
