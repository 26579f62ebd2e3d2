import { describe, expect, it } from 'vitest';
import { makeTestBot, type TestBot } from '../helpers/bot.js';

const ann = 'console:local:ann';

/** Walks ann to the verification review, submitting at `at` (Friday 27 Nov: the window ends Thursday 3 Dec). */
async function submitVerification(tb: TestBot, at: Date): Promise<void> {
  await tb.bot.handle({ user: ann, text: 'start' });
  for (let i = 0; i < 5; i++) await tb.bot.handle({ user: ann, text: 'done' });
  tb.clock.set(at);
  await tb.bot.handle({ user: ann, text: 'done' });
}
const staffNotices = (tb: TestBot) => tb.sent.filter((s) => s.staff).map((s) => s.replies[0]?.text ?? '');
const escalate = async (tb: TestBot) =>
  (await tb.bot.handle({ user: ann, action: 'escalate:verification-review' }))[0]?.text ?? '';

describe('history keeps what the limits read', () => {
  it('100 “Still waiting” clicks neither let the person escalate twice a day nor re-send the staff “late” alert', async () => {
    const tb = await makeTestBot({ at: new Date('2026-11-20T09:00:00Z') });
    await submitVerification(tb, new Date('2026-11-27T15:00:00Z'));
    tb.clock.set(new Date('2026-12-07T10:00:00Z')); // Monday: two business days late
    expect(await tb.bot.remind()).toBe(2); // the question to the person and the staff alert
    expect(await escalate(tb)).toContain('someone will reach out');
    expect(staffNotices(tb)).toHaveLength(2);

    for (let i = 0; i < 100; i++)
      await tb.bot.handle({ user: ann, action: 'review:verification-review:waiting' });
    expect(await escalate(tb)).toContain('already asked');
    tb.clock.set(new Date('2026-12-08T10:00:00Z'));
    expect(await tb.bot.remind()).toBe(0);
    expect(staffNotices(tb)).toHaveLength(2);
    // The clicks are recorded once, not a hundred times.
    const history = (await tb.store.load(ann))?.history ?? [];
    expect(history.filter((h) => h.kind === 'review-answer')).toHaveLength(1);
  });

  it('a clock that ran a year ahead and was put right does not block “Talk to a person”', async () => {
    const tb = await makeTestBot({ at: new Date('2027-11-27T10:00:00Z') });
    await submitVerification(tb, new Date('2027-11-27T10:00:00Z'));
    expect(await escalate(tb)).toContain('someone will reach out');
    tb.clock.set(new Date('2026-11-30T10:00:00Z')); // the clock is corrected
    expect(await escalate(tb)).toContain('someone will reach out');
    expect(staffNotices(tb)).toHaveLength(2);
    tb.clock.set(new Date('2026-11-30T11:00:00Z'));
    expect(await escalate(tb)).toContain('already asked'); // still once a day in real time
  });
});

describe('a person’s own restart', () => {
  it('keeps their mute, their time zone and the once-a-day limit on “Talk to a person”', async () => {
    const tb = await makeTestBot({ at: new Date('2026-11-23T10:00:00Z') });
    await tb.bot.handle({ user: ann, text: 'start', timeZone: 'Asia/Shanghai' });
    await tb.bot.handle({ user: ann, text: 'mute' });
    await tb.bot.handle({ user: ann, action: 'escalate:register' });
    await tb.bot.handle({ user: ann, text: 'restart' });
    const again = await tb.bot.handle({ user: ann, text: 'yes' });
    expect(again.find((r) => r.kind === 'step')?.stepId).toBe('register');
    const p = await tb.store.load(ann);
    expect(p?.muted).toBe(true);
    expect(p?.timeZone).toBe('Asia/Shanghai');
    const [asked] = await tb.bot.handle({ user: ann, action: 'escalate:register' });
    expect(asked?.text).toContain('already asked');
    // Idle on the first step for a week: still no reminder, as they asked.
    for (let day = 24; day <= 30; day++) {
      tb.clock.set(new Date(`2026-11-${day}T03:00:00Z`));
      await tb.bot.remind();
    }
    expect(tb.sent.filter((s) => s.to)).toEqual([]);
  });
});
