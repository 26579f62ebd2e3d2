import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ShownMessage } from './fake-slack.js';
import { dmOf, newEventId, PERSON } from './fixtures/payloads.js';
import { BOT_TOKEN, buttonsOf, type Harness, startHarness } from './harness.js';
import { SIGNING_SECRET } from './signed.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => h.stop());

const USER = `slack:T0001:${PERSON}`;
const doneSteps = async () => {
  const p = await h.tb.store.load(USER);
  return Object.values(p?.steps ?? {}).filter((s) => s.doneAt).length;
};
const card = () => h.dm().findLast((m) => buttonsOf(m).some((b) => b.action_id.startsWith('done:')));
const responses = () => h.fake.calls.filter((c) => c.method === 'response_url').map((c) => c.args);
const failures = () => h.logs.filter((l) => l.message === 'slack web api call failed').map((l) => l.context);

describe('the same delivery twice changes progress once', () => {
  it('a retried event (same event_id, X-Slack-Retry-Num) is answered once', async () => {
    await h.type('start');
    const eventId = newEventId();
    expect(await h.type('done', { eventId })).toBe(200);
    await h.settle();
    const posts = h.fake.count('chat.postMessage');
    const retry = { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' };
    expect(await h.type('done', { eventId, headers: retry })).toBe(200);
    await h.settle();
    expect(h.fake.count('chat.postMessage')).toBe(posts);
    expect(await doneSteps()).toBe(1);
  });

  it('a double click on Done advances once and kindly says the step was already left', async () => {
    await h.command('start');
    await h.settle();
    const step = card() as ShownMessage;
    await h.click(step, 'Done');
    await h.click(step, 'Done');
    await h.settle();
    expect(await doneSteps()).toBe(1);
    const texts = h.dm().map((m) => m.text);
    expect(texts.some((t) => t.includes('which you have already left, so nothing changed'))).toBe(true);
    expect(card()?.blocks[0]?.text.text).toBe('Activate your account from the email');
  });
});

describe('Web API failures are logged with their code and answered gracefully', () => {
  it('users.info rate limited: the journey goes on in the default language', async () => {
    h.fake.locales.set(PERSON, 'zh-CN');
    h.fake.fail('users.info', 'ratelimited');
    await h.command('');
    await h.settle();
    expect(card()?.blocks[0]?.text.text).toBe('Fill in the registration form');
    expect(failures()).toContainEqual(
      expect.objectContaining({ method: 'users.info', error: 'ratelimited' }),
    );
  });

  it('chat.postMessage channel_not_found: the person is told privately, and the next try works', async () => {
    h.fake.fail('chat.postMessage', 'channel_not_found', 2);
    await h.command('');
    await h.settle();
    expect(failures()).toContainEqual(
      expect.objectContaining({ method: 'chat.postMessage', error: 'channel_not_found' }),
    );
    expect(responses().at(-1)?.text).toContain("Slack didn't accept my reply just now");
    await h.command('');
    await h.settle();
    expect(card()?.blocks[0]?.text.text).toBe('Fill in the registration form');
  });

  it('no DM possible: answers privately in the channel, and its buttons work there', async () => {
    h.fake.fail('conversations.open', 'cannot_dm_bot', 1);
    await h.command('start');
    await h.settle();
    const [notice, intro, step] = responses();
    expect(notice?.text).toContain("I couldn't send you a direct message");
    expect(intro).toMatchObject({ response_type: 'ephemeral' });
    const shown = {
      channel: 'C2147483705',
      ts: '1700000000.000900',
      text: '',
      blocks: step?.blocks as never[],
    };
    await h.click(shown, 'Done', { ephemeral: true });
    await h.settle();
    expect(responses().at(-1)).toMatchObject({ replace_original: true });
    expect(JSON.stringify(responses().at(-1))).toContain('Activate your account from the email');
    expect(await doneSteps()).toBe(1);
  });

  it('a screenshot Slack cannot fetch (invalid_blocks): the step is sent again with the screenshot as a link', async () => {
    await h.command('start');
    await h.settle();
    h.fake.fail('chat.update', 'invalid_blocks', 1);
    await h.click(card() as ShownMessage, 'Done');
    await h.settle();
    const step = card() as ShownMessage;
    expect(step.blocks.some((b) => b.type === 'image')).toBe(false);
    expect(buttonsOf(step).map((b) => b.text.text)).toContain(
      '🔗 The account activation email with its link',
    );
  });
});

describe('bad input', () => {
  it('a payload that does not match its schema is logged and ignored; the app keeps working', async () => {
    // Signed and routed by Bolt, but without a container or trigger_id: not something we can act on.
    const payload = {
      type: 'block_actions',
      team: { id: 'T0001', domain: 'example' },
      user: { id: PERSON, username: 'steve' },
      actions: [{ type: 'button', action_id: 'done:register', block_id: 'b', action_ts: '1.2' }],
    };
    expect((await h.post({ form: { payload: JSON.stringify(payload) } })).status).toBe(200);
    // Not even Bolt can route this one: it answers 500 and logs; nothing crashes.
    expect(
      (await h.post({ form: { payload: JSON.stringify({ type: 'block_actions', actions: 'x' }) } })).status,
    ).toBe(500);
    await h.settle();
    expect(h.logs).toContainEqual(
      expect.objectContaining({ level: 'warn', context: { kind: 'block_actions' } }),
    );
    expect(await h.tb.store.load(USER)).toBeUndefined();
    await h.type('status');
    await h.settle();
    expect(h.fake.conversation(dmOf(PERSON)).at(-1)?.text).toContain('0/11');
  });

  it('logs never carry the tokens, the signing secret or what people type', async () => {
    h.fake.fail('chat.postMessage', 'channel_not_found', 1);
    await h.type('my secret phrase 42');
    await h.command('tick another private sentence');
    await h.settle();
    const all = JSON.stringify([h.logs, h.tb.logs]);
    expect(h.logs.length).toBeGreaterThan(0);
    for (const secret of [BOT_TOKEN, SIGNING_SECRET, 'secret phrase', 'private sentence'])
      expect(all).not.toContain(secret);
  });
});
