/**
 * `npm run bench -- dashboard` (issue 15): at 10,000 and 100,000 people (BENCH_SIZES), a journaled store
 * spread as a live install's is (bench/spread.ts), the bot and its staff dashboard in one process as
 * `npm start` runs them (bench/dashboard-run.ts: bundled, plain node, its V8 options). From this process,
 * over HTTP as a browser would: sign in with the link `admin dashboard` gives, then /funnel, /attention
 * and one /person page, BENCH_REQUESTS (30) one at a time each after a warm-up. Then chat at a steady
 * rate (BENCH_CHAT_RATE events/s for BENCH_CHAT_SECONDS, 100 for 15 s) for random people, once alone and
 * once while a staff member reloads the funnel and attention pages back to back: the chat's latency and
 * the bot's longest event-loop stall in each. BENCH_NODE_FLAGS adds node options to the measured run.
 */
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundled, child, NODE_FLAGS, nextMessage } from './children.js';
import type { ChatFigures, DashboardAsk } from './dashboard-run.js';
import { mb, percentile, round, userKey } from './measure.js';

const SIZES = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number);
const REQUESTS = Number(process.env.BENCH_REQUESTS) || 30;
const CHAT_SECONDS = Number(process.env.BENCH_CHAT_SECONDS) || 15;
const CHAT_RATE = Number(process.env.BENCH_CHAT_RATE) || 100;
const WARM_UP = 5;
/** More node options for the measured run only, to look into it (e.g. `--cpu-prof --cpu-prof-dir=…`). */
const EXTRA_FLAGS = (process.env.BENCH_NODE_FLAGS ?? '').split(/\s+/).filter(Boolean);

interface Timings {
  count: number;
  p50: number;
  p95: number;
  max: number;
}

const timings = (ms: number[]): Timings => {
  const sorted = [...ms].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    max: sorted.at(-1) ?? 0,
  };
};

const show = (t: Timings): string =>
  `p50 ${round(t.p50, 0)} ms, p95 ${round(t.p95, 0)} ms, max ${round(t.max, 0)} ms`;
const showChat = (c: ChatFigures): string =>
  `p50 ${round(c.p50, 1)} ms, p99 ${round(c.p99, 1)} ms, max ${round(c.max, 0)} ms` +
  ` (${c.events} events, ${round(c.eps, 0)}/s) · longest event-loop stall ${round(c.stallMs, 0)} ms` +
  ` · GC pauses: longest ${round(c.gcMaxMs, 0)} ms, ${round(c.gcTotalMs, 0)} ms in all`;

