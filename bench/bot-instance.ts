/**
 * Child of `npm run bench -- --store postgres` (forked with an IPC channel, bundled, plain node with
 * `npm start`'s V8 options): one bot instance, the real bot (`benchBot`: createBot as src/main.ts wires
 * it, minus adapters) on the PostgreSQL store (`poolDb` as src/main.ts opens it) or on the JSON store.
 * `bot-instance.ts postgres <url> <schema> <people>` or `bot-instance.ts json <file> <people>`.
 * After a warm-up it says `ready`; each event the driver sends goes through `bot.handle()` and its
 * replies' size goes back with the event's number; `measure` starts the counting over (after the driver's own
 * warm-up); `stop` ends the run with this process's own figures.
 */
import type { IncomingEvent, ProgressStore } from '../src/core/index.js';
import { openStore } from '../src/store/journal-store.js';
import { poolDb } from '../src/store/postgres/pg-pool.js';
import { openPostgresStore } from '../src/store/postgres/postgres-store.js';
import { countingDb, type DbCounts } from './counting-db.js';
import { benchBot, drive, eventSource, stallMonitor } from './measure.js';

/** What the driver sends: an event, or the end of the run. */
export type InstanceAsk = { n: number; event: IncomingEvent } | { measure: true } | { stop: true };

/** What an instance tells the driver at the end of a run. */
export interface InstanceFigures {
  stallMs: number;
  cpuS: number;
  rssMb: number;
  /** The PostgreSQL store's round trips and their time, over the run. */
  db: DbCounts;
  handled: number;
}

const [kind, where, a, b] = process.argv.slice(2) as [string, string, string, string | undefined];
const send = (message: object) => process.send?.(message);

let counts = (): DbCounts => ({ roundTrips: 0, transactions: 0, ms: {} });
let store: ProgressStore;
let people: number;
if (kind === 'postgres') {
  // BENCH_POOL_MAX (a probe): connections an instance may hold; src/main.ts keeps poolDb's default (5).
  const max = Number(process.env.BENCH_POOL_MAX) || undefined;
  const counting = countingDb(poolDb(where, max ? { max } : {}));
  counts = counting.counts;
  store = await openPostgresStore({ db: counting.db, schema: a, ownsDb: true });
  people = Number(b);
} else {
  store = await openStore(where);
  people = Number(a);
}
const bot = await benchBot(store);
// Warm up (JIT) on a few events of its own, outside the measurements.
await drive((e) => bot.handle(e), eventSource(people, `${process.pid}-warm`), 300, 4);

let db0 = counts();
let cpu0 = process.cpuUsage();
let monitor = stallMonitor();
let handled = 0;
process.on('message', (ask: InstanceAsk) => {
  if ('event' in ask) {
    void bot.handle(ask.event).then((replies) => {
      handled++;
      // The replies serialized, as an adapter serializes what it posts; the driver (the platform, which
      // in production is another machine) gets their size, not objects to parse on the bench's cores.
      send({ n: ask.n, replyBytes: JSON.stringify(replies).length });
    });
    return;
  }
  if ('measure' in ask) {
    // The measured run starts: what came before (the driver's warm-up) is not counted.
    monitor.stop();
    [db0, cpu0, monitor, handled] = [counts(), process.cpuUsage(), stallMonitor(), 0];
    send({ measuring: true });
    return;
  }
  const stallMs = monitor.stop();
  const cpu = process.cpuUsage(cpu0);
  const figures: InstanceFigures = {
    stallMs,
    cpuS: (cpu.user + cpu.system) / 1e6,
    rssMb: process.resourceUsage().maxRSS / 1024,
    db: minus(counts(), db0),
    handled,
  };
  void store.close().then(() => {
    send({ done: figures });
    process.off('disconnect', orphaned);
    process.disconnect();
  });
});
// A driver that went away (an error, ^C) takes its instances with it.
const orphaned = () => process.exit(1);
process.once('disconnect', orphaned);
send({ ready: true });

function minus(a: DbCounts, b: DbCounts): DbCounts {
  const ms = Object.fromEntries(Object.entries(a.ms).map(([k, v]) => [k, v - (b.ms[k] ?? 0)]));
  return { roundTrips: a.roundTrips - b.roundTrips, transactions: a.transactions - b.transactions, ms };
}
