import { Locale } from 'discord-api-types/v10';
import { afterEach, describe, expect, it } from 'vitest';
import { IDS } from './fixtures/gateway.js';
import { alice, slash } from './fixtures/interactions.js';
import { type Harness, nextId, shown, startHarness, textOf, visible } from './harness.js';
import { onboard } from './staff-helpers.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

/** Started on Friday 27 Nov 2026; three business days idle have passed by Thursday 3 Dec. */
const IDLE = new Date('2026-12-03T10:00:00Z');
/** Three business days after IDLE (Friday, Monday, Tuesday). */
const IDLE_AGAIN = new Date('2026-12-09T10:00:00Z');
/** A bare typed word in bold, as the Slack and terminal texts show it. */
const TYPED = /\*\*(mute|unmute|start|done|help)\*\*/;

describe('Discord /onboard mute and unmute', () => {
  it('registers both with zh-CN names and descriptions', async () => {
    h = await startHarness();
    const put = h.fake.requests.find((r) => r.method === 'PUT');
    const [onboardCommand] = (put?.body ?? []) as unknown as {
      options?: { name: string; name_localizations?: Record<string, string>; description: string }[];
    }[];
    const subs = onboardCommand?.options ?? [];
    for (const name of ['mute', 'unmute']) {
      const sub = subs.find((o) => o.name === name);
      expect(sub?.description, name).toMatch(/reminders/);
      expect(sub?.name_localizations?.[Locale.ChineseCN], name).toMatch(/提醒/);
    }
    expect(h.fake.refused).toEqual([]);
  });

  it('/onboard mute stops the reminders, /onboard unmute brings them back; both answer in slash commands', async () => {
    h = await startHarness();
    await onboard(h, 'start', alice);

    const muted = textOf(await onboard(h, 'mute', alice));
    expect(muted).toContain('Reminders are off');
    expect(muted).toContain('`/onboard unmute`');
    expect(muted).not.toMatch(TYPED);
    h.test.clock.set(IDLE);
    expect(await h.test.bot.remind()).toBe(0);
    expect(h.fake.dmsTo(IDS.alice)).toEqual([]);

    expect(textOf(await onboard(h, 'unmute', alice))).toContain('Reminders are back on');
    h.test.clock.set(IDLE_AGAIN);
    expect(await h.test.bot.remind()).toBe(1);
    const [dm, ...more] = h.fake.dmsTo(IDS.alice);
    expect(more).toEqual([]);
    const reminder = textOf(shown(dm));
    expect(reminder).toContain('Still on');
    expect(reminder).toContain('`/onboard mute`');
    expect(reminder).not.toMatch(TYPED);
  });

  it('lists the slash commands in /onboard help, not typed words, in English and Chinese', async () => {
    h = await startHarness();
    const help = textOf(await onboard(h, 'help', alice));
    expect(help).toContain('`/onboard mute` / `/onboard unmute`');
    expect(help).toContain('`/onboard status`');
    expect(help).not.toMatch(TYPED);
    const zh = await h.interact(slash({ id: nextId(), sub: 'help', who: alice, locale: Locale.ChineseCN }));
    const chinese = textOf(shown(visible(zh)));
    expect(chinese).toContain('`/入驻引导 关闭提醒`');
    expect(chinese).not.toContain('**关闭提醒**');
  });
});
