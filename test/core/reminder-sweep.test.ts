import { describe, expect, it } from 'vitest';
import type { ProgressStore, UserKey } from '../../src/core/index.js';
import { createMemoryStore } from '../../src/store/memory.js';
import { makeTestBot, type TestBot, yieldToLoop } from '../helpers/bot.js';
import { withPort } from './store-doubles.js';

const monday = new Date('2026-11-23T10:00:00Z');
const friday = new Date('2026-11-27T10:00:00Z');
const people = (n: number): UserKey[] => Array.from({ length: n }, (_, i) => `console:local:p${i}`);

/** `n` people who started on Monday and did nothing since; the clock is then moved to Friday, when all are due. */
async function idleSinceMonday(n: number, store: ProgressStore = createMemoryStore(() => Date.now())) {
  const tb = await makeTestBot({ at: monday, store });
  for (const user of people(n)) await tb.bot.handle({ user, text: 'start' });
  tb.clock.set(friday);
  return tb;
}

/** A second bot on the test bot's store, as main.ts builds it (it yields with setImmediate), on Friday. */
const mainLikeBot = async (tb: TestBot) =>
  (await makeTestBot({ store: tb.store, at: friday, yieldNow: yieldToLoop })).bot;

describe('the reminder sweep', () => {
  it('lets the rest of the process run while it works (a timer due meanwhile fires before it ends)', async () => {
    const tb = await idleSinceMonday(300);
    let ticks = 0;
    const timer = setInterval(() => {
      ticks += 1;
    }, 1);
    try {
      const sweep = (await mainLikeBot(tb)).remind();
      const ticksAtStart = ticks;
      expect(await sweep).toBe(300);
      // The memory store answers at once (microtasks only): without yields between people, no timer
      // could have run until the whole sweep was done.
      expect(ticks).toBeGreaterThan(ticksAtStart);
    } finally {
      clearInterval(timer);
    }
  });

  it('a second call while a sweep runs joins it: nobody is reminded twice', async () => {
    const tb = await idleSinceMonday(20);
    const bot = await mainLikeBot(tb);
    const [a, b] = await Promise.all([bot.remind(), bot.remind()]);
    expect(a).toBe(20);
    expect(b).toBe(20);
    expect(await bot.remind()).toBe(0);
  });

  it('people whose records cannot be read do not hide those due after them, however many', async () => {
    const inner = createMemoryStore(() => Date.now());
    // The first 250 in the index's order (same reminder time, then user key): more than a batch.
    const inOrder = people(260).sort();
    const unreadable = new Set(inOrder.slice(0, 250));
    const store = withPort(inner, {
      load: (user) => (unreadable.has(user) ? Promise.reject(new Error('unreadable')) : inner.load(user)),
    });
    await idleSinceMonday(260, inner);
    const tb = await makeTestBot({ store, at: friday });
    const { bot } = tb;
    expect(await bot.remind()).toBe(10);
    expect(tb.sent.map((s) => s.to).sort()).toEqual(inOrder.slice(250));
  });
});
