import { afterEach, describe, expect, it } from 'vitest';
import type { ShownMessage } from './fake-slack.js';
import { dmOf, PERSON } from './fixtures/payloads.js';
import { buttonsOf, type Harness, type HarnessOptions, startHarness } from './harness.js';
import {
  ADMIN,
  card,
  key,
  mention,
  responses,
  STAFF_CHANNEL,
  seenAs,
  walkToReview,
  words,
} from './staff-helpers.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const start = async (options: HarnessOptions = { staffChannel: STAFF_CHANNEL }) => {
  h = await startHarness({ admins: [key(ADMIN)], ...options });
  return h;
};
const staffPosts = (hh: Harness) => hh.fake.conversation(STAFF_CHANNEL);
const at = (hh: Harness, iso: string) => hh.tb.clock.set(new Date(iso));

describe('reminders arrive as DMs', () => {
  it('a review past its window: asked once in the DM (not at night in their Slack time zone), and "Still waiting" is recorded', async () => {
    const hh = await start();
    hh.fake.profiles.set(PERSON, { tz: 'Asia/Shanghai' });
    await walkToReview(hh); // entered Friday 27 Nov 2026, 10:00 UTC; the window ends Thursday 3 Dec
    expect((await hh.tb.store.load(key(PERSON)))?.timeZone).toBe('Asia/Shanghai');
    const shown = hh.dm().length;

    at(hh, '2026-12-03T17:00:00Z'); // Friday 01:00 in Shanghai: quiet hours
    expect(await hh.tb.bot.remind()).toBe(0);
    at(hh, '2026-12-04T02:00:00Z'); // Friday 10:00 in Shanghai
    expect(await hh.tb.bot.remind()).toBe(1);
    expect(hh.dm()).toHaveLength(shown + 1);
    const reminder = hh.dm().at(-1) as ShownMessage;
    expect(reminder.channel).toBe(dmOf(PERSON));
    expect(reminder.blocks[0]?.text.text).toBe('Wait for the verification review');
    expect(buttonsOf(reminder).map((b) => [b.action_id, b.text.text])).toEqual([
      ['done:verification-review', 'Approved'],
      ['review:verification-review:waiting', 'Still waiting'],
      ['review:verification-review:rejected', 'Rejected: what now?'],
    ]);

    await hh.click(reminder, 'Still waiting');
    await hh.settle();
    const p = await hh.tb.store.load(key(PERSON));
    expect(p?.history).toContainEqual(
      expect.objectContaining({ kind: 'review-answer', stepId: 'verification-review', detail: 'waiting' }),
    );
    expect(hh.dm().at(-1)?.text).toContain('Reviews sometimes take longer than usual');
    expect(p?.current).toBe('verification-review');
    at(hh, '2026-12-04T06:00:00Z');
    expect(await hh.tb.bot.remind()).toBe(0);
    expect(staffPosts(hh)).toEqual([]);

    at(hh, '2026-12-07T02:00:00Z'); // Monday: a further business day late, so staff hear of it
    expect(await hh.tb.bot.remind()).toBe(1);
    expect(words(staffPosts(hh).at(-1))).toContain(key(PERSON));
  });

  it('a DM Slack refuses: the reminder is reported undelivered, logged with its code, nothing thrown', async () => {
    const hh = await start();
    await hh.command('');
    await hh.settle();
    hh.fake.fail('chat.postMessage', 'is_archived', 1);
    await hh.admin(`nudge ${mention(PERSON)}`, { user: ADMIN });
    await hh.settle();
    expect(responses(hh).at(-1)?.text).toContain(`I could not reach ${seenAs(PERSON)}`);
    expect(hh.logs).toContainEqual(
      expect.objectContaining({
        message: 'slack web api call failed',
        context: expect.objectContaining({ method: 'chat.postMessage', error: 'is_archived' }),
      }),
    );
  });
});

describe('"Talk to a person"', () => {
  it('posts the person and their progress to SLACK_STAFF_CHANNEL and tells them', async () => {
    const hh = await start();
    await hh.command('');
    await hh.settle();
    await hh.click(card(hh) as ShownMessage, 'Talk to a person');
    await hh.settle();
    const [post, ...more] = staffPosts(hh);
    expect(more).toEqual([]);
    expect(words(post)).toContain(key(PERSON));
    expect(words(post)).toContain('Fill in the registration form');
    expect(hh.dm().at(-1)?.text).toContain("I've asked the onboarding team to get in touch with you");
    const p = await hh.tb.store.load(key(PERSON));
    expect(p?.history).toContainEqual(expect.objectContaining({ kind: 'escalated', stepId: 'register' }));
  });

  it('without SLACK_STAFF_CHANNEL: logged as a warning, and the person is still answered', async () => {
    const hh = await start({});
    await hh.command('');
    await hh.settle();
    await hh.click(card(hh) as ShownMessage, 'Talk to a person');
    await hh.settle();
    expect(hh.logs).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        message: 'SLACK_STAFF_CHANNEL is not set: a staff notice was not posted',
      }),
    );
    expect(hh.fake.calls.filter((c) => String(c.args.channel).startsWith('C'))).toEqual([]);
    expect(hh.dm().at(-1)?.text).toContain("I've asked the onboarding team to get in touch with you");
  });
});
