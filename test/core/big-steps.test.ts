import { describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/index.js';
import { makeTestBot, type TestBot } from '../helpers/bot.js';

const me = 'console:local:me';
const say = (bot: TestBot['bot'], text: string) => bot.handle({ user: me, text });
const click = (bot: TestBot['bot'], action: string) => bot.handle({ user: me, action });
const footerOf = async (bot: TestBot['bot']) => (await say(bot, 'status'))[0]?.text ?? '';

/** Starts and walks `n` steps with `done`; the reseller flow's first review is after 6. */
async function walked(n: number, language?: string) {
  const test = await makeTestBot();
  if (language) await say(test.bot, `lang ${language}`);
  await say(test.bot, 'start');
  for (let i = 0; i < n; i += 1) await say(test.bot, 'done');
  return test;
}

const buttonIds = (replies: Reply[]) => replies.flatMap((r) => r.buttons ?? []).map((b) => b.id);
const yesOf = (replies: Reply[]) => buttonIds(replies).find((id) => id.startsWith('confirm:yes:')) ?? '';
const noOf = (replies: Reply[]) => buttonIds(replies).find((id) => id.startsWith('confirm:no:')) ?? '';

describe('a loose acknowledgement on a review step asks instead of approving', () => {
  it.each([
    ['ok', 'en'],
    ['OK!', 'en'],
    ['thanks', 'en'],
    ['next', 'en'],
    ['1', 'en'],
    ['好的', 'zh-CN'],
    ['谢谢', 'zh-CN'],
    ['好了', 'zh-CN'],
  ])(
    '%s (%s) gets "has your review been approved?" with Yes/No, and the step stays open',
    async (text, language) => {
      const { bot, store } = await walked(6, language);
      const replies = await say(bot, text);
      expect(replies).toHaveLength(1);
      const [question] = replies;
      expect(question?.kind).toBe('confirm');
      expect(question?.text).toContain(
        language === 'en' ? 'Has your review been approved?' : '您的审核已经通过了吗？',
      );
      expect(question?.buttons?.map((b) => b.label)).toEqual(
        language === 'en' ? ['Yes, it was approved', 'Not yet'] : ['是，已通过', '还没有'],
      );
      const record = await store.load(me);
      expect(record?.current).toBe('verification-review');
      expect(record?.steps['verification-review']?.doneAt).toBeUndefined();
    },
  );

  it('Yes approves the review and shows the next step; No leaves it waiting', async () => {
    const { bot } = await walked(6);
    const asked = await say(bot, 'ok');
    const [kept, step] = await click(bot, noOf(asked));
    expect(kept?.text).toContain('your progress stays as it was');
    expect(step?.footer).toContain('6/11 done');
    const again = await say(bot, 'ok');
    const [next] = await click(bot, yesOf(again));
    expect(next?.stepId).toBe('company-info');
    expect(next?.footer).toContain('7/11 done');
  });

  it('a typed yes answers the open question', async () => {
    const { bot } = await walked(6, 'zh-CN');
    await say(bot, '好的');
    const [next] = await say(bot, '是');
    expect(next?.stepId).toBe('company-info');
  });

  it.each(['done', 'approved', 'my review was approved', '已通过', '完成'])(
    'the explicit answer %s approves at once',
    async (text) => {
      const { bot } = await walked(6);
      const [next] = await say(bot, text);
      expect(next?.stepId).toBe('company-info');
    },
  );

  it('the Approved button approves at once', async () => {
    const { bot } = await walked(5);
    const [review] = await say(bot, 'done');
    const approved = review?.buttons?.find((b) => b.label === 'Approved');
    expect(approved?.id).toBe('done:verification-review');
    const [next] = await click(bot, approved?.id ?? '');
    expect(next?.stepId).toBe('company-info');
  });

  it('on an ordinary step ok still moves on, and thanks only says you are welcome', async () => {
    const { bot } = await walked(0);
    const [welcome] = await say(bot, 'thanks');
    expect(welcome?.text).toBe("You're welcome! Press **Done** once you've finished this step.");
    expect(await footerOf(bot)).toContain('0/11');
    const [next] = await say(bot, 'ok');
    expect(next?.stepId).toBe('activate');
  });
});

describe('back after finishing asks first', () => {
  it('asks; No keeps them finished, Yes reopens the last step', async () => {
    const { bot, store } = await walked(11);
    const asked = await say(bot, 'back');
    expect(asked[0]?.kind).toBe('confirm');
    expect(asked[0]?.text).toContain('Go back to the last one, **Wait for the qualification review**');
    expect((await store.load(me))?.finishedAt).toBeDefined();
    const [kept, finished] = await click(bot, noOf(asked));
    expect(kept?.text).toContain('your progress stays as it was');
    expect(finished?.kind).toBe('finished');
    expect((await store.load(me))?.finishedAt).toBeDefined();
    const [reopened] = await click(bot, yesOf(await say(bot, 'back')));
    expect(reopened?.stepId).toBe('qualification-review');
    expect((await store.load(me))?.finishedAt).toBeUndefined();
  });

  it('in Chinese too', async () => {
    const { bot } = await walked(11, 'zh-CN');
    const [asked] = await say(bot, '返回');
    expect(asked?.text).toContain('您已完成所有步骤');
    expect(asked?.buttons?.map((b) => b.label)).toEqual(['是，返回', '不，保持已完成']);
  });

  it('back on a step still goes back at once', async () => {
    const { bot } = await walked(3);
    const [step] = await say(bot, 'back');
    expect(step?.stepId).toBe('bind-card');
  });
});

describe('every confirmation is bound to its question', () => {
  it('the Yes of an earlier "start over?" cannot confirm a newer one', async () => {
    const { bot, store } = await walked(4);
    const first = await say(bot, 'restart');
    await click(bot, noOf(first));
    const second = await say(bot, 'restart');
    expect(yesOf(second)).not.toBe(yesOf(first));
    const [stale] = await click(bot, yesOf(first));
    expect(stale?.text).toContain('belongs to an earlier question');
    expect((await store.load(me))?.current).toBe('open-verification');
    // The newer question is still open, and its own Yes answers it.
    await click(bot, yesOf(second));
    expect(await footerOf(bot)).toContain('0/11');
  });

  it.each([
    ['a later "start over?" asked meanwhile', 'restart'],
    ['another command that dropped it', 'status'],
  ])('the Yes of an approval question answers nothing after %s', async (_, between) => {
    const { bot } = await walked(6);
    const approve = await say(bot, 'ok');
    await say(bot, between);
    const [stale] = await click(bot, yesOf(approve));
    expect(stale?.text).toContain('belongs to an earlier question');
    expect(await footerOf(bot)).toContain('6/11');
  });

  it('a record from before questions had names still answers its start-over question', async () => {
    const { bot, store } = await walked(2);
    await store.update(me, (p) => (p ? { ...p, confirm: 'restart' } : undefined));
    await click(bot, 'confirm:yes:restart');
    expect(await footerOf(bot)).toContain('0/11');
  });
});

describe('done never asks', () => {
  it.each(['en', 'zh-CN'])('start, then done over and over, walks the whole guide (%s)', async (language) => {
    const { bot } = await makeTestBot();
    await say(bot, `lang ${language}`);
    await say(bot, 'start');
    const kinds: string[] = [];
    for (let i = 0; i < 11; i += 1) kinds.push(...(await say(bot, 'done')).map((r) => r.kind));
    expect(kinds).not.toContain('confirm');
    expect(kinds.at(-1)).toBe('finished');
  });
});
