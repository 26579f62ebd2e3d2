/**
 * The driver of `npm run bench -- --store postgres`: starts bot instances (bench/bot-instance.ts, each
 * its own process) and sends them events two ways: as fast as they answer with a number in flight
 * (`driveFleet`), and at a steady rate (`paceFleet`), timing each event to its replies' arrival.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import type { IncomingEvent } from '../src/core/index.js';
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
  /** Each event's time (ms) from its send (paced: from when it was due to be sent) to its replies, sorted. */
  latencies: number[];
  /** The longest time (ms) in which no event was answered. */
  gapMs: number;
  /** The driver's own longest event-loop stall (ms): a stall here delays every answer. */
  driverStallMs: number;
  /** Paced runs: the most events that were in flight at once. */
  peakInFlight?: number;
}

/** Events sent to the instances, each answered when its replies come back, whichever instance it went to. */
function fleetChannel(runs: ChildProcess[]) {
  const waiting = new Map<number, () => void>();
  let n = 0;
  const onMessage = (m: { n?: number }) => {
    if (m.n === undefined) return;
    waiting.get(m.n)?.();
    waiting.delete(m.n);
  };
  for (const run of runs) run.on('message', onMessage);
  return {
    ask(run: ChildProcess, event: IncomingEvent): Promise<void> {
      const id = n++;
      const answered = new Promise<void>((resolve) => waiting.set(id, resolve));
      run.send({ n: id, event } satisfies InstanceAsk);
      return answered;
    },
    close: () => {
      for (const run of runs) run.off('message', onMessage);
    },
  };
}

/** What both ways of driving record: latencies, the longest gap, an optional trace, the driver's stall. */
function recorder(runs: ChildProcess[], tag: string, traced: boolean) {
  const latencies: number[] = [];
  // BENCH_TRACE=<file> (a probe): each event's send time, latency (ms) and instance, a line each.
  const trace = process.env.BENCH_TRACE && traced ? ([] as string[]) : undefined;
  const monitor = stallMonitor();
  const t0 = performance.now();
  let last = t0;
  let gapMs = 0;
  return {
    t0,
    answered(run: ChildProcess, sentAt: number) {
      const done = performance.now();
      latencies.push(done - sentAt);
      trace?.push(`${Math.round(sentAt - t0)} ${(done - sentAt).toFixed(1)} ${runs.indexOf(run)}`);
      gapMs = Math.max(gapMs, done - last);
      last = done;
    },
    end(): FleetRun {
      if (trace)
        appendFileSync(process.env.BENCH_TRACE as string, `# ${tag} ${runs.length}\n${trace.join('\n')}\n`);
      const seconds = (last - t0) / 1000;
      const driverStallMs = monitor.stop();
      return {
        eps: latencies.length / seconds,
        latencies: latencies.sort((a, b) => a - b),
        gapMs,
        driverStallMs,
      };
    },
  };
}

/**
 * `total` events for random people among `people`, `inFlight` at a time over all `runs` (a closed loop:
 * each slot belongs to one instance and sends its next event when the last is answered). This finds the
 * most the fleet can do; its latencies are then those of a saturated fleet, 200 in flight over the rate.
 */
export async function driveFleet(
  runs: ChildProcess[],
  people: number,
  total: number,
  inFlight: number,
  tag: string,
  options = { trace: true },
): Promise<FleetRun> {
  const next = eventSource(people, tag);
  const channel = fleetChannel(runs);
  const record = recorder(runs, tag, options.trace);
  let sent = 0;
  const slot = async (run: ChildProcess) => {
    while (sent < total) {
      sent++;
      const t = performance.now();
      await channel.ask(run, next());
      record.answered(run, t);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, (_, i) => slot(runs[i % runs.length] as ChildProcess)));
  channel.close();
  return record.end();
}

/**
 * `total` events at a steady `rate` a second (an open loop: event k is due at k / rate, whatever came
 * back), each to the next instance in turn as a load balancer sends them, at most `maxInFlight` at once.
 * Each latency counts from when the event was due, so an event held back by the limit or by a late
 * driver counts its wait too (no coordinated omission). A fleet that cannot keep up shows it at once:
 * the latencies grow without bound and the rate falls below `rate`.
 */
export async function paceFleet(
  runs: ChildProcess[],
  people: number,
  total: number,
  rate: number,
  maxInFlight: number,
  tag: string,
): Promise<FleetRun> {
  const next = eventSource(people, tag);
  const channel = fleetChannel(runs);
  const record = recorder(runs, tag, true);
  const dueAt = (k: number) => record.t0 + (k * 1000) / rate;
  let sent = 0;
  let answered = 0;
  let peakInFlight = 0;
  const inFlight = () => sent - answered;
  // The one wake-up pending for the next event due (an answer that sends does not arm another).
  let timer: NodeJS.Timeout | undefined;
  await new Promise<void>((finish) => {
    const wake = () => {
      timer = undefined;
      send();
    };
    const send = () => {
      const now = performance.now();
      while (sent < total && inFlight() < maxInFlight && dueAt(sent) <= now) {
        const due = dueAt(sent);
        const run = runs[sent % runs.length] as ChildProcess;
        sent++;
        peakInFlight = Math.max(peakInFlight, inFlight());
        void channel.ask(run, next()).then(() => {
          record.answered(run, due);
          if (++answered === total) finish();
          else send();
        });
      }
      // Held by the limit: the next answer sends. Else wake when the next event is due.
      if (sent < total && inFlight() < maxInFlight && !timer)
        timer = setTimeout(wake, Math.max(0, dueAt(sent) - performance.now()));
    };
    send();
  });
  channel.close();
  return { ...record.end(), peakInFlight };
}
