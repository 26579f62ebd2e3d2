/**
 * Child: the plain lowdb store (whole file rewritten per change) through the same bot, a few events one
 * at a time, on a copy of the same store. Then the bot alone on a memory store with the same people,
 * 200 in flight: the ceiling the core sets before any store cost. Prints one JSON line.
 */
import { copyFile } from 'node:fs/promises';
import { openLowdbStore } from '../src/store/lowdb.js';
import { createMemoryStore } from '../src/store/memory.js';
import { benchBot, drive, eventSource } from './measure.js';

const [file, peopleArg] = process.argv.slice(2) as [string, string];
const people = Number(peopleArg);
const copy = `${file}.lowdb.json`;
await copyFile(file, copy);
const t0 = performance.now();
const lowdb = await openLowdbStore(copy);
const openS = (performance.now() - t0) / 1000;
const events = people >= 100_000 ? 5 : people >= 10_000 ? 30 : 200;
const lowdbBot = await benchBot(lowdb);
const baseline = await drive(
  (e) => lowdbBot.handle(e),
  eventSource(people, `${process.pid}-base`),
  events,
  1,
);

// The bot alone, on the same people in memory: the ceiling the core sets before any store cost.
const memory = createMemoryStore();
for (const p of await lowdb.all()) await memory.save(p);
const bot = await benchBot(memory);
const ceiling = await drive(
  (e) => bot.handle({ user: e.user, text: e.text ?? '' }),
  eventSource(people, 'core'),
  20_000,
  200,
);

console.log(
  JSON.stringify({
    baselineEps: baseline.eps,
    baselineEvents: events,
    baselineOpenS: openS,
    coreEps: ceiling.eps,
  }),
);
