import type { APIMessage } from 'discord-api-types/v10';
import { afterEach, describe, expect, it } from 'vitest';
import type { Reply } from '../../../src/core/index.js';
import { IDS } from './fixtures/gateway.js';
import { alice } from './fixtures/interactions.js';
import { shown, textOf } from './harness.js';
import { startInstances } from './instances.js';
import { keyOf, walkTo } from './staff-helpers.js';

type Instances = Awaited<ReturnType<typeof startInstances>>;
let bots: Instances | undefined;
afterEach(async () => {
  await bots?.stop();
  bots = undefined;
});

const STAFF = { DISCORD_STAFF_CHANNEL_ID: IDS.staffChannel };
/** Submitted on Friday 27 Nov; the 2–4 business-day window ends Thursday 3 Dec. */
const DAY_AFTER_WINDOW = new Date('2026-12-04T10:00:00Z');
const info = (text: string): Reply => ({ kind: 'info', text, language: 'en' });
/** What a message the fake holds says. */
const said = (m: APIMessage) => textOf({ content: m.content, embeds: m.embeds });

/** The two instances' notifiers: the first sends, the second re-sends what the first may not have saved. */
const notifiers = (b: Instances) => b.instances.map((h) => h.notifier);

describe('a proactive message another instance sends again after a crash', () => {
  it('reaches the person once: the re-sent reminder carries the same nonce and Discord drops it', async () => {
    bots = await startInstances(2, { env: STAFF });
    const [first, second] = bots.instances;
    if (!first || !second) throw new Error('two instances');
    await walkTo(bots.asOne, alice, 'verification-review');
    const before = bots.fake.messagesIn(IDS.dmChannel).length;
    first.test.clock.set(DAY_AFTER_WINDOW);
    expect(await first.test.bot.remind()).toBe(1);
    const reminder = first.test.sent.find((s) => s.to === keyOf(alice));
    if (!reminder) throw new Error('no reminder went out');
    // The first instance crashed before its sweep was saved; the second sends the same reminder again.
    expect(await second.notifier.notify(keyOf(alice), reminder.replies)).toBe(true);

    const held = bots.fake.messagesIn(IDS.dmChannel).slice(before);
    expect(held.map(said)).toEqual([expect.stringContaining('Did it come through?')]);
    const creates = bots.fake.dmsTo(IDS.alice).slice(-2);
    expect(creates.map((r) => r.body.enforce_nonce)).toEqual([true, true]);
    const [nonce, again] = creates.map((r) => r.body.nonce);
    expect(typeof nonce === 'string' && nonce.length <= 25 && nonce === again).toBe(true);
  });

  it('lets two different reminders both arrive', async () => {
    bots = await startInstances(2);
    const [one, two] = notifiers(bots);
    await one?.notify(keyOf(alice), [info('Your review should be back by now.')]);
    await two?.notify(keyOf(alice), [info('A new step is waiting for you.')]);
    const texts = bots.fake.messagesIn(IDS.dmChannel).map(said);
    expect(texts).toEqual([
      expect.stringContaining('Your review should be back by now.'),
      expect.stringContaining('A new step is waiting for you.'),
    ]);
  });

  it('posts a staff notice once, and a reply that became several messages once each', async () => {
    bots = await startInstances(2, { env: STAFF });
    const many = Array.from({ length: 12 }, (_, i) => info(`Point ${i + 1} of the notice.`));
    for (const notifier of notifiers(bots)) await notifier.notifyStaff(keyOf(alice), many);
    const creates = bots.fake.posted(IDS.staffChannel);
    const held = bots.fake.messagesIn(IDS.staffChannel);
    expect(held.length).toBeGreaterThan(1); // more embeds than one message takes
    expect(creates).toHaveLength(2 * held.length);
    expect(held.map(said).join('\n')).toContain('Point 12 of the notice.');
    expect(new Set(creates.map((r) => r.body.nonce)).size).toBe(held.length);
    expect(textOf(shown(creates[0]))).toContain('Point 1 of the notice.');
  });
});
