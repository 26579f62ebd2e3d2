/**
 * `npm run bench`: the journaled store at 1,000, 10,000 and 100,000 people, through the real bot's
 * handle(), against the plain lowdb write-per-change baseline. Each size runs in fresh child processes
 * (generate, measure, baseline) so peak RSS belongs to the measured run alone. Files live in a temp
 * folder on the machine's disk and are removed afterwards.
 *
 * `npm run bench -- dashboard`: the staff dashboard's pages over HTTP at 10,000 and 100,000 people, and
 * the bot's chat latency with and without them (bench/dashboard.ts).
 *
 * `npm run bench -- --store postgres`: 1, 2 and 3 bot instances sharing one PostgreSQL database at
 * 10,000 and 100,000 people, 200 events in flight, beside the JSON store driven the same way
 * (bench/pg-bench.ts). `--store json` is the default run above.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundled, child, NODE_FLAGS } from './children.js';
import { dashboardBench } from './dashboard.js';
import { mb, round, weekdayShiftMs } from './measure.js';
import { postgresBench } from './pg-bench.js';

const [what, store] = process.argv.slice(2);
if (what === 'dashboard') await dashboardBench();
else if (what === '--store' && store === 'postgres') await postgresBench();
else if (what !== undefined && !(what === '--store' && store === 'json'))
  throw new Error(
    `npm run bench [-- dashboard | --store json | --store postgres]: unknown ${what} ${store ?? ''}`,
  );
else await storeBench();

async function storeBench(): Promise<void> {
  const SIZES = (process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);
  const MEASURED = await bundled('run-size.ts');
  const lines: string[] = [];
  const dir = await mkdtemp(join(tmpdir(), 'guidepost-bench-'));
  try {
    console.log(
      `guidepost store bench · node ${process.version} · measured run (bundled, plain node): ${NODE_FLAGS.join(' ')}` +
        (weekdayShiftMs() ? ' · a weekend: the bot clock runs on Monday, so reminders are due' : ''),
    );
    for (const people of SIZES) {
      const file = join(dir, `store-${people}.json`);
      const gen = child('generate.ts', [file, String(people)]);
      const proc = child('start-process.ts', [file]);
      const r = child(MEASURED, [file, String(people)], NODE_FLAGS);
      const b = child('baseline.ts', [file, String(people)]);
      const ratio = r.seqEps / b.baselineEps;
      console.log(
        `\n${people} people · record ${gen.avgRecordBytes} B avg · journal at start ${mb(gen.journalBytes)} MB\n` +
          `  one at a time : ${round(r.seqEps, 0)} events/s, p50 ${round(r.seqP50, 2)} ms, p99 ${round(r.seqP99, 2)} ms\n` +
          `  200 in flight : ${round(r.concEps, 0)} events/s, p50 ${round(r.concP50)} ms, p99 ${round(r.concP99)} ms` +
          ` (the bot alone on a memory store: ${round(b.coreEps, 0)} events/s)\n` +
          `  staff answers: slowest ${round(r.adminMs, 0)} ms (${Object.entries(
            r.perQuestionMs as Record<string, number>,
          )
            .map(([q, ms]) => `${q} ${round(ms, 0)}`)
            .join(', ')}), longest stall ${round(r.adminStallMs, 0)} ms\n` +
          `  reminder sweep: ${round(r.sweepMs, 0)} ms, ${r.sweepSent} sent, longest stall ${round(r.sweepStallMs, 0)} ms\n` +
          `  longest event-loop stall ${round(r.stallMs)} ms · snapshots ${r.snapshots}, longest ${r.snapshotMsMax} ms · close ${round(r.closeMs, 0)} ms\n` +
          `  npm start to healthy ${round(proc.readyS, 2)} s, SIGTERM to exit ${round(proc.stopS, 2)} s (exit ${proc.exitCode})\n` +
          `  start-up ${round(r.startS, 2)} s · file ${mb(r.fileBytes)} MB · peak RSS ${round(r.rssMb, 0)} MB` +
          ` (after start ${r.afterStart}, after one-at-a-time ${r.afterSeq}, after in-flight ${r.afterConc})\n` +
          `  plain lowdb: ${round(b.baselineEps, 2)} events/s over ${b.baselineEvents} events (open ${round(b.baselineOpenS, 2)} s) · ratio ${round(ratio, 0)}`,
      );
      lines.push(
        `bench people=${people} seq_eps=${round(r.seqEps, 0)} seq_p99_ms=${round(r.seqP99)} conc_eps=${round(r.concEps, 0)} ` +
          `conc_p99_ms=${round(r.concP99, 0)} stall_ms=${round(r.stallMs, 0)} admin_ms=${round(r.adminMs, 0)} ` +
          `admin_stall_ms=${round(r.adminStallMs, 0)} sweep_stall_ms=${round(r.sweepStallMs, 0)} start_s=${round(r.startS)} process_start_s=${round(proc.readyS)} rss_mb=${round(r.rssMb, 0)} ` +
          `baseline_eps=${round(b.baselineEps)} ratio=${round(ratio, 0)}`,
      );
      await rm(file, { force: true });
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  console.log(`\n${lines.join('\n')}`);
}
