import { InteractionResponseType, MessageFlags } from 'discord-api-types/v10';
import { afterEach, describe, expect, it } from 'vitest';
import { IDS } from './fixtures/gateway.js';
import { alice, click, shownMessage } from './fixtures/interactions.js';
import { callbackType, customIdsOf, type Harness, nextId, shown, startHarness, textOf } from './harness.js';
import { keyOf, noPings, onboard, press, seenAs, walkTo } from './staff-helpers.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const STAFF = { DISCORD_STAFF_CHANNEL_ID: IDS.staffChannel };
/** Submitted on Friday 27 Nov; the 2–4 business-day window ends Thursday 3 Dec. */
const DAY_AFTER_WINDOW = new Date('2026-12-04T10:00:00Z');
const A_FURTHER_DAY_LATE = new Date('2026-12-07T10:00:00Z');
describe('Discord proactive messages', () => {
  it('asks about a review past its window in a DM, whose buttons work like any other', async () => {
    h = await startHarness({ env: STAFF });
    await walkTo(h, alice, 'verification-review');
    expect(await h.test.bot.remind()).toBe(0);
    expect(h.fake.dmsTo(IDS.alice)).toEqual([]);

    h.test.clock.set(DAY_AFTER_WINDOW);
    expect(await h.test.bot.remind()).toBe(1);
    const [dm, ...more] = h.fake.dmsTo(IDS.alice);
    expect(more).toEqual([]);
    expect(h.fake.requests.find((r) => r.path === '/api/v10/users/@me/channels')?.body).toEqual({
      recipient_id: IDS.alice,
    });
    const reminder = shown(dm);
    expect(textOf(reminder)).toContain('Did it come through?');
    const buttons = (reminder.components ?? []).flatMap((row) => row.components);
    expect(buttons.map((b) => ('label' in b ? b.label : ''))).toEqual([
      'Approved',
      'Still waiting',
      'Rejected: what now?',
    ]);
    expect(customIdsOf(reminder)).toEqual([
      'done:verification-review',
      'review:verification-review:waiting',
      'review:verification-review:rejected',
    ]);
    expect(await h.test.bot.remind()).toBe(0); // once

    const waiting = await press(h, reminder, 'review:verification-review:waiting', {
      who: alice,
      where: 'dm',
    });
    expect(waiting.flags).toBeUndefined();
    expect(textOf(waiting)).toContain('Thanks for letting me know');
    const [approved] = await h.interact(
      click({
        id: nextId(),
        customId: 'done:verification-review',
        message: shownMessage(nextId(), reminder, 'dm'),
        where: 'dm',
      }),
    );
    expect(callbackType(approved)).toBe(InteractionResponseType.UpdateMessage);
    expect(textOf(shown(approved))).toContain('Enter your company information');
    expect(textOf(await onboard(h, 'status', alice))).toContain('7/11');

    expect(h.fake.posted(IDS.staffChannel)).toEqual([]);
    noPings(h);
  });

  it('tells the staff channel when a review is a further business day late', async () => {
    h = await startHarness({ env: STAFF });
    await walkTo(h, alice, 'verification-review');
    h.test.clock.set(A_FURTHER_DAY_LATE);
    expect(await h.test.bot.remind()).toBe(2); // the person's question and the staff alert
    const [post, ...more] = h.fake.posted(IDS.staffChannel);
    expect(more).toEqual([]);
    expect(textOf(shown(post))).toContain(keyOf(alice));
    noPings(h);
  });

  it('reports an unreachable person (50007) as false, without crashing or retrying', async () => {
    h = await startHarness({ env: STAFF });
    await walkTo(h, alice, 'verification-review');
    h.fake.dmClosed = true;
    expect(await h.notifier.notify(keyOf(alice), [{ kind: 'info', text: 'Hello', language: 'en' }])).toBe(
      false,
    );
    h.test.clock.set(DAY_AFTER_WINDOW);
    expect(await h.test.bot.remind()).toBe(0); // nothing went out: retried later, with back-off
    expect(await h.test.bot.remind()).toBe(0); // not at once again
    expect(h.fake.dmsTo(IDS.alice)).toHaveLength(2); // one refused attempt each
    expect(h.test.logs.some((l) => l.message === 'reminder could not be delivered')).toBe(true);
    expect(
      h.logs.entries.filter((e) => e.message === 'discord DMs closed, proactive message not delivered'),
    ).toHaveLength(2);
    expect(h.logs.entries.filter((e) => e.level === 'error')).toEqual([]);
    expect(await h.notifier.notify('slack:T1:U1', [{ kind: 'info', text: 'Hello', language: 'en' }])).toBe(
      false,
    );
    expect(textOf(await onboard(h, 'status', alice))).toContain('6/11');
  });

  it('delivers a proactive message with a file, described as Discord expects (attachment id a string)', async () => {
    h = await startHarness();
    const file = {
      name: 'progress.csv',
      mimeType: 'text/csv',
      body: async function* () {
        yield 'user,';
        yield 'step\n';
      },
    };
    expect(
      await h.notifier.notify(keyOf(alice), [{ kind: 'info', text: 'Your export', file, language: 'en' }]),
    ).toBe(true);
    const [dm, ...more] = h.fake.dmsTo(IDS.alice);
    expect(more).toEqual([]);
    expect(h.fake.refused).toEqual([]);
    expect(dm?.files.map((f) => [f.name, f.content])).toEqual([['progress.csv', 'user,step\n']]);
    expect(shown(dm).attachments).toEqual([{ id: '0', filename: 'progress.csv' }]);
  });

  it('posts "Talk to a person" to the staff channel and answers the person', async () => {
    h = await startHarness({ env: STAFF });
    const start = await onboard(h, 'start', alice);
    const answer = await press(h, start, 'escalate:register', { who: alice });
    expect(answer.flags).toBe(MessageFlags.Ephemeral);
    expect(textOf(answer)).toMatch(/reach out/i);
    const [post, ...more] = h.fake.posted(IDS.staffChannel);
    expect(more).toEqual([]);
    expect(textOf(shown(post))).toContain(`${seenAs(alice)} asked to talk to a person`);
    expect(textOf(shown(post))).toContain('Fill in the registration form');
    noPings(h);
  });

  it('still answers the person when no staff channel is set, and says so in the logs', async () => {
    h = await startHarness();
    expect(h.logs.entries.some((e) => e.level === 'warn' && /DISCORD_STAFF_CHANNEL_ID/.test(e.message))).toBe(
      true,
    );
    const start = await onboard(h, 'start', alice);
    const answer = await press(h, start, 'escalate:register', { who: alice });
    expect(textOf(answer)).toMatch(/reach out/i);
    expect(h.logs.entries.some((e) => e.message.startsWith('discord staff notice dropped'))).toBe(true);
    expect(h.fake.requests.filter((r) => r.path.startsWith('/api/v10/channels/'))).toEqual([]);
  });
});
