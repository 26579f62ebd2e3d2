/** Child: the journaled store on disk through the real bot's handle(), at one size. Prints one JSON line. */
import { stat } from 'node:fs/promises';
import { openStore } from '../src/store/journal-store.js';
import { benchBot, drive, eventSource, percentile, round, stallMonitor } from './measure.js';
import { measureStaff } from './staff-load.js';

const [file, peopleArg] = process.argv.slice(2) as [string, string];
const people = Number(peopleArg);

const snapshots: { ms: number; people: number }[] = [];
const t0 = performance.now();
const journalLimitBytes = Number(process.env.BENCH_JOURNAL_LIMIT) || undefined;
const store = await openStore(file, {
  ...(journalLimitBytes ? { journalLimitBytes } : {}),
  onSnapshot: (s) => snapshots.push(s),
});
const startS = (performance.now() - t0) / 1000;
const memory: Record<string, number> = {};
const note = (phase: string) => {
  const m = process.memoryUsage();
  memory[phase] = Math.round(m.rss / 1048576);
  memory[`${phase}Heap`] = Math.round(m.heapUsed / 1048576);
};
note('afterStart');

const bot = await benchBot(store);
const handle = (e: Parameters<typeof bot.handle>[0]) => bot.handle(e);

// Warm up (JIT) on a few events, outside the measurements.
await drive(handle, eventSource(people, `${process.pid}-warm`), 300, 1);

const monitor = stallMonitor();
const seq = await drive(
  handle,
  eventSource(people, `${process.pid}-seq`),
  people >= 100_000 ? 6000 : 4000,
  1,
);
note('afterSeq');
const conc = await drive(
  handle,
  eventSource(people, `${process.pid}-conc`),
  people >= 100_000 ? 60_000 : 40_000,
  200,
);
note('afterConc');
const stallMs = monitor.stop();
// Staff questions and a reminder sweep while people keep writing (their own stall figures).
const staff = await measureStaff(bot, eventSource(people, `${process.pid}-staff`));
note('afterStaff');
const c0 = performance.now();
await store.close();
const closeMs = performance.now() - c0;

console.log(
  JSON.stringify({
    people,
    seqEps: seq.eps,
    seqP50: percentile(seq.latencies, 50),
    seqP99: percentile(seq.latencies, 99),
    concEps: conc.eps,
    concP50: percentile(conc.latencies, 50),
    concP99: percentile(conc.latencies, 99),
    stallMs,
    ...staff,
    startS,
    closeMs,
    snapshots: snapshots.length,
    snapshotMsMax: round(Math.max(0, ...snapshots.map((s) => s.ms)), 0),
    fileBytes: (await stat(file)).size,
    rssMb: process.resourceUsage().maxRSS / 1024,
    ...memory,
  }),
);
