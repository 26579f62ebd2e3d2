import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { botMessage, dmOf, PERSON, slashCommand, urlVerification } from './fixtures/payloads.js';
import { buttonsOf, type Harness, startHarness } from './harness.js';
import { nowSeconds } from './signed.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => h.stop());

const texts = (blocks: { text?: { text?: string } }[]) => blocks.map((b) => b.text?.text ?? '').join('\n');
const responses = () => h.fake.calls.filter((c) => c.method === 'response_url').map((c) => c.args);

describe('Slack HTTP mode: requests', () => {
  it('answers url_verification with the challenge', async () => {
    const res = await h.post({
      json: urlVerification('3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P'),
    });
    expect(res.status).toBe(200);
    expect(res.text).toContain('3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P');
  });

  it.each([
    ['unsigned', { secret: null }],
    ['signed with the wrong secret', { secret: 'not-the-signing-secret' }],
    ['stale (six minutes old)', { timestamp: nowSeconds() - 6 * 60 }],
  ] as const)('rejects a request that is %s with 401 and changes nothing', async (_, options) => {
    const before = h.fake.calls.length;
    const form = slashCommand('start', { responseUrl: h.fake.responseUrl('x') });
    expect((await h.post({ form }, options)).status).toBe(401);
    await h.settle();
    expect(h.fake.calls.length).toBe(before);
    expect(await h.tb.store.load(`slack:T0001:${PERSON}`)).toBeUndefined();
  });
});

describe('Slack HTTP mode: /onboard and the DM', () => {
  it('a /onboard in a channel says "I sent you a DM" privately and starts the journey in the DM', async () => {
    expect(await h.command('')).toBe(200);
    await h.settle();
    const notice = responses().at(-1);
    expect(notice).toMatchObject({ response_type: 'ephemeral' });
    expect(notice?.text).toContain("I've sent you a direct message");
    const [intro, step] = h.dm();
    expect(intro?.blocks[0]).toMatchObject({ type: 'header', text: { text: 'Before you begin' } });
    expect(step?.blocks[0]).toMatchObject({
      type: 'header',
      text: { text: 'Fill in the registration form' },
    });
    expect(step?.blocks).toContainEqual(
      expect.objectContaining({ type: 'image', alt_text: 'The Tencent Cloud account registration form' }),
    );
    const buttons = buttonsOf(step as never);
    expect(buttons.map((b) => b.text.text)).toEqual([
      '🔗 Tencent Cloud account registration page',
      'Tick',
      'Tick',
      'Done',
      'Help',
      'Talk to a person',
    ]);
    expect(buttons[0]?.url).toBe('https://intl.cloud.tencent.com/register');
    expect(step?.blocks.at(-1)).toMatchObject({ type: 'context' });
    expect(step?.blocks.at(-1)?.elements[0].text).toContain('Step 1 of 11 · 0/11 done');
  });

  it('a /onboard typed in the DM answers in the DM without the "sent you a DM" note', async () => {
    await h.command('', { channel: dmOf(PERSON) });
    await h.command('status', { channel: dmOf(PERSON) });
    await h.settle();
    expect(responses()).toEqual([]);
    expect(h.dm().at(-1)?.text).toContain('0/11 steps done');
  });

  it('typed commands in the DM work, and what people type is escaped when it is echoed', async () => {
    await h.type('start');
    // Slack sends a real mention as markup and escapes what was typed literally.
    await h.type('tick <!channel> &amp; &lt;b&gt;');
    await h.settle();
    const warning = h.dm().at(-1);
    expect(texts(warning?.blocks ?? [])).toContain('“&lt;!channel&gt; &amp; &lt;b&gt;”');
    expect(JSON.stringify(warning)).not.toContain('<!channel>');
  });

  it('ignores its own messages and message subtypes', async () => {
    await h.post({ json: botMessage('start') });
    await h.settle();
    expect(h.fake.count('chat.postMessage')).toBe(0);
  });

  it('publishes the Home tab with marks, the bar, N/11 and Start', async () => {
    await h.openHome();
    await h.openHome({ tab: 'messages' } as never);
    await h.settle();
    expect(h.fake.count('views.publish')).toBe(1);
    const home = h.fake.homes.get(PERSON);
    const all = JSON.stringify(home);
    expect(all).toContain('0/11');
    expect(all).toContain('░░░░░░░░░░░');
    expect(all).toContain('⬜ Fill in the registration form');
    expect(buttonsOf({ blocks: home?.blocks ?? [] } as never).map((b) => b.text.text)).toEqual(['Start']);
  });
});
