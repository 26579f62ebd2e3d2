import { InteractionResponseType, MessageFlags } from 'discord-api-types/v10';
import { afterEach, describe, expect, it } from 'vitest';
import { IDS } from './fixtures/gateway.js';
import { slash } from './fixtures/interactions.js';
import {
  ALWAYS_DEFER_MS,
  callbackType,
  customIdsOf,
  ephemeral,
  type Harness,
  nextId,
  pressOn,
  sentMessages,
  shown,
  startHarness,
  textOf,
  visible,
} from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const dmMessages = (harness: Harness) =>
  harness.fake.requests.filter(
    (r) => r.method === 'POST' && r.path === `/api/v10/channels/${IDS.dmChannel}/messages`,
  );

describe('Discord DMs', () => {
  it('continues the same journey in DMs, where answers are not ephemeral', async () => {
    h = await startHarness();
    const [start] = await h.interact(slash({ id: nextId(), sub: 'start' }));
    await pressOn(h, shown(start), 'done:register', { where: 'guild' });

    const [inDm] = await h.interact(slash({ id: nextId(), sub: 'start', where: 'dm' }));
    expect(callbackType(inDm)).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(shown(inDm).flags).toBeUndefined();
    expect(textOf(shown(inDm))).toContain('Step 2 of 11');
    expect(customIdsOf(shown(inDm))).not.toContain('dm:continue');
    const [next] = await pressOn(h, shown(inDm), 'done:activate', { where: 'dm' });
    expect(callbackType(next)).toBe(InteractionResponseType.UpdateMessage);

    const [status] = await h.interact(slash({ id: nextId(), sub: 'status' }));
    expect(textOf(shown(status))).toContain('2/11');
  });

  it('sends the current step to the DMs on "Continue in DMs"', async () => {
    h = await startHarness();
    const [start] = await h.interact(slash({ id: nextId(), sub: 'start' }));
    const [answer] = await pressOn(h, shown(start), 'dm:continue', { where: 'guild' });

    const opened = h.fake.requests.find((r) => r.path === '/api/v10/users/@me/channels');
    expect(opened?.body).toMatchObject({ recipient_id: IDS.alice });
    const [sent] = dmMessages(h);
    expect(textOf(shown(sent))).toContain('Fill in the registration form');
    expect(customIdsOf(shown(sent))).toContain('done:register');
    expect(callbackType(answer)).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(shown(answer).flags).toBe(MessageFlags.Ephemeral);
    expect(shown(answer).content).toContain('direct messages');

    const [status] = await h.interact(slash({ id: nextId(), sub: 'status' }));
    expect(textOf(shown(status))).toContain('0/11');
  });

  it('after a defer, still sends the step to the DMs and says so in an edit of the deferred reply', async () => {
    h = await startHarness({ tuning: { deferAfterMs: ALWAYS_DEFER_MS } });
    const start = visible(await h.interact(slash({ id: nextId(), sub: 'start' })));
    const answers = await pressOn(h, shown(start), 'dm:continue', { where: 'guild' });

    expect(callbackType(answers[0])).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    expect(ephemeral(answers)).toBe(true);
    const answer = visible(answers);
    expect(answer?.method).toBe('PATCH');
    expect(shown(answer).content).toContain('direct messages');
    const [sent, ...more] = dmMessages(h);
    expect(more).toEqual([]);
    expect(customIdsOf(shown(sent))).toContain('done:register');
  });

  it('shows the step in place, ephemerally, when the person does not accept DMs (50007)', async () => {
    h = await startHarness();
    h.fake.dmClosed = true;
    const [start] = await h.interact(slash({ id: nextId(), sub: 'start' }));
    const [answer] = await pressOn(h, shown(start), 'dm:continue', { where: 'guild' });

    expect(dmMessages(h)).toHaveLength(1); // tried once, refused with 50007
    expect(callbackType(answer)).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(shown(answer).flags).toBe(MessageFlags.Ephemeral);
    expect(shown(answer).content).toContain("couldn't send you a direct message");
    expect(textOf(shown(answer))).toContain('Fill in the registration form');
    expect(customIdsOf(shown(answer))).toContain('done:register');
    expect(h.logs.entries.filter((e) => e.level === 'error')).toEqual([]);

    const [after] = await h.interact(slash({ id: nextId(), sub: 'status' }));
    expect(textOf(shown(after))).toContain('0/11');
    for (const r of sentMessages(h.fake)) expect(shown(r).allowed_mentions).toEqual({ parse: [] });
  });
});
