import { monitorEventLoopDelay } from 'node:perf_hooks';
import {
  type Bot,
  type BotDeps,
  createBot,
  type IncomingEvent,
  type Logger,
  type Notifier,
  type ProgressStore,
} from '../src/core/index.js';
import { loadFlows } from '../src/flows/load.js';
import { loadTranslator } from '../src/i18n/translator.js';

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

/**
 * The longest time the event loop went without running a 1 ms timer (beyond the 1 ms itself): Node's own
 * monitor, whose timer runs in C++, so measuring costs the process next to nothing (a 1 ms JavaScript
 * interval cost each bench instance a thousand callbacks a second).
 */
export function stallMonitor(): { stop(): number } {
  const delays = monitorEventLoopDelay({ resolution: 1 });
  delays.enable();
  return {
    stop() {
      delays.disable();
      return delays.max / 1e6;
    },
  };
}

export const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

export const userKey = (i: number): string => `slack:T0BENCH01:U${String(i).padStart(9, '0')}`;

/** What people do most: tick items, mark steps done, look at their status, sometimes step back. */
const TEXTS = ['tick 1', 'tick 2', 'done', 'done', 'status', 'back'];

/** A stream of events from random people, each with its own platform delivery id (so each is saved). */
export function eventSource(people: number, tag: string): () => IncomingEvent {
  let n = 0;
  return () => {
    n++;
    const user = userKey(Math.floor(Math.random() * people));
    return { user, text: TEXTS[n % TEXTS.length] as string, deliveryId: `${tag}-${n}` };
  };
}

/** Runs `total` events with `inFlight` at a time; returns events/s and sorted latencies (ms). */
export async function drive(
  handle: (e: IncomingEvent) => Promise<unknown>,
  next: () => IncomingEvent,
  total: number,
  inFlight: number,
): Promise<{ eps: number; latencies: number[] }> {
  const latencies: number[] = [];
  let started = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (started < total) {
      started++;
      const t = performance.now();
      await handle(next());
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  const seconds = (performance.now() - t0) / 1000;
  return { eps: total / seconds, latencies: latencies.sort((a, b) => a - b) };
}

export const mb = (bytes: number): number => Math.round(bytes / 1024 / 1024);
export const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits;

/** The staff member the benchmark asks staff questions as. */
export const BENCH_STAFF = 'slack:T0BENCH01:UADMIN0001';

/** A notifier that takes every message at once (what a sweep costs the bot, not the platform). */
const acceptingNotifier: Notifier = { notify: async () => true, notifyStaff: async () => undefined };

/**
 * How far the bot's clock runs ahead of the system's: on a Saturday or Sunday (UTC) to the Monday at the
 * same time, because no business-day reminder is due on a weekend and the sweep would send nothing.
 * The generated records then look a day or two older, which only makes more of them due.
 */
export function weekdayShiftMs(now = new Date()): number {
  const day = now.getUTCDay();
  return day === 6 ? 2 * 86_400_000 : day === 0 ? 86_400_000 : 0;
}

/**
 * The real bot (real flow and translator, a silent logger, the system clock moved off a weekend) on a given store, with
 * `BENCH_STAFF` as staff and a notifier that accepts everything. `extra`: a translator of the caller's
 * own, sign-in links for `admin dashboard`.
 */
export async function benchBot(
  store: ProgressStore,
  extra: Pick<Partial<BotDeps>, 'translator' | 'dashboard'> = {},
): Promise<Bot> {
  const [flows, translator] = await Promise.all([loadFlows(), extra.translator ?? loadTranslator()]);
  const shift = weekdayShiftMs();
  return createBot({
    flows,
    defaultFlow: 'reseller',
    store,
    translator,
    clock: { now: () => new Date(Date.now() + shift) },
    logger: silentLogger,
    defaultLanguage: 'en',
    admins: [BENCH_STAFF],
    notifier: acceptingNotifier,
    // As src/main.ts does: the reminder sweep lets other work in between people.
    yieldNow: () => new Promise((resolve) => setImmediate(resolve)),
    ...(extra.dashboard ? { dashboard: extra.dashboard } : {}),
  });
}
