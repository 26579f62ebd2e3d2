/** The lines `npm run bench -- --store postgres` prints for each run. */
import type { InstanceFigures } from './bot-instance.js';
import { percentile, round } from './measure.js';
import type { Measured } from './pg-bench.js';

const sum = (figures: InstanceFigures[], f: (x: InstanceFigures) => number) =>
  figures.reduce((s, x) => s + f(x), 0);

/** Where a change's time went as the bot waited for it: ms a transaction, each part. */
function changeParts(figures: InstanceFigures[]): string {
  const transactions = sum(figures, (f) => f.db.transactions);
  const parts = new Map<string, number>();
  for (const f of figures)
    for (const [k, ms] of Object.entries(f.db.ms)) parts.set(k, (parts.get(k) ?? 0) + ms);
  return [...parts]
    .filter(([, ms]) => ms >= 0.005 * transactions)
    .map(([k, ms]) => `${k} ${round(ms / Math.max(1, transactions), 2)}`)
    .join(', ');
}

/** The CPU seconds the bench's own processes spent over the run: instances, driver, PostgreSQL. */
const ownCpuS = (m: Measured): number =>
  sum(m.figures, (f) => f.cpuS) +
  m.driverCpuS +
  (m.server ? m.server.backendCpuS + m.server.walWriterCpuS : 0);

/** The machine's cores over the run, and how many of them went to work outside the bench (Linux). */
function machineCores(m: Measured): { busy: number; others: number; steal: number } | undefined {
  if (!m.machine) return undefined;
  const { busyCores, stealCores, wallS } = m.machine;
  return { busy: busyCores, others: Math.max(0, busyCores - ownCpuS(m) / wallS), steal: stealCores };
}

/** The machine in words: a run that shared its cores with other work is not comparable with one that did not. */
function machineWords(m: Measured): string {
  const c = machineCores(m);
  if (!c) return '';
  return ` · machine ${round(c.busy, 2)} cores busy, ${round(c.others, 2)} of them outside the bench, ${round(c.steal, 2)} stolen`;
}

/** How a paced run was sent, in words; nothing for a run as fast as the fleet answers. */
const pacing = (m: Measured): string =>
  m.paced
    ? ` · paced at ${m.paced}/s (latency from when each event was due, ${m.run.peakInFlight} in flight at most)`
    : '';

/** The run in words, with what says where its time went. */
export function show(m: Measured, events: number): string {
  const { run, figures, server } = m;
  const perEvent = (seconds: number) => round((seconds * 1000) / events, 2);
  const cpu = `bot ${perEvent(sum(figures, (f) => f.cpuS))}, driver ${perEvent(m.driverCpuS)}`;
  const where = server
    ? `\n    ${round(sum(figures, (f) => f.db.roundTrips) / events, 2)} round trips and ${round(server.commits / events, 2)} commits an event; ` +
      `a change, ms as the bot waits: ${changeParts(figures)}` +
      `\n    WAL flushes (whole server): ${round(server.walSyncs / Math.max(1, server.commits), 2)} a commit, ` +
      `${round(server.walSyncMs / Math.max(1, server.walSyncs), 2)} ms each · CPU ms an event: ${cpu}, ` +
      `PostgreSQL ${perEvent(server.backendCpuS)} + WAL writer ${perEvent(server.walWriterCpuS)}`
    : `\n    CPU ms an event: ${cpu}`;
  return (
    `${m.store} · ${m.people} people · ${m.instances} instance${m.instances > 1 ? 's' : ''}${pacing(m)}: ` +
    `${round(run.eps, 0)} events/s, p50 ${round(percentile(run.latencies, 50))} ms, ` +
    `p99 ${round(percentile(run.latencies, 99))} ms, stall ${round(run.gapMs)} ms ` +
    `(event loop ${round(Math.max(...figures.map((f) => f.stallMs)))} ms, driver's ${round(run.driverStallMs)} ms) · ` +
    `peak RSS ${round(Math.max(...figures.map((f) => f.rssMb)), 0)} MB · load ${m.load}${machineWords(m)}${where}`
  );
}

/** One machine-readable line a run. */
export const line = (m: Measured): string =>
  `bench store=${m.store} people=${m.people} instances=${m.instances}${m.paced ? ` paced=${m.paced}` : ''} eps=${round(m.run.eps, 0)} ` +
  `p50_ms=${round(percentile(m.run.latencies, 50))} p99_ms=${round(percentile(m.run.latencies, 99))} ` +
  `stall_ms=${round(m.run.gapMs)} loop_stall_ms=${round(Math.max(...m.figures.map((f) => f.stallMs)))} load=${m.load}` +
  machineFields(m);

/** The machine's figures for the machine-readable line, when there is a reading. */
function machineFields(m: Measured): string {
  const c = machineCores(m);
  return c
    ? ` busy_cores=${round(c.busy, 2)} others_cores=${round(c.others, 2)} steal_cores=${round(c.steal, 2)}`
    : '';
}
