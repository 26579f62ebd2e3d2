import { InteractionResponseType, Locale, MessageFlags } from 'discord-api-types/v10';
import { afterEach, describe, expect, it } from 'vitest';
import { click, shownMessage, slash, type Where } from './fixtures/interactions.js';
import {
  callbackType,
  customIdsOf,
  type Harness,
  nextId,
  pressOn,
  sentMessages,
  shown,
  startHarness,
  textOf,
} from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

async function status(harness: Harness, where: Where = 'guild') {
  const [answer] = await harness.interact(slash({ id: nextId(), sub: 'status', where }));
  return textOf(shown(answer));
}

describe('Discord journey over the gateway', () => {
  it('goes from /onboard start to 11/11 by pressing Done, each press updating the message', async () => {
    h = await startHarness();
    const [first] = await h.interact(slash({ id: nextId(), sub: 'start' }));
    expect(callbackType(first)).toBe(InteractionResponseType.ChannelMessageWithSource);
    let view = shown(first);
    expect(view.flags).toBe(MessageFlags.Ephemeral);
    expect(textOf(view)).toContain('Fill in the registration form');
    expect(view.embeds?.[1]?.image?.url).toMatch(/^https:\/\//);

    let presses = 0;
    for (;;) {
      const done = customIdsOf(view).find((id) => id.startsWith('done:'));
      if (!done) break;
      const [answer] = await pressOn(h, view, done);
      expect(callbackType(answer)).toBe(InteractionResponseType.UpdateMessage);
      view = shown(answer);
      presses += 1;
      expect(presses).toBeLessThanOrEqual(11);
    }
    expect(presses).toBe(11);
    expect(customIdsOf(view)).toEqual(['start:contract', 'status']);
    const [final] = await pressOn(h, view, 'status');
    expect(textOf(shown(final))).toContain('11/11');
    for (const r of sentMessages(h.fake)) expect(shown(r).allowed_mentions).toEqual({ parse: [] });
  });

  it('advances once when the same interaction arrives twice', async () => {
    h = await startHarness();
    const [start] = await h.interact(slash({ id: nextId(), sub: 'start' }));
    const repeated = click({
      id: nextId(),
      customId: 'done:register',
      message: shownMessage(nextId(), shown(start), 'guild'),
    });
    await h.interact(repeated);
    const answers = await h.interact(repeated);
    expect(answers).toHaveLength(1); // the repeat was not answered a second time
    expect(await status(h)).toContain('1/11');
  });

  it('answers a button from a step already left kindly, and changes nothing', async () => {
    h = await startHarness();
    const [start] = await h.interact(slash({ id: nextId(), sub: 'start' }));
    const old = shown(start);
    await pressOn(h, old, 'done:register');
    const [stale] = await pressOn(h, old, 'done:register');
    expect(callbackType(stale)).toBe(InteractionResponseType.UpdateMessage);
    const text = textOf(shown(stale));
    expect(text).toContain('already left');
    expect(text).toContain('Activate your account');
    expect(await status(h)).toContain('1/11');
  });

  it('ticks checklist items in place and answers Help with a new message', async () => {
    h = await startHarness();
    const [start] = await h.interact(slash({ id: nextId(), sub: 'start' }));
    const [ticked] = await pressOn(h, shown(start), 'tick:register:submitted:on');
    expect(callbackType(ticked)).toBe(InteractionResponseType.UpdateMessage);
    expect(textOf(shown(ticked))).toContain('✅ 2.');
    const [help] = await pressOn(h, shown(ticked), 'help:register');
    expect(callbackType(help)).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(shown(help).flags).toBe(MessageFlags.Ephemeral);
    expect(textOf(shown(help))).toContain('Commands');
  });

  it('speaks Chinese to a zh-CN client, and keeps a language chosen with /onboard lang', async () => {
    h = await startHarness();
    const [start] = await h.interact(slash({ id: nextId(), sub: 'start', locale: Locale.ChineseCN }));
    expect(textOf(shown(start))).toContain('第 1 步');
    expect(customIdsOf(shown(start))).toContain('dm:continue');
    const [lang] = await h.interact(slash({ id: nextId(), sub: 'lang', code: 'zh-CN' }));
    expect(textOf(shown(lang))).toContain('简体中文');
    const [after] = await h.interact(slash({ id: nextId(), sub: 'help', locale: Locale.EnglishUS }));
    expect(textOf(shown(after))).toContain('命令');
  });

  it('ticks from a checklist select menu, valued by ActionId', async () => {
    h = await startHarness();
    const [start] = await h.interact(slash({ id: nextId(), sub: 'start' }));
    const message = shownMessage(nextId(), shown(start), 'guild');
    const choice = click({
      id: nextId(),
      customId: 'tick-menu:register',
      message,
      values: ['tick:register:details-entered:on'],
    });
    const [ticked] = await h.interact(choice);
    expect(callbackType(ticked)).toBe(InteractionResponseType.UpdateMessage);
    expect(textOf(shown(ticked))).toContain('✅ 1.');
  });

  it('asks before /onboard restart; Yes starts over in place, No keeps the progress', async () => {
    h = await startHarness();
    const [start] = await h.interact(slash({ id: nextId(), sub: 'start' }));
    await pressOn(h, shown(start), 'done:register');
    const [ask] = await h.interact(slash({ id: nextId(), sub: 'restart' }));
    const [yes, no] = customIdsOf(shown(ask));
    expect(yes).toMatch(/^confirm:yes:restart-/);
    expect(no).toMatch(/^confirm:no:restart-/);
    const [kept] = await pressOn(h, shown(ask), no ?? '');
    expect(callbackType(kept)).toBe(InteractionResponseType.UpdateMessage);
    expect(await status(h)).toContain('1/11');
    const [again] = await h.interact(slash({ id: nextId(), sub: 'restart' }));
    const yesAgain = customIdsOf(shown(again))[0] ?? '';
    const [fresh] = await pressOn(h, shown(again), yesAgain);
    expect(callbackType(fresh)).toBe(InteractionResponseType.UpdateMessage);
    expect(textOf(shown(fresh))).toContain('Step 1 of 11');
    expect(await status(h)).toContain('0/11');
  });
});
