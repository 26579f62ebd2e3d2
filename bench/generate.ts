/**
 * Child: writes a store of N people (our snapshot layout) and a journal just under the snapshot limit.
 * `generate.ts <file> <people> [spread]`: with `spread`, the people the dashboard bench reads
 * (bench/spread.ts: time zones, start weeks, finished, waiting on reviews, asking for a person).
 */
import { writeFile } from 'node:fs/promises';
import { loadFlow } from '../src/flows/load.js';
import { DEFAULT_JOURNAL_LIMIT } from '../src/store/journal-store.js';
import { journalLine } from '../src/store/replay.js';
import { writeSnapshot } from '../src/store/snapshot.js';
import { StoreState } from '../src/store/state.js';
import { userKey } from './measure.js';
import { personAt, stamped } from './people.js';
import { spreadProgress } from './spread.js';

const [file, peopleArg, mode] = process.argv.slice(2) as [string, string, string | undefined];
const people = Number(peopleArg);
const flow = await loadFlow();
const now = Date.now();

/** Someone part-way through the real flow: earlier steps done and ticked, the current one begun. */
const progressJson = (i: number): string => JSON.stringify(stamped(flow, personAt(flow, i, now)));

const recordJson =
  mode === 'spread'
    ? (i: number) => JSON.stringify(stamped(flow, spreadProgress(flow, userKey(i), i, now)))
    : progressJson;

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
