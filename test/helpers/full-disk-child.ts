/**
 * Runs inside its own mount namespace on a small tmpfs mounted at argv[2] (see full-disk.test.ts): the
 * real bot on the journaled store there, the disk filled to the brim and freed again. Prints one JSON
 * line with what people were told and what the store reported at each stage.
 */
import { open, readdir, stat, truncate, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ProgressStore } from '../../src/core/index.js';
import { openStore } from '../../src/store/journal-store.js';
import { makeTestBot } from './bot.js';

const dir = process.argv[2] as string;
const file = join(dir, 'progress.json');
const filler = join(dir, 'filler');
const snapshotFailures: string[] = [];
const options = {
  journalLimitBytes: 8 * 1024,
  snapshotRetryMs: 20,
  recoveryCheckMs: 20,
  onSnapshotFailed: (error: Error) =>
    snapshotFailures.push((error as NodeJS.ErrnoException).code ?? error.name),
};

/** Writes zeros to the filler until the disk refuses, then gives back `leave` bytes. */
async function fill(leave = 0): Promise<void> {
  const fh = await open(filler, 'a');
  const block = Buffer.alloc(4096);
  try {
    for (;;) await fh.write(block);
  } catch {
    // ENOSPC: the disk is full.
  } finally {
    await fh.close();
  }
  if (leave > 0) {
    const { size } = await stat(filler);
    await truncate(filler, Math.max(0, size - leave));
  }
}

const report: Record<string, unknown> = {};
let store: ProgressStore = await openStore(file, options);
const t = await makeTestBot({ store });
const say = async (user: string, text: string, locale = 'en', deliveryId?: string) =>
  (await t.bot.handle({ user, text, locale, ...(deliveryId ? { deliveryId } : {}) }))
    .map((r) => r.text)
    .join('\n');

// Enough people that a snapshot is bigger than the space left later on.
for (let i = 0; i < 200; i++) await say(`console:local:p${i}`, 'start');
report.startedBefore = (await store.all()).length;

// 1. The disk is full: saves are refused with a translated answer; nothing is claimed or kept.
await fill();
// The journal's last page may still take a few lines: new people start until a save is refused.
const refusal = t.translator.t('en', 'common:errors.not-saved');
let refusedUser = '';
for (let i = 0; i < 40 && !refusedUser; i++) {
  const reply = await say(`console:local:en${i}`, 'start', 'en');
  if (reply === refusal) refusedUser = `console:local:en${i}`;
  else report.keptWhileFilling = i + 1;
}
report.fullEn = await say(refusedUser, 'start', 'en');
report.fullZh = await say('console:local:zh', 'start', 'zh-CN');
report.fullHealth = store.health();
report.fullKept = (await store.load(refusedUser)) !== undefined;

// 2. Space comes back: the store says so by itself, and saving resumes.
await unlink(filler);
for (let i = 0; i < 200 && !store.health().writable; i++) await sleep(50);
report.freedHealthBeforeSave = store.health();
report.freedReply = await say(refusedUser, 'start', 'en');
report.freedHealth = store.health();
report.freedKept = (await store.load(refusedUser)) !== undefined;

// 3. Nearly full: the snapshot rewrite cannot fit, but the journal lines still can.
await fill(32 * 1024);
let worked = 0;
for (let i = 0; i < 50; i++) {
  const reply = await say(`console:local:p${i}`, 'status', 'en', `near-full-${i}`);
  if (reply !== refusal) worked += 1;
}
report.nearFullSaves = worked;
// A retried rewrite (every 20 ms here) may be writing its temp file at any moment; a failed one must
// remove it, so within a few samples the folder is seen without it.
let files = (await readdir(dir)).sort();
for (let i = 0; i < 50 && files.includes('progress.json.tmp'); i++) {
  await sleep(5);
  files = (await readdir(dir)).sort();
}
report.nearFullFiles = files;
report.nearFullSnapshotFailures = [...new Set(snapshotFailures)];

// 4. Space back again: the snapshot retry succeeds on its own; everything is there after a reopen.
await unlink(filler);
const settled = async () =>
  store.health().writable && !(await readdir(dir)).includes('progress.json.journal.old');
for (let i = 0; i < 200 && !(await settled()); i++) await sleep(50);
report.finalHealth = store.health();
report.finalFiles = (await readdir(dir)).sort();

// 5. Stopped on a full disk: the last snapshot cannot be written (the journal stays), and a start on
// that full disk names the store file; once space is back it starts with everything.
// (The first save may start a rewrite of the long journal; once it is done, the second stays in the journal.)
await say('console:local:last', 'start', 'en');
const journalSize = async () => (await stat(`${file}.journal`)).size;
for (let i = 0; i < 200 && (await journalSize()) >= options.journalLimitBytes; i++) await sleep(50);
await say('console:local:last2', 'start', 'en');
// A rewrite still running would hold space in its temp file and give it back when it fails on the full
// disk, leaving room for the shutdown snapshot: wait until none is under way.
const rewriting = async () => {
  const files = await readdir(dir);
  return files.includes('progress.json.tmp') || files.includes('progress.json.journal.old');
};
for (let i = 0; i < 200 && (await rewriting()); i++) await sleep(50);
await fill();
report.closeOnFullDisk = await store.close().then(
  () => 'closed',
  (error: NodeJS.ErrnoException) => `${error.code} ${error.message}`,
);
report.startOnFullDisk = await openStore(file, options).then(
  async (opened) => {
    await opened.close().catch(() => undefined);
    return 'opened';
  },
  (error: Error) => error.message,
);
await unlink(filler);
store = await openStore(file, options);
report.reopenedPeople = (await store.all()).length;
report.reopenedDeliveries = (await Promise.all([0, 49].map((i) => store.seen(`near-full-${i}`)))).every(
  Boolean,
);
await store.close();
process.stdout.write(`${JSON.stringify(report)}\n`);
