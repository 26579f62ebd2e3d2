/**
 * Child: the plain lowdb store (whole file rewritten per change) through the same bot, a few events one
 * at a time, on a copy of the same store. Then the bot alone on a memory store with the same people,
 * 200 in flight: the ceiling the core sets before any store cost. Prints one JSON line.
 */
import { copyFile } from 'node:fs/promises';
import { createBot, type ProgressStore } from '../src/core/index.js';
import { loadFlow } from '../src/flows/load.js';
import { loadTranslator } from '../src/i18n/translator.js';
import { openLowdbStore } from '../src/store/lowdb.js';
import { createMemoryStore } from '../src/store/memory.js';
import { drive, eventSource, silentLogger } from './measure.js';

const [file, peopleArg] = process.argv.slice(2) as [string, string];
const people = Number(peopleArg);
const [flow, translator] = await Promise.all([loadFlow(), loadTranslator()]);
const botOn = (store: ProgressStore) =>
  createBot({
    flow,
    store,
    translator,
    clock: { now: () => new Date() },
    logger: silentLogger,
    defaultLanguage: 'en',
  });

const copy = `${file}.lowdb.json`;
await copyFile(file, copy);
const t0 = performance.now();
const lowdb = await openLowdbStore(copy);
const openS = (performance.now() - t0) / 1000;
const events = people >= 100_000 ? 5 : people >= 10_000 ? 30 : 200;
const lowdbBot = botOn(lowdb);
const baseline = await drive(
  (e) => lowdbBot.handle(e),
  eventSource(people, `${process.pid}-base`),
  events,
  1,
);

// The memory store's own delivery pruning scans every id per save: give it ids it never keeps.
const memory = createMemoryStore();
for (const p of await lowdb.all()) await memory.save(p);
const bot = botOn(memory);
const ceiling = await drive(
  (e) => bot.handle({ user: e.user, text: e.text }),
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
