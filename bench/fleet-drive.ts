/**
 * The driver of `npm run bench -- --store postgres`: starts bot instances (bench/bot-instance.ts, each
 * its own process) and keeps a number of events in flight in total, spread evenly over them (each slot
 * belongs to one instance and sends its next event when the last is answered), timing each event from
 * its send to its replies' arrival.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import type { InstanceAsk, InstanceFigures } from './bot-instance.js';
import { NODE_FLAGS, nextMessage } from './children.js';
import { eventSource, stallMonitor } from './measure.js';

/** The value under `key` of the next message from `run` that has it. */
const message = async <T>(run: ChildProcess, key: string): Promise<T> =>
  (await nextMessage<Record<string, T>>(run, key))[key] as T;

/** More node options for the instances only, to look into them (e.g. `--cpu-prof --cpu-prof-dir=…`). */
const EXTRA_FLAGS = (process.env.BENCH_NODE_FLAGS ?? '').split(/\s+/).filter(Boolean);

/** `count` instances of the bundled bot-instance script with `args`, each warmed up and ready. */
export async function startInstances(script: string, count: number, args: string[]): Promise<ChildProcess[]> {
  const runs = Array.from({ length: count }, () =>
    fork(script, args, {
      execArgv: [...NODE_FLAGS, ...EXTRA_FLAGS],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }),
  );
  await Promise.all(runs.map((run) => message(run, 'ready')));
  return runs;
}

/** Starts each instance's counting over: the measured run begins. */
export async function measureFromNow(runs: ChildProcess[]): Promise<void> {
  await Promise.all(
    runs.map((run) => {
      const started = message<boolean>(run, 'measuring');
      run.send({ measure: true } satisfies InstanceAsk);
      return started;
    }),
  );
}

/** Ends each instance's run: its own figures, once it has closed its store. */
export async function stopInstances(runs: ChildProcess[]): Promise<InstanceFigures[]> {
  return Promise.all(
    runs.map((run) => {
      const done = message<InstanceFigures>(run, 'done');
      run.send({ stop: true } satisfies InstanceAsk);
      return done;
    }),
  );
}

export interface FleetRun {
  eps: number;
  /** Each event's time from send to reply (ms), sorted. */
  latencies: number[];
  /** The longest time (ms) in which no event was answered. */
  gapMs: number;
  /** The driver's own longest event-loop stall (ms): a stall here delays every answer. */
  driverStallMs: number;
}

/** `total` events for random people among `people`, `inFlight` at a time over all `runs`. */
export async function driveFleet(
  runs: ChildProcess[],
  people: number,
  total: number,
  inFlight: number,
  tag: string,
  options = { trace: true },
): Promise<FleetRun> {
  const next = eventSource(people, tag);
  const waiting = new Map<number, () => void>();
  const onMessage = (m: { n?: number }) => {
    if (m.n !== undefined) waiting.get(m.n)?.();
  };
  for (const run of runs) run.on('message', onMessage);
  const latencies: number[] = [];
  // BENCH_TRACE=<file> (a probe): each event's send time, latency (ms) and instance, a line each.
  const trace = process.env.BENCH_TRACE && options.trace ? ([] as string[]) : undefined;
  let sent = 0;
  let gapMs = 0;
  const monitor = stallMonitor();
  const t0 = performance.now();
  let last = t0;
  const slot = async (run: ChildProcess) => {
    while (sent < total) {
      const n = sent++;
      const t = performance.now();
      const answered = new Promise<void>((resolve) => waiting.set(n, resolve));
      run.send({ n, event: next() } satisfies InstanceAsk);
      await answered;
      waiting.delete(n);
      const done = performance.now();
      latencies.push(done - t);
      trace?.push(`${Math.round(t - t0)} ${(done - t).toFixed(1)} ${runs.indexOf(run)}`);
      gapMs = Math.max(gapMs, done - last);
      last = done;
    }
  };
  await Promise.all(Array.from({ length: inFlight }, (_, i) => slot(runs[i % runs.length] as ChildProcess)));
  const seconds = (performance.now() - t0) / 1000;
  for (const run of runs) run.off('message', onMessage);
  if (trace)
    appendFileSync(process.env.BENCH_TRACE as string, `# ${tag} ${runs.length}\n${trace.join('\n')}\n`);
  const driverStallMs = monitor.stop();
  return { eps: total / seconds, latencies: latencies.sort((a, b) => a - b), gapMs, driverStallMs };
}
