/**
 * `npm run bench -- --store postgres` (issue 16): at 10,000 and 100,000 people (BENCH_SIZES), durable
 * events/s with 1, 2 and 3 bot instances (BENCH_INSTANCES) sharing one PostgreSQL database, 200 events
 * in flight in total (BENCH_IN_FLIGHT), BENCH_EVENTS (20,000) per run after BENCH_WARM_UP (4,000) driven
 * the same way and not measured, and the JSON store on the same people with one instance, driven the
 * same way. Each fleet is then sent the same number of events again at a steady BENCH_PACED (2,000) a
 * second: its latency at a load it sustains. Each instance is a process of its own running the real
 * bot (bench/bot-instance.ts); this process is the driver (bench/fleet-drive.ts). The database is the
 * bench's own (bench/pg-database.ts), seeded per size by bench/pg-seed.ts, dropped at the end.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { InstanceFigures } from './bot-instance.js';
import { bundled, child, NODE_FLAGS } from './children.js';
import {
  driveFleet,
  type FleetRun,
  measureFromNow,
  paceFleet,
  startInstances,
  stopInstances,
} from './fleet-drive.js';
import { machineBetween, readMachineCpu } from './machine-cpu.js';
import { round } from './measure.js';
import {
  benchDatabase,
  checkpoint,
  dropSchema,
  readServer,
  type ServerReading,
  serverVersion,
  serverWork,
} from './pg-database.js';
import { line, show } from './pg-report.js';

const list = (name: string, fallback: string) => (process.env[name] ?? fallback).split(',').map(Number);
const SIZES = list('BENCH_SIZES', '10000,100000');
const INSTANCES = list('BENCH_INSTANCES', '1,2,3');
const EVENTS = Number(process.env.BENCH_EVENTS) || 20_000;
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT) || 200;
/**
 * Each fleet is also sent events at this steady rate a second (BENCH_PACED, 0: not), at most IN_FLIGHT at
 * once: the latency a fleet gives at a load it sustains, where the runs as fast as it answers give its
 * latency saturated (IN_FLIGHT over the rate, by Little's law).
 */
const PACED = Number(process.env.BENCH_PACED ?? 2_000);
/** Events driven through the fleet before a run, not measured: caches, JIT and batches at their steady size. */
const WARM_UP = Number(process.env.BENCH_WARM_UP ?? 4_000);

/** A run's plan (without how its instances were started) and what it measured. */
export interface Measured extends Omit<RunPlan, 'args' | 'database'> {
  run: FleetRun;
  figures: InstanceFigures[];
  driverCpuS: number;
  server?: ReturnType<typeof serverWork>;
  load: string;
  /** The machine's cores over the run: busy and stolen on average, and its length (Linux only). */
  machine?: { busyCores: number; stealCores: number; wallS: number };
}

/** What one run is: the store, its size, the instances and their arguments, and how it is driven. */
export interface RunPlan {
  store: string;
  people: number;
  instances: number;
  args: string[];
  /** The PostgreSQL database's name, for the server's counters. */
  database?: string;
  /** Events a second at a steady rate; else as fast as the fleet answers. */
  paced?: number;
}

/** One run: instances started and warmed up, EVENTS driven through them, the counters around it. */
async function measure(script: string, plan: RunPlan): Promise<Measured> {
  const { args, database, ...shown } = plan;
  const { store, people, instances, paced } = shown;
  const runs = await startInstances(script, instances, args);
  const tag = `${process.pid}-${store}-${people}-${instances}`;
  if (WARM_UP > 0) await driveFleet(runs, people, WARM_UP, IN_FLIGHT, `${tag}-warm`, { trace: false });
  if (database) await checkpoint();
  await measureFromNow(runs);
  const before: ServerReading | undefined = database ? await readServer(database) : undefined;
  const load0 = loadavg()[0] ?? 0;
  const cpu0 = process.cpuUsage();
  const machine0 = readMachineCpu();
  const run = paced
    ? await paceFleet(runs, people, EVENTS, paced, IN_FLIGHT, `${tag}-paced`)
    : await driveFleet(runs, people, EVENTS, IN_FLIGHT, tag);
  const cpu = process.cpuUsage(cpu0);
  const machine1 = readMachineCpu();
  const machine =
    machine0 && machine1
      ? { ...machineBetween(machine0, machine1), wallS: (machine1.at - machine0.at) / 1000 }
      : undefined;
  const load = `${round(load0)}-${round(loadavg()[0] ?? 0)}`;
  // The server's statistics reach its shared counters within a second of a connection going idle.
  if (database) await sleep(1_100);
  const server = before && database ? serverWork(before, await readServer(database)) : undefined;
  const figures = await stopInstances(runs);
  const driverCpuS = (cpu.user + cpu.system) / 1e6;
  return {
    ...shown,
    run,
    figures,
    driverCpuS,
    load,
    ...(server ? { server } : {}),
    ...(machine ? { machine } : {}),
  };
}

export async function postgresBench(): Promise<void> {
  const script = await bundled('bot-instance.ts');
  const database = await benchDatabase();
  const dir = await mkdtemp(join(tmpdir(), 'guidepost-bench-'));
  const lines: string[] = [];
  const report = (m: Measured) => {
    console.log(show(m, EVENTS));
    lines.push(line(m));
  };
  try {
    console.log(
      `guidepost store bench, PostgreSQL ${await serverVersion()} against the JSON store · node ${process.version}` +
        ` · instances: bundled, plain node, ${NODE_FLAGS.join(' ')} · ${EVENTS} events a run, ${IN_FLIGHT} in flight`,
    );
    for (const people of SIZES) {
      const file = join(dir, `store-${people}.json`);
      child('generate.ts', [file, String(people)]);
      const json: RunPlan = { store: 'json', people, instances: 1, args: ['json', file, String(people)] };
      report(await measure(script, json));
      if (PACED > 0) report(await measure(script, { ...json, paced: PACED }));
      await rm(file, { force: true });
      const schema = `people_${people}`;
      const seed = child('pg-seed.ts', [database.url, schema, String(people)]);
      console.log(
        `postgres · ${people} people seeded in ${round(seed.seedS)} s (${seed.avgRecordBytes} B a record)`,
      );
      for (const instances of INSTANCES) {
        const args = ['postgres', database.url, schema, String(people)];
        const plan: RunPlan = { store: 'postgres', people, instances, args, database: database.name };
        report(await measure(script, plan));
        if (PACED > 0) report(await measure(script, { ...plan, paced: PACED }));
      }
      await dropSchema(database.url, schema);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
    await database.drop();
  }
  console.log(`\n${lines.join('\n')}`);
}
