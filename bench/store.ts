/**
 * `npm run bench`: the journaled store at 1,000, 10,000 and 100,000 people, through the real bot's
 * handle(), against the plain lowdb write-per-change baseline. Each size runs in fresh child processes
 * (generate, measure, baseline) so peak RSS belongs to the measured run alone. Files live in a temp
 * folder on the machine's disk and are removed afterwards.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { jsonPackages } from '../deploy/json-packages.mjs';
import { mb, round, weekdayShiftMs } from './measure.js';

/**
 * The V8 settings `npm start` itself uses (its `--max-…` options), read from package.json: the measured
 * run has the memory the bot has in production, not settings of its own.
 */
const NODE_FLAGS = (
  JSON.parse(readFileSync(fileURLToPath(new URL('../package.json', import.meta.url)), 'utf8')) as {
    scripts: { start: string };
  }
).scripts.start
  .split(/\s+/)
  .filter((arg) => arg.startsWith('--max-'));
const SIZES = (process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);

/**
 * The measured run as `npm start` runs the bot: bundled by esbuild, as deploy/build.mjs bundles it, and
 * run by plain node (no tsx loader thread in its memory). Inside dist/ so that node_modules resolve.
 */
const MEASURED = fileURLToPath(new URL('../dist/bench/run-size.js', import.meta.url));
execFileSync(process.execPath, [fileURLToPath(new URL('../deploy/build.mjs', import.meta.url))], {
  cwd: fileURLToPath(new URL('..', import.meta.url)),
});
await build({
  entryPoints: [fileURLToPath(new URL('./run-size.ts', import.meta.url))],
  outfile: MEASURED,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  plugins: [jsonPackages],
  logLevel: 'warning',
});

// biome-ignore lint/suspicious/noExplicitAny: each child prints its own JSON figures
function child(script: string, args: string[], flags: string[] = []): any {
  const path = fileURLToPath(new URL(`./${script}`, import.meta.url));
  const run = script.endsWith('.js') ? [script] : ['--import', 'tsx', path];
  const out = execFileSync(process.execPath, [...flags, ...run, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  return JSON.parse(out.trim().split('\n').pop() as string);
}

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
