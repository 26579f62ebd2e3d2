import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openLowdbStore } from '../../src/store/lowdb.js';
import { makeTestBot, type TestBot } from '../helpers/bot.js';
import { shown } from '../helpers/staff.js';

const ann = 'console:local:ann';
const dir = await mkdtemp(join(tmpdir(), 'guidepost-reminders-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Walks ann to the verification review, submitting at `at`. */
async function submitVerification(tb: TestBot, at: Date): Promise<void> {
  await tb.bot.handle({ user: ann, text: 'start' });
  for (let i = 0; i < 5; i++) await tb.bot.handle({ user: ann, text: 'done' });
  tb.clock.set(at);
  await tb.bot.handle({ user: ann, text: 'done' });
}

/** Runs the reminder check every hour from `from` to `to`; returns when each message went out. */
async function hourly(tb: TestBot, from: string, to: string): Promise<string[]> {
  const times: string[] = [];
  for (let t = Date.parse(from); t <= Date.parse(to); t += 60 * 60 * 1000) {
    tb.clock.set(new Date(t));
    const before = tb.sent.length;
    await tb.bot.remind();
    for (const s of tb.sent.slice(before))
      times.push(
        `${new Date(t).toISOString().slice(0, 13)} ${s.to ? 'person' : 'staff'} ${s.replies[0]?.kind}`,
      );
  }
  return times;
}

describe('review follow-ups', () => {
  it('asks a Friday submitter once, on the day after the 4th business day, never on the weekend; staff a day later', async () => {
    const tb = await makeTestBot({ at: new Date('2026-11-20T09:00:00Z') });
    await submitVerification(tb, new Date('2026-11-27T15:00:00Z')); // Friday
    const sent = await hourly(tb, '2026-11-27T16:00:00Z', '2026-12-09T12:00:00Z');
    // Business days 1-4: Mon 30 Nov - Thu 3 Dec. Asked Friday 4 Dec; staff told Monday 7 Dec (a further business day).
    expect(sent).toEqual(['2026-12-04T00 person reminder', '2026-12-07T00 staff admin']);
    const ask = tb.sent[0]?.replies[0];
    expect(ask?.text).toContain('expected by Thu, Dec 3');
    expect(ask?.buttons?.map((b) => b.id)).toEqual([
      'done:verification-review',
      'review:verification-review:waiting',
      'review:verification-review:rejected',
    ]);
    expect(shown(tb.sent[1]?.replies[0])?.text).toContain(
      'console:local:ann has been waiting on “Wait for the verification review” 2 business days past',
    );
  });

  it('never asks again once they answered, and a restart neither repeats nor loses the question', async () => {
    const file = join(dir, 'restart.json');
    const first = await makeTestBot({
      store: await openLowdbStore(file),
      at: new Date('2026-11-20T09:00:00Z'),
    });
    await submitVerification(first, new Date('2026-11-27T15:00:00Z'));
    expect(await hourly(first, '2026-12-03T12:00:00Z', '2026-12-04T02:00:00Z')).toEqual([
      '2026-12-04T00 person reminder',
    ]);
    // The process restarts: a new bot on the same file.
    const second = await makeTestBot({
      store: await openLowdbStore(file),
      at: new Date('2026-12-04T03:00:00Z'),
    });
    expect(await hourly(second, '2026-12-04T03:00:00Z', '2026-12-04T23:00:00Z')).toEqual([]);
    await second.bot.handle({ user: ann, action: 'review:verification-review:waiting' });
    const later = await hourly(second, '2026-12-05T00:00:00Z', '2026-12-10T00:00:00Z');
    expect(later.filter((s) => s.includes('person'))).toEqual([]);
    expect(later).toEqual(['2026-12-07T00 staff admin']);
  });

  it('a restart before the due day does not lose the question', async () => {
    const file = join(dir, 'restart-early.json');
    const first = await makeTestBot({
      store: await openLowdbStore(file),
      at: new Date('2026-11-20T09:00:00Z'),
    });
    await submitVerification(first, new Date('2026-11-27T15:00:00Z'));
    expect(await hourly(first, '2026-11-30T00:00:00Z', '2026-12-02T00:00:00Z')).toEqual([]);
    const second = await makeTestBot({ store: await openLowdbStore(file) });
    expect(await hourly(second, '2026-12-02T00:00:00Z', '2026-12-04T12:00:00Z')).toEqual([
      '2026-12-04T00 person reminder',
    ]);
  });

  it('counts configured holidays as days off', async () => {
    const tb = await makeTestBot({ at: new Date('2026-11-20T09:00:00Z'), holidays: ['2026-12-01'] });
    await submitVerification(tb, new Date('2026-11-27T15:00:00Z'));
    const sent = await hourly(tb, '2026-12-03T00:00:00Z', '2026-12-07T12:00:00Z');
    expect(sent[0]).toBe('2026-12-07T00 person reminder');
  });

  it('“Rejected: what now?” takes the person back to the step where they submit', async () => {
    const tb = await makeTestBot();
    await submitVerification(tb, new Date('2026-11-27T15:00:00Z'));
    const replies = await tb.bot.handle({ user: ann, action: 'review:verification-review:rejected' });
    expect(replies[0]?.kind).toBe('warning');
    expect(replies[1]?.stepId).toBe('business-license');
    expect((await tb.store.load(ann))?.current).toBe('business-license');
  });
});

describe('idle nudges', () => {
  it('nudges once after REMIND_AFTER_DAYS business days idle, with a Resume button, in quiet hours never', async () => {
    const tb = await makeTestBot({ at: new Date('2026-11-23T10:00:00Z'), remindAfterDays: 3 }); // Monday
    await tb.bot.handle({ user: ann, text: 'start', timeZone: 'Asia/Shanghai' });
    const sent = await hourly(tb, '2026-11-23T11:00:00Z', '2026-12-02T00:00:00Z');
    // Thursday 26 Nov is the 3rd business day; 00:00 UTC is 08:00 in Shanghai (quiet), 01:00 UTC is 09:00.
    expect(sent).toEqual(['2026-11-26T01 person reminder']);
    expect(tb.sent[0]?.replies[0]?.buttons?.[0]).toMatchObject({ id: 'start', label: 'Resume' });
  });

  it('sends nothing to someone who muted reminders until they unmute', async () => {
    const tb = await makeTestBot({ at: new Date('2026-11-23T10:00:00Z') });
    await tb.bot.handle({ user: ann, text: 'start' });
    await tb.bot.handle({ user: ann, text: 'mute' });
    expect(await hourly(tb, '2026-11-24T00:00:00Z', '2026-12-03T00:00:00Z')).toEqual([]);
    await tb.bot.handle({ user: ann, text: 'unmute' });
    tb.clock.set(new Date('2026-12-08T10:00:00Z'));
    expect(await tb.bot.remind()).toBe(1);
  });

  it('tells Slack and terminal people to type mute, and Discord people to use /onboard mute', async () => {
    const tb = await makeTestBot({ at: new Date('2026-11-23T10:00:00Z') });
    const people = ['console:local:ann', 'slack:T1:U1', 'discord:dm:1400000000000000001'];
    for (const user of people) await tb.bot.handle({ user, text: 'start' });
    tb.clock.set(new Date('2026-11-26T10:00:00Z'));
    expect(await tb.bot.remind()).toBe(3);
    const text = (user: string) => tb.sent.find((s) => s.to === user)?.replies[0]?.text ?? '';
    for (const user of ['console:local:ann', 'slack:T1:U1']) {
      expect(text(user), user).toContain('Type **mute**');
      expect(text(user), user).not.toContain('/onboard');
    }
    const discord = text('discord:dm:1400000000000000001');
    expect(discord).toContain('`/onboard mute`');
    expect(discord).not.toContain('**mute**');
  });

  it('sends nobody anything when they have finished or never started', async () => {
    const tb = await makeTestBot({ at: new Date('2026-11-23T10:00:00Z') });
    await tb.bot.handle({ user: ann, text: 'status' });
    await tb.bot.handle({ user: 'console:local:bob', text: 'start' });
    for (let i = 0; i < 11; i++) await tb.bot.handle({ user: 'console:local:bob', text: 'done' });
    expect(await hourly(tb, '2026-11-24T00:00:00Z', '2026-12-10T00:00:00Z')).toEqual([]);
  });
});

describe('talk to a person', () => {
  it('posts the person’s progress to staff once a day and tells the person someone will reach out', async () => {
    const tb = await makeTestBot();
    await tb.bot.handle({ user: ann, text: 'start' });
    await tb.bot.handle({ user: ann, text: 'done' });
    const [reply] = await tb.bot.handle({ user: ann, action: 'escalate:activate' });
    expect(reply?.text).toContain('someone will reach out');
    expect(tb.sent).toHaveLength(1);
    expect(tb.sent[0]?.staff).toBe(ann);
    expect(shown(tb.sent[0]?.replies[0])?.text).toContain(
      'console:local:ann asked to talk to a person. They are on “Activate your account from the email” (1/11 steps done)',
    );
    const [again] = await tb.bot.handle({ user: ann, action: 'escalate:activate' });
    expect(again?.text).toContain('already asked');
    expect(tb.sent).toHaveLength(1);
  });

  it('every step offers the button', async () => {
    const tb = await makeTestBot();
    const replies = [...(await tb.bot.handle({ user: ann, text: 'start' }))];
    for (let i = 0; i < 10; i++) replies.push(...(await tb.bot.handle({ user: ann, text: 'done' })));
    const steps = replies.filter((r) => r.kind === 'step');
    expect(steps).toHaveLength(11);
    for (const s of steps) expect(s.buttons?.map((b) => b.id)).toContain(`escalate:${s.stepId}`);
  });
});
