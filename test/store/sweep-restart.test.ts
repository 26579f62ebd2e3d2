import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { Notifier, UserKey } from '../../src/core/index.js';
import { openStore } from '../../src/store/journal-store.js';
import { makeTestBot, yieldToLoop } from '../helpers/bot.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs();
const monday = new Date('2026-11-23T10:00:00Z');
const friday = new Date('2026-11-27T10:00:00Z');
const people = (n: number): UserKey[] => Array.from({ length: n }, (_, i) => `console:local:p${i}`);

/** A notifier as slow as a paced platform (a few ms a message), recording who got what, in order. */
function slowNotifier(received: UserKey[], onSend: (count: number) => void): Notifier {
  return {
    async notify(user) {
      await sleep(5);
      received.push(user);
      onSend(received.length);
      return true;
    },
    async notifyStaff() {},
  };
}

/** The bot as main.ts builds it, on the journaled store in `file`, with the test's notifier and clock. */
async function botOn(file: string, at: Date, notifier: Notifier) {
  const store = await openStore(file, { now: () => at.getTime() });
  const tb = await makeTestBot({ store, at, notifier, yieldNow: yieldToLoop });
  return { tb, bot: tb.bot, store };
}

describe('a sweep stopped half-way, then a restart on the same store', () => {
  it('reminds everyone due exactly once in total: nobody twice, nobody missed', async () => {
    const file = join(await tempDir(), 'onboarding.json');
    const everyone = people(30);
    // Thirty people start on Monday and do nothing more: all due a nudge by Friday.
    {
      const { tb, store } = await botOn(
        file,
        monday,
        slowNotifier([], () => {}),
      );
      for (const user of everyone) await tb.bot.handle({ user, text: 'start' });
      await store.close();
    }

    const received: UserKey[] = [];
    const stop = new AbortController();
    const first = await botOn(
      file,
      friday,
      slowNotifier(received, (n) => n === 12 && stop.abort()),
    );
    const sentBefore = await first.bot.remind({ signal: stop.signal });
    // Stopped in the middle of the twelfth person: that one is finished and saved, nobody else is taken.
    expect(sentBefore).toBe(12);
    expect(received).toHaveLength(12);
    await first.store.close();

    // The restart: the store reopened from disk, a new bot, the next sweep.
    const second = await botOn(
      file,
      new Date(friday.getTime() + 60_000),
      slowNotifier(received, () => {}),
    );
    const sentAfter = await second.bot.remind();
    await second.store.close();

    expect(sentBefore + sentAfter).toBe(30);
    expect([...received].sort()).toEqual([...everyone].sort());
    expect(new Set(received).size).toBe(received.length);
  });

  it('an already stopped sweep takes nobody', async () => {
    const file = join(await tempDir(), 'onboarding.json');
    const { tb, store } = await botOn(
      file,
      monday,
      slowNotifier([], () => {}),
    );
    for (const user of people(3)) await tb.bot.handle({ user, text: 'start' });
    await store.close();
    const received: UserKey[] = [];
    const later = await botOn(
      file,
      friday,
      slowNotifier(received, () => {}),
    );
    expect(await later.bot.remind({ signal: AbortSignal.abort() })).toBe(0);
    expect(received).toEqual([]);
    expect(await later.bot.remind()).toBe(3);
    await later.store.close();
  });
});