/** A browser with the session cookie: each GET's time (ms) until the whole page has arrived. */
async function browser(link: string): Promise<(path: string) => Promise<{ ms: number; bytes: number }>> {
  const signedIn = await fetch(link, { redirect: 'manual' });
  const cookie = signedIn.headers.getSetCookie()[0]?.split(';')[0];
  await signedIn.text();
  if (signedIn.status !== 200 || !cookie) throw new Error(`sign-in failed (${signedIn.status})`);
  const origin = new URL(link).origin;
  return async (path) => {
    const t = performance.now();
    const res = await fetch(`${origin}${path}`, { headers: { cookie } });
    const body = await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status}`);
    return { ms: performance.now() - t, bytes: body.byteLength };
  };
}

interface SizeFigures {
  people: number;
  startS: number;
  firstMs: number;
  pages: Record<string, Timings & { kb: number }>;
  alone: ChatFigures;
  loaded: ChatFigures;
  underLoad: Record<string, Timings>;
  rssMb: number;
  /** The machine's 1-minute load average when the size began and ended (2 cores: above 2, others wait). */
  load: [number, number];
}

/** One size: the measured run forked, the pages timed, chat alone and under page loads, then close. */
async function measureSize(measured: string, file: string, people: number): Promise<SizeFigures> {
  const run = fork(measured, [file, String(people)], {
    execArgv: [...NODE_FLAGS, ...EXTRA_FLAGS],
    stdio: 'inherit',
  });
  const ask = (message: DashboardAsk) => run.send(message);
  const loadBefore = loadavg()[0] as number;
  try {
    const ready = await nextMessage<{ link: string; startS: number }>(run, 'ready');
    const get = await browser(ready.link);
    const paths: Record<string, string> = {
      '/funnel': '/funnel',
      '/attention': '/attention',
      '/person/:user': `/person/${encodeURIComponent(userKey(Math.floor(people / 3)))}`,
    };
    const firstMs = (await get('/funnel')).ms;
    const pages: SizeFigures['pages'] = {};
    for (const [label, path] of Object.entries(paths)) {
      for (let i = 0; i < WARM_UP; i++) await get(path);
      const ms: number[] = [];
      let bytes = 0;
      for (let i = 0; i < REQUESTS; i++) {
        const page = await get(path);
        ms.push(page.ms);
        bytes = page.bytes;
      }
      pages[label] = { ...timings(ms), kb: Math.round(bytes / 1024) };
    }
    const chat = { ask: 'chat', seconds: CHAT_SECONDS, rate: CHAT_RATE } as const;
    ask({ ...chat, tag: 'alone' });
    const alone = (await nextMessage<{ chat: ChatFigures }>(run, 'chat')).chat;
    const underLoad: Record<string, number[]> = { '/funnel': [], '/attention': [] };
    ask({ ...chat, tag: 'loaded' });
    const loaded = nextMessage<{ chat: ChatFigures }>(run, 'chat');
    let done = false;
    void loaded.finally(() => {
      done = true;
    });
    while (!done) for (const path of ['/funnel', '/attention']) underLoad[path]?.push((await get(path)).ms);
    ask({ ask: 'close' });
    const closed = await nextMessage<{ rssMb: number }>(run, 'closed');
    await once(run, 'exit');
    return {
      people,
      startS: ready.startS,
      firstMs,
      pages,
      alone,
      loaded: (await loaded).chat,
      underLoad: Object.fromEntries(Object.entries(underLoad).map(([p, ms]) => [p, timings(ms)])),
      rssMb: closed.rssMb,
      load: [loadBefore, loadavg()[0] as number],
    };
  } finally {
    if (run.exitCode === null) run.kill();
  }
}

function print(f: SizeFigures, gen: { avgRecordBytes: number; journalBytes: number }): string {
  const pad = (label: string) => label.padEnd(16);
  console.log(
    `\n${f.people} people · record ${gen.avgRecordBytes} B avg · journal at start ${mb(gen.journalBytes)} MB` +
      ` · load average ${round(f.load[0])}–${round(f.load[1])} · openStore ${round(f.startS, 2)} s · first /funnel after start ${round(f.firstMs, 0)} ms · peak RSS ${round(f.rssMb, 0)} MB`,
  );
  for (const [path, t] of Object.entries(f.pages))
    console.log(`  GET ${pad(path)}: ${show(t)} (${t.count} one at a time, ${t.kb} KB)`);
  console.log(`  chat alone          : ${showChat(f.alone)}`);
  console.log(`  chat + dashboard    : ${showChat(f.loaded)}`);
  for (const [path, t] of Object.entries(f.underLoad))
    console.log(`    meanwhile GET ${pad(path)}: ${show(t)} (${t.count} pages)`);
  const fields = [
    ...Object.entries(f.pages).flatMap(([path, t]) => {
      const name = path.slice(1).replace('/:user', '');
      return [
        `${name}_p50_ms=${round(t.p50, 0)}`,
        `${name}_p95_ms=${round(t.p95, 0)}`,
        `${name}_max_ms=${round(t.max, 0)}`,
      ];
    }),
    `chat_p99_ms=${round(f.alone.p99)}`,
    `chat_max_ms=${round(f.alone.max, 0)}`,
    `chat_stall_ms=${round(f.alone.stallMs, 0)}`,
    `loaded_chat_p99_ms=${round(f.loaded.p99)}`,
    `loaded_chat_max_ms=${round(f.loaded.max, 0)}`,
    `loaded_stall_ms=${round(f.loaded.stallMs, 0)}`,
    `loaded_funnel_p95_ms=${round(f.underLoad['/funnel']?.p95 ?? 0, 0)}`,
    `loaded_attention_p95_ms=${round(f.underLoad['/attention']?.p95 ?? 0, 0)}`,
    `rss_mb=${round(f.rssMb, 0)}`,
    `load=${round(f.load[0])}-${round(f.load[1])}`,
  ];
  return `dashboard people=${f.people} ${fields.join(' ')}`;
}

/** Every size in its own temp store and its own measured run; one summary line per size at the end. */
export async function dashboardBench(): Promise<void> {
  const measured = await bundled('dashboard-run.ts');
  console.log(
    `guidepost dashboard bench · node ${process.version} · measured run (bundled, plain node): ${NODE_FLAGS.join(' ')}` +
      ` · chat ${CHAT_RATE} events/s for ${CHAT_SECONDS} s`,
  );
  const lines: string[] = [];
  const dir = await mkdtemp(join(tmpdir(), 'guidepost-dashboard-bench-'));
  try {
    for (const people of SIZES) {
      const file = join(dir, `store-${people}.json`);
      const gen = child('generate.ts', [file, String(people), 'spread']);
      lines.push(print(await measureSize(measured, file, people), gen));
      await rm(file, { force: true });
      await rm(`${file}.journal`, { force: true });
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  console.log(`\n${lines.join('\n')}`);
}
