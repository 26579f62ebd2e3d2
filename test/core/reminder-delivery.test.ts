import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ProgressStore, UserKey } from '../../src/core/index.js';
import { openLowdbStore } from '../../src/store/lowdb.js';
import { createMemoryStore } from '../../src/store/memory.js';
import { makeTestBot, type TestBot } from '../helpers/bot.js';
import { withSave } from './store-doubles.js';

const ann = 'console:local:ann';
const bob = 'console:local:bob';
const MINUTE = 60 * 1000;
const monday = new Date('2026-11-23T10:00:00Z');
/** With REMIND_AFTER_DAYS=3, someone idle since Monday is due a nudge from Thursday 00:00 UTC. */
const thursday = '2026-11-26T00:00:00Z';
const dir = await mkdtemp(join(tmpdir(), 'guidepost-delivery-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Runs the reminder check every 5 minutes (a short REMINDER_CHECK_MINUTES) from `from` to `to`. */
async function sweep(tb: TestBot, from: string, to: string): Promise<void> {
  for (let t = Date.parse(from); t <= Date.parse(to); t += 5 * MINUTE) {
    tb.clock.set(new Date(t));
    await tb.bot.remind();
  }
}
const failedAttempts = (tb: TestBot) =>
  tb.logs.filter((l) => l.message === 'reminder could not be delivered').length;
const gaveUp = (tb: TestBot) => tb.logs.filter((l) => l.level === 'warn' && /given up/.test(l.message));

describe('a reminder that cannot be delivered', () => {
  it('is tried again after 15 minutes, 1 hour and 4 hours, then given up for this step with a warning', async () => {
    const tb = await makeTestBot({ at: monday, unreachable: [ann] });
    await tb.bot.handle({ user: ann, text: 'start' });
    await sweep(tb, thursday, '2026-11-27T23:55:00Z');
    // 00:00 fails; again at 00:15, 01:15 and 05:15; then no more for this visit of the step.
    expect(failedAttempts(tb)).toBe(4);
    expect(gaveUp(tb)).toHaveLength(1);
    expect(gaveUp(tb)[0]?.context).toMatchObject({ user: ann, kind: 'idle-nudge', attempts: 4 });
    expect((await tb.store.load(ann))?.history ?? []).toEqual([]);
  });

  it('is marked sent only once it was delivered: the retry after the person is reachable again goes out, once', async () => {
    const unreachable: UserKey[] = [ann];
    const tb = await makeTestBot({ at: monday, unreachable });
    await tb.bot.handle({ user: ann, text: 'start' });
    tb.clock.set(new Date(thursday));
    expect(await tb.bot.remind()).toBe(0);
    unreachable.length = 0; // they open their DMs again
    await sweep(tb, '2026-11-26T00:05:00Z', '2026-11-27T12:00:00Z');
    expect(tb.sent.map((s) => [s.to, s.replies[0]?.kind])).toEqual([[ann, 'reminder']]);
    expect(tb.sent[0]?.replies[0]?.buttons?.[0]?.id).toBe('start');
    const p = await tb.store.load(ann);
    expect(p?.history?.map((h) => [h.kind, h.at])).toEqual([['idle-nudge', '2026-11-26T00:15:00.000Z']]);
    expect(p?.undelivered).toBeUndefined();
  });

  it('is not due again at once when the process stops right after writing the failed attempt', async () => {
    // The process stops (a kill, a deploy) after the write that counts the attempt: no later write lands.
    let stopped = false;
    const memory = createMemoryStore(() => Date.parse(thursday));
    const store = withSave(memory, async (progress, deliveryId) => {
      if (stopped) throw new Error('the process has stopped');
      const saved = await memory.save(progress, deliveryId);
      if (progress.undelivered) stopped = true;
      return saved;
    });
    const tb = await makeTestBot({ store, at: monday, unreachable: [ann] });
    await tb.bot.handle({ user: ann, text: 'start' });
    tb.clock.set(new Date(thursday));
    await tb.bot.remind();
    expect((await memory.load(ann))?.undelivered?.attempts).toBe(1);
    // Another instance's sweep a minute later is not handed them (with no lease, they would be due now).
    const later = (minutes: number) => new Date(Date.parse(thursday) + minutes * MINUTE);
    expect(await memory.due(later(1), 10)).toEqual([]);
    expect(await memory.due(later(15), 10)).toEqual([ann]);
  });

  it('keeps its back-off across a restart, so an unreachable person is not tried at every check', async () => {
    const file = join(dir, 'backoff.json');
    const first = await makeTestBot({ store: await openLowdbStore(file), at: monday, unreachable: [ann] });
    await first.bot.handle({ user: ann, text: 'start' });
    await sweep(first, thursday, '2026-11-26T00:20:00Z'); // fails at 00:00 and 00:15
    expect(failedAttempts(first)).toBe(2);
    await first.store.close();
    const second = await makeTestBot({ store: await openLowdbStore(file), unreachable: [ann] });
    await sweep(second, '2026-11-26T00:25:00Z', '2026-11-26T01:10:00Z');
    expect(failedAttempts(second)).toBe(0); // the next try is an hour after the second
    await sweep(second, '2026-11-26T01:15:00Z', '2026-11-26T01:15:00Z');
    expect(failedAttempts(second)).toBe(1);
    expect((await second.store.load(ann))?.undelivered?.attempts).toBe(3);
    await second.store.close();
  });
});

/** A store that cannot save one person's record (their disk sector is gone), like a real EIO. */
function failingFor(store: ProgressStore, who: UserKey): ProgressStore & { failing: boolean } {
  const wrapped = Object.assign(
    withSave(store, async (progress, deliveryId) => {
      if (wrapped.failing && progress.user === who)
        throw Object.assign(new Error('i/o error'), { code: 'EIO' });
      return store.save(progress, deliveryId);
    }),
    { failing: false },
  );
  return wrapped;
}

describe('one person’s trouble never stops the others’ reminders', () => {
  it('a record whose time zone Intl does not know is read as UTC, and everyone is reminded', async () => {
    const tb = await makeTestBot({ at: monday });
    for (const user of [ann, bob]) await tb.bot.handle({ user, text: 'start' });
    // A record saved before time zones were checked.
    const old = await tb.store.load(ann);
    if (!old) throw new Error('ann has no record');
    await tb.store.save({ ...old, timeZone: 'Mars/Olympus' });
    tb.clock.set(new Date('2026-11-26T10:00:00Z'));
    expect(await tb.bot.remind()).toBe(2);
    expect(tb.sent.map((s) => s.to).sort()).toEqual([ann, bob]);
    expect(tb.logs.filter((l) => l.level === 'error')).toEqual([]);
  });

  it('a person whose record cannot be saved is logged with their key and the error code; the others are reminded', async () => {
    const store = failingFor(
      createMemoryStore(() => Date.parse(thursday)),
      ann,
    );
    const tb = await makeTestBot({ store, at: monday });
    for (const user of [ann, bob]) await tb.bot.handle({ user, text: 'start' });
    store.failing = true;
    tb.clock.set(new Date('2026-11-26T10:00:00Z'));
    await tb.bot.remind();
    expect(tb.sent.filter((s) => s.to === bob)).toHaveLength(1);
    const errors = tb.logs.filter((l) => l.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.context).toMatchObject({ user: ann, err: { name: 'Error', code: 'EIO' } });
  });

  it('a time zone the platform reports that Intl does not know is ignored; a known one is kept by its IANA name', async () => {
    const tb = await makeTestBot({ at: monday });
    await tb.bot.handle({ user: bob, text: 'start', timeZone: 'Mars/Olympus' });
    for (let i = 0; i < 5; i++) await tb.bot.handle({ user: bob, text: 'done', timeZone: '+05:00' });
    const [review] = await tb.bot.handle({ user: bob, text: 'done', timeZone: 'Mars/Olympus' });
    expect(review?.kind).toBe('step');
    expect(review?.text).toContain('expect an answer between');
    expect((await tb.store.load(bob))?.timeZone).toBeUndefined();
    await tb.bot.handle({ user: ann, text: 'start', timeZone: 'america/los_angeles' });
    expect((await tb.store.load(ann))?.timeZone).toBe('America/Los_Angeles');
    await tb.bot.handle({ user: ann, text: 'status', timeZone: 'Mars/Olympus' });
    expect((await tb.store.load(ann))?.timeZone).toBe('America/Los_Angeles');
  });
});
