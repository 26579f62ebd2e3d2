import { describe, expect, it } from 'vitest';
import type { ProgressStore, UserKey } from '../../src/core/index.js';
import { createMemoryStore } from '../../src/store/memory.js';
import { makeTestBot } from '../helpers/bot.js';
import { withPort } from './store-doubles.js';

const monday = new Date('2026-11-23T10:00:00Z');
const people = (n: number): UserKey[] => Array.from({ length: n }, (_, i) => `console:local:p${i}`);

/** The memory store, noting whose records are read, with `all()` refused: the sweep must not need it. */
function countingStore(at: () => Date): ProgressStore & { read: Set<UserKey> } {
  const inner = createMemoryStore(() => at().getTime());
  const read = new Set<UserKey>();
  const store = withPort(inner, {
    load: (user) => {
      read.add(user);
      return inner.load(user);
    },
    all: () => Promise.reject(new Error('the sweep read everyone')),
  });
  return { ...store, read };
}

describe('the reminder sweep asks the store who is due', () => {
  it('reminds everyone due without reading every record, and looks only at those who may be due', async () => {
    let now = monday;
    const store = countingStore(() => now);
    const tb = await makeTestBot({ at: monday, store });
    for (const user of people(30)) await tb.bot.handle({ user, text: 'start' });
    // Ten of them act on Thursday: not idle long enough by Friday.
    tb.clock.set(new Date('2026-11-26T10:00:00Z'));
    now = new Date('2026-11-26T10:00:00Z');
    for (const user of people(10)) await tb.bot.handle({ user, text: 'tick 1' });

    // Friday: the twenty idle since Monday get their nudge; the ten active since Thursday are not read.
    now = new Date('2026-11-27T10:00:00Z');
    tb.clock.set(now);
    store.read.clear();
    expect(await tb.bot.remind()).toBe(20);
    expect(tb.sent.map((s) => s.to).sort()).toEqual(people(30).slice(10).sort());
    expect([...store.read].sort()).toEqual(people(30).slice(10).sort());

    // A quarter of an hour later, nobody is due: nobody is read at all.
    now = new Date('2026-11-27T10:20:00Z');
    tb.clock.set(now);
    store.read.clear();
    expect(await tb.bot.remind()).toBe(0);
    expect(store.read.size).toBe(0);
  });

  it('finds a record written before reminder times were kept, and reminds it', async () => {
    const store = createMemoryStore(() => Date.parse('2026-11-27T10:00:00Z'));
    const tb = await makeTestBot({ at: new Date('2026-11-27T10:00:00Z'), store });
    await tb.bot.handle({ user: 'console:local:old', text: 'start' });
    const record = await store.load('console:local:old');
    if (!record) throw new Error('no record');
    // As an older version saved it: no reminder time, last active a week ago.
    const { remindAt: _, ...old } = record;
    await store.save({ ...old, activeAt: '2026-11-18T10:00:00.000Z', updatedAt: '2026-11-18T10:00:00.000Z' });
    expect(await tb.bot.remind()).toBe(1);
  });
});
