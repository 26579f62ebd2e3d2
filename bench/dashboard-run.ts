/**
 * Child of `npm run bench -- dashboard` (forked with an IPC channel, bundled, run by plain node with
 * `npm start`'s V8 options): the journaled store at one size, the real bot, and the staff dashboard
 * wired as src/main.ts wires it (src/startup/dashboard.ts, any free port). The parent asks it over IPC
 * for a sign-in link, then for chat at a steady rate while it loads the pages (or not) over HTTP; this
 * process answers with the chat's latencies and the longest event-loop stall.
 */
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseConfig } from '../src/config.js';
import type { Bot, IncomingEvent } from '../src/core/index.js';
import { loadTranslator } from '../src/i18n/translator.js';
import { dashboardWiring } from '../src/startup/dashboard.js';
import { openStore } from '../src/store/journal-store.js';
import { BENCH_STAFF, benchBot, drive, eventSource, percentile, silentLogger } from './measure.js';

/** What the parent asks for. */
export type DashboardAsk = { ask: 'chat'; seconds: number; rate: number; tag: string } | { ask: 'close' };

/** Chat latencies (ms, from when each event was due to its reply) and the longest stall. */
export interface ChatFigures {
  events: number;
  eps: number;
  p50: number;
  p99: number;
  max: number;
  stallMs: number;
  /** The longest garbage-collection pause meanwhile (ms), and all of them together. */
  gcMaxMs: number;
  gcTotalMs: number;
}

const [file, peopleArg] = process.argv.slice(2) as [string, string];
const people = Number(peopleArg);
const send = (message: object) => process.send?.(message);

const t0 = performance.now();
const store = await openStore(file);
const startS = (performance.now() - t0) / 1000;
const config = parseConfig({ DASHBOARD_PORT: '0', STORE_FILE: file });
const translator = await loadTranslator();
const wiring = await dashboardWiring(config, translator, silentLogger);
if (!wiring) throw new Error('the dashboard is not configured');
const bot = await benchBot(store, { translator, dashboard: wiring.signIn });
const pages = await wiring.start(bot.views);
// Warm up (JIT) on a few chat events, outside the measurements.
await drive((e) => bot.handle(e), eventSource(people, `${process.pid}-warm`), 300, 1);
// Staff ask for their link in chat, as they would; the parent opens it.
const [reply] = await bot.handle({ user: BENCH_STAFF, text: 'admin dashboard' });
const link = reply?.links?.[0]?.url;
if (!link) throw new Error('admin dashboard gave no link');
send({ ready: true, link, port: pages.port, startS });

process.on('message', async (message: DashboardAsk) => {
  if (message.ask === 'chat') {
    const next = eventSource(people, `${process.pid}-${message.tag}`);
    send({ chat: await steadyChat(bot, next, message.seconds, message.rate) });
    return;
  }
  await pages.close();
  await store.close();
  send({ closed: true, rssMb: process.resourceUsage().maxRSS / 1024 });
  process.disconnect();
});

/**
 * `rate` events a second for `seconds`, each sent when it is due whether or not earlier ones were
 * answered (as a platform delivers them), its latency counted from when it was due: an event loop held
 * up delays the events that arrive meanwhile, and that shows.
 */
async function steadyChat(
  bot: Bot,
  next: () => IncomingEvent,
  seconds: number,
  rate: number,
): Promise<ChatFigures> {
  const total = Math.round(seconds * rate);
  const latencies: number[] = [];
  const answered: Promise<unknown>[] = [];
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const gc = { max: 0, total: 0 };
  const pauses = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gc.max = Math.max(gc.max, entry.duration);
      gc.total += entry.duration;
    }
  });
  pauses.observe({ entryTypes: ['gc'] });
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    answered.push(bot.handle(next()).then(() => latencies.push(performance.now() - due)));
  }
  await Promise.all(answered);
  const elapsed = (performance.now() - start) / 1000;
  delay.disable();
  pauses.disconnect();
  latencies.sort((a, b) => a - b);
  return {
    events: total,
    eps: total / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? 0,
    stallMs: delay.max / 1e6,
    gcMaxMs: gc.max,
    gcTotalMs: gc.total,
  };
}
