import {
  ApplicationCommandOptionType,
  GatewayDispatchEvents,
  GatewayIntentBits,
  InteractionResponseType,
  Locale,
  MessageFlags,
  type RESTPutAPIApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { afterEach, describe, expect, it } from 'vitest';
import { startDiscord } from '../../../adapters/discord/index.js';
import { discordConfigOf } from '../../../src/adapter-configs.js';
import { parseConfig } from '../../../src/config.js';
import type { ProgressStore } from '../../../src/core/index.js';
import { createMemoryStore } from '../../../src/store/memory.js';
import { adapterDeps } from '../../helpers/adapter-deps.js';
import { makeTestBot } from '../../helpers/bot.js';
import { FakeDiscord } from './fake-discord.js';
import { IDS } from './fixtures/gateway.js';
import { click, shownMessage, slash } from './fixtures/interactions.js';
import {
  callbackType,
  type Harness,
  nextId,
  sentMessages,
  shown,
  startHarness,
  TOKEN,
  textOf,
} from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

/** Discord's rule for command and option names (lowercase where a letter has case). */
const NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

describe('Discord start-up', () => {
  it('identifies with no privileged intents and registers /onboard globally with zh-CN localizations', async () => {
    h = await startHarness();
    expect(h.fake.gateway.identifies.map((i) => i.intents)).toEqual([GatewayIntentBits.Guilds]);
    const puts = h.fake.requests.filter((r) => r.method === 'PUT');
    expect(puts.map((r) => r.path)).toEqual([
      `/api/v10/applications/${IDS.application}/commands`,
      `/api/v10/applications/${IDS.application}/guilds/${IDS.guild}/commands`, // emptied: commands are global
    ]);
    const [onboard] = (puts[0]?.body ?? []) as unknown as RESTPutAPIApplicationCommandsJSONBody;
    expect(onboard?.name).toBe('onboard');
    expect(onboard?.name_localizations?.[Locale.ChineseCN]).toBe('入驻引导');
    expect(onboard?.description_localizations?.[Locale.ChineseCN]).toMatch(/\p{Script=Han}/u);
    expect(onboard && 'contexts' in onboard && onboard.contexts).toHaveLength(2);
    const subs = onboard && 'options' in onboard ? (onboard.options ?? []) : [];
    expect(subs.map((o) => o.name)).toEqual([
      'start',
      'flows',
      'status',
      'done',
      'back',
      'help',
      'lang',
      'restart',
      'mute',
      'unmute',
    ]);
    for (const sub of subs) {
      expect(sub.type).toBe(ApplicationCommandOptionType.Subcommand);
      expect(sub.name_localizations?.[Locale.ChineseCN]).toMatch(NAME);
      expect(sub.description.length).toBeLessThanOrEqual(100);
      expect(sub.description_localizations?.[Locale.ChineseCN]).toMatch(/\p{Script=Han}/u);
    }
    const lang = subs.find((o) => o.name === 'lang');
    const choices = lang && 'options' in lang ? lang.options?.[0] : undefined;
    expect(choices && 'choices' in choices && choices.choices?.map((c) => c.value)).toEqual(
      h.test.translator.languages,
    );
  });

  it('registers to one server when DISCORD_GUILD_ID is set', async () => {
    h = await startHarness({ env: { DISCORD_GUILD_ID: IDS.guild } });
    const put = h.fake.requests.find((r) => r.method === 'PUT');
    expect(put?.path).toBe(`/api/v10/applications/${IDS.application}/guilds/${IDS.guild}/commands`);
  });

  it('stops start-up on a wrong token, naming no secret', async () => {
    const fake = await FakeDiscord.start();
    fake.unauthorized = true;
    try {
      const test = await makeTestBot();
      const config = parseConfig({ DISCORD_TOKEN: TOKEN, DISCORD_API_URL: fake.apiUrl });
      const logger = { info() {}, warn() {}, error() {} };
      const started = startDiscord(discordConfigOf(config), adapterDeps(test, logger));
      await expect(started).rejects.toThrow();
      await started.catch((error: Error) => expect(error.message).not.toContain(TOKEN));
    } finally {
      await fake.close();
    }
  });
});

describe('Discord safety', () => {
  it('defers slow answers and never lets anything it sends mention anyone', async () => {
    h = await startHarness({ tuning: { deferAfterMs: 0 } });
    const [deferred, edit] = await h.interact(slash({ id: nextId(), sub: 'start' }));
    expect(callbackType(deferred)).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    expect(shown(deferred).flags).toBe(MessageFlags.Ephemeral);
    expect(edit?.method).toBe('PATCH');
    expect(edit?.path).toMatch(/\/messages\/@original$/);
    const view = shown(edit);
    const message = shownMessage(nextId(), view, 'guild');
    const [update, updated] = await h.interact(click({ id: nextId(), customId: 'done:register', message }));
    expect(callbackType(update)).toBe(InteractionResponseType.DeferredMessageUpdate);
    expect(textOf(shown(updated))).toContain('Step 2 of 11');
    const [, help] = await h.interact(click({ id: nextId(), customId: 'help:activate', message }));
    expect(help?.method).toBe('POST'); // a follow-up: a new message, the step stays on screen
    expect(shown(help).flags).toBe(MessageFlags.Ephemeral);
    await h.interact(click({ id: nextId(), customId: 'dm:continue', message }));

    const withContent = sentMessages(h.fake);
    expect(withContent.length).toBeGreaterThanOrEqual(4);
    for (const r of withContent) expect(shown(r).allowed_mentions).toEqual({ parse: [] });
  });

  it('answers a failing store with the translated error and keeps going', async () => {
    const inner = createMemoryStore();
    let broken = true;
    const guard = <T>(work: () => Promise<T>) =>
      broken ? Promise.reject(new Error('disk on fire')) : work();
    const store = {
      ...inner,
      load: (user) => guard(() => inner.load(user)),
      save: (progress, deliveryId) => guard(() => inner.save(progress, deliveryId)),
      update: (user, change, options) => guard(() => inner.update(user, change, options)),
      seen: (deliveryId) => guard(() => inner.seen(deliveryId)),
      record: (draft, progress) => guard(() => inner.record(draft, progress)),
    } satisfies ProgressStore;
    h = await startHarness({ store });
    const [failed] = await h.interact(slash({ id: nextId(), sub: 'start', locale: Locale.ChineseCN }));
    expect(textOf(shown(failed))).toContain('我这边出了点问题');
    broken = false;
    const [fine] = await h.interact(slash({ id: nextId(), sub: 'start' }));
    expect(textOf(shown(fine))).toContain('Step 1 of 11');
  });

  it('answers with the translated error when sending the answer fails, and keeps going', async () => {
    h = await startHarness();
    h.fake.failCallbacks = 1;
    const [refused, retried] = await h.interact(
      slash({ id: nextId(), sub: 'start', locale: Locale.ChineseCN }),
    );
    expect(refused?.body.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(shown(retried).content).toBe(h.test.translator.t('zh-CN', 'discord:errors.internal'));
    expect(shown(retried).flags).toBe(MessageFlags.Ephemeral);
    expect(h.logs.entries.find((e) => e.message === 'discord interaction failed')?.context).toMatchObject({
      err: { status: 500 },
    });
    const [next] = await h.interact(slash({ id: nextId(), sub: 'status' }));
    expect(callbackType(next)).toBe(InteractionResponseType.ChannelMessageWithSource);
  });

  it('logs neither the token nor anything said', async () => {
    h = await startHarness();
    const [start] = await h.interact(slash({ id: nextId(), sub: 'lang', code: 'en' }));
    expect(shown(start).embeds?.length).toBeGreaterThan(0);
    const logged = JSON.stringify(h.logs.entries);
    expect(logged).not.toContain(TOKEN);
    expect(logged).not.toContain('token-');
    expect(logged).not.toMatch(/English|speak/);
    expect(h.logs.entries.length).toBeGreaterThan(1);
  });

  it('ignores an interaction whose fields fail validation, and answers the next one', async () => {
    h = await startHarness();
    const [start] = await h.interact(slash({ id: nextId(), sub: 'start' }));
    const message = shownMessage(nextId(), shown(start), 'guild');
    const bad = click({ id: nextId(), customId: `done:register${'x'.repeat(120)}`, message });
    await h.fake.gateway.dispatch(GatewayDispatchEvents.InteractionCreate, bad);
    const [good] = await h.interact(slash({ id: nextId(), sub: 'status' }));
    expect(textOf(shown(good))).toContain('0/11');
    expect(h.fake.answersTo(bad.id)).toEqual([]);
    expect((await h.test.store.load(`discord:dm:${IDS.alice}`))?.current).toBe('register');
  });
});
