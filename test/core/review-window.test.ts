import { describe, expect, it } from 'vitest';
import { makeTestBot, type TestBot } from '../helpers/bot.js';

const ann = 'console:local:ann';
const staff = 'console:local:staff';
const HOUR = 60 * 60 * 1000;

/** Walks ann (in `timeZone`) to the verification review, submitting at `at`; returns the step's text. */
async function submitVerification(tb: TestBot, at: Date, timeZone: string): Promise<string> {
  await tb.bot.handle({ user: ann, text: 'start', timeZone });
  for (let i = 0; i < 5; i++) await tb.bot.handle({ user: ann, text: 'done' });
  tb.clock.set(at);
  const [step] = await tb.bot.handle({ user: ann, text: 'done' });
  return step?.text ?? '';
}

/** Runs the reminder check every hour from `from` to `to`; returns when each message went out (UTC hour). */
async function hourly(tb: TestBot, from: string, to: string): Promise<string[]> {
  const times: string[] = [];
  for (let t = Date.parse(from); t <= Date.parse(to); t += HOUR) {
    tb.clock.set(new Date(t));
    const before = tb.sent.length;
    await tb.bot.remind();
    for (const s of tb.sent.slice(before))
      times.push(`${new Date(t).toISOString().slice(0, 13)} ${s.to ? 'person' : 'staff'}`);
  }
  return times;
}

const stuckList = async (tb: TestBot, at: string) => {
  tb.clock.set(new Date(at));
  return (await tb.bot.handle({ user: staff, text: 'admin list stuck' }))[0]?.title;
};

// Each submits on Friday 27 Nov 2026 at 10:00 their time; 2–4 business days means "by Thu, Dec 3" for all.
// They are asked on the next business day, Friday 4 Dec, at 09:00 their time (quiet hours end), and staff
// hear on the business day after that, Monday 7 Dec, as it begins in the person's zone.
const people = [
  {
    zone: 'America/Los_Angeles',
    submitted: '2026-11-27T18:00:00Z',
    lastDayNoon: '2026-12-03T20:00:00Z',
    asked: '2026-12-04T17',
    staff: '2026-12-07T08',
  },
  {
    zone: 'Asia/Shanghai',
    submitted: '2026-11-27T02:00:00Z',
    lastDayNoon: '2026-12-03T04:00:00Z',
    asked: '2026-12-04T01',
    staff: '2026-12-06T16',
  },
  {
    zone: 'UTC',
    submitted: '2026-11-27T10:00:00Z',
    lastDayNoon: '2026-12-03T12:00:00Z',
    asked: '2026-12-04T09',
    staff: '2026-12-07T00',
  },
];

describe('review windows in the person’s own calendar', () => {
  for (const person of people) {
    it(`${person.zone}: not asked on the window's last day, asked at 09:00 the next business day, staff a day later`, async () => {
      const tb = await makeTestBot({ at: new Date('2026-11-20T12:00:00Z'), admins: [staff] });
      const shown = await submitVerification(tb, new Date(person.submitted), person.zone);
      expect(shown).toContain('You submitted on Fri, Nov 27');
      expect(shown).toContain('expect an answer between Tue, Dec 1 and Thu, Dec 3');

      const sent = await hourly(tb, '2026-12-02T00:00:00Z', '2026-12-08T00:00:00Z');
      expect(sent).toEqual([`${person.asked} person`, `${person.staff} staff`]);
      const ask = tb.sent[0]?.replies[0]?.text;
      expect(ask).toContain('You submitted on Fri, Nov 27');
      expect(ask).toContain('expected by Thu, Dec 3');
    });

    it(`${person.zone}: admin list stuck counts them only once the window's last day is over`, async () => {
      const tb = await makeTestBot({ at: new Date('2026-11-20T12:00:00Z'), admins: [staff] });
      await submitVerification(tb, new Date(person.submitted), person.zone);
      expect(await stuckList(tb, person.lastDayNoon)).toBe('People: 0 · stuck');
      const nextDayNoon = new Date(Date.parse(person.lastDayNoon) + 24 * HOUR).toISOString();
      expect(await stuckList(tb, nextDayNoon)).toBe('People: 1 · stuck');
    });
  }

  it('a submission late on Friday evening west of UTC (Saturday in UTC) still counts from Friday', async () => {
    const tb = await makeTestBot({ at: new Date('2026-11-20T12:00:00Z') });
    // 19:30 on Friday 27 Nov in Los Angeles is 03:30 on Saturday in UTC.
    const shown = await submitVerification(tb, new Date('2026-11-28T03:30:00Z'), 'America/Los_Angeles');
    expect(shown).toContain('You submitted on Fri, Nov 27');
    expect(shown).toContain('between Tue, Dec 1 and Thu, Dec 3');
  });
});
