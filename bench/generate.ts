/**
 * Child: writes a store of N people (our snapshot layout) and a journal just under the snapshot limit.
 * `generate.ts <file> <people> [spread]`: with `spread`, the people the dashboard bench reads
 * (bench/spread.ts: time zones, start weeks, finished, waiting on reviews, asking for a person).
 */
import { writeFile } from 'node:fs/promises';
import { type Progress, placedSteps } from '../src/core/index.js';
import { withReminderTime } from '../src/core/reminder-time.js';
import { loadFlow } from '../src/flows/load.js';
import { DEFAULT_JOURNAL_LIMIT } from '../src/store/journal-store.js';
import { journalLine } from '../src/store/replay.js';
import { writeSnapshot } from '../src/store/snapshot.js';
import { StoreState } from '../src/store/state.js';
import { userKey } from './measure.js';
import { spreadProgress } from './spread.js';

const [file, peopleArg, mode] = process.argv.slice(2) as [string, string, string | undefined];
const people = Number(peopleArg);
const flow = await loadFlow();
const steps = placedSteps(flow).map(({ step }) => step);
const DAY = 86_400_000;
const now = Date.now();
const iso = (ago: number) => new Date(now - ago).toISOString();

/** Someone part-way through the real flow: earlier steps done and ticked, the current one begun. */
function progressJson(i: number): string {
  // Most people are in the first stage; fewer get further (about 600 bytes a record on average).
  const at = Math.floor((steps.length * ((i * 7919) % 1000) ** 2) / 1_000_000);
  const record: Record<string, object> = {};
  steps.slice(0, at + 1).forEach((step, k) => {
    const done = k < at;
    record[step.id] = {
      enteredAt: iso((at - k + 1) * 86_400_000),
      ...(done ? { doneAt: iso((at - k) * 86_400_000) } : {}),
      ticked: done ? step.checklist : step.checklist.slice(0, 1),
    };
  });
  // Last seen an hour to five days ago: some are idle long enough for a reminder when the sweep runs.
  const active = iso(3_600_000 + ((i * 31) % 6) * DAY);
  const progress: Progress = {
    user: userKey(i),
    flowId: 'reseller',
    flowVersion: 1,
    ...(i % 7 === 0 ? { locale: 'zh-CN' } : {}),
    current: steps[at]?.id ?? null,
    steps: record as Progress['steps'],
    startedAt: iso((at + 2) * 86_400_000),
    activeAt: active,
    updatedAt: active,
  };
  return stamped(progress);
}

/** As this version writes every record: with the time its next reminder may be due. */
const stamped = (progress: Progress): string =>
  JSON.stringify(withReminderTime(flow, progress, { remindAfterDays: 3, holidays: new Set() }));

const recordJson =
  mode === 'spread' ? (i: number) => stamped(spreadProgress(flow, userKey(i), i, now)) : progressJson;

const state = new StoreState();
let bytes = 0;
for (let i = 0; i < people; i++) {
  const json = recordJson(i);
  bytes += json.length;
  state.users.set(userKey(i), json);
  if (i % 10 === 0) state.deliveries.add(`Ev-${i}`, now - 60_000);
}
await writeSnapshot(file, state, now);
let journal = '';
for (let n = 0; journal.length < DEFAULT_JOURNAL_LIMIT - 64 * 1024; n++) {
  const i = Math.floor(Math.random() * people);
  journal += journalLine(recordJson(i), `J-${n}`, now - 30_000);
}
await writeFile(`${file}.journal`, journal);
console.log(JSON.stringify({ avgRecordBytes: Math.round(bytes / people), journalBytes: journal.length }));
