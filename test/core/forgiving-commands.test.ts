import { describe, expect, it } from 'vitest';
import { makeTestBot, type TestBot } from '../helpers/bot.js';

const me = 'console:local:me';
const say = (bot: TestBot['bot'], text: string, extra = {}) => bot.handle({ user: me, text, ...extra });
const click = (bot: TestBot['bot'], action: string) => bot.handle({ user: me, action });

describe('commands typed with punctuation, in capitals or full width', () => {
  it('Done., DONE!, ｄｏｎｅ, 完成。 and 「完成」 each move on one step, like done', async () => {
    const { bot } = await makeTestBot();
    await say(bot, 'start');
    const typed = ['Done.', 'DONE!', 'ｄｏｎｅ', '完成。', '「完成」', '/done!', 'done ?'];
    for (const [i, text] of typed.entries()) {
      const [step] = await say(bot, text);
      expect(step?.footer, text).toContain(`Step ${i + 2} of 11 · ${i + 1}/11 done`);
    }
  });

  it('a phrase keeps its inner punctuation and loses the outer; words with arguments still work', async () => {
    const { bot } = await makeTestBot();
    await say(bot, 'start');
    expect((await say(bot, 'Where am I?'))[0]?.kind).toBe('status');
    expect((await say(bot, '?'))[0]?.kind).toBe('help');
    const [ticked] = await say(bot, 'tick 1.');
    expect(ticked?.checklist?.items[0]?.ticked).toBe(true);
    expect((await say(bot, 'lang zh-CN!'))[0]?.language).toBe('zh-CN');
    const [moved] = await say(bot, 'start contract.');
    expect(moved?.text).toMatch(/合同|contract/i);
  });

  it('punctuation inside a word is not dropped: do.ne does not move on', async () => {
    const { bot, store } = await makeTestBot();
    await say(bot, 'start');
    const before = await store.load(me);
    const [reply] = await say(bot, 'do.ne');
    expect(reply?.stepId).toBeUndefined();
    expect((await store.load(me))?.current).toBe(before?.current);
  });
});

describe('a typo of a command word', () => {
  it('dnoe asks "Did you mean done?" and does not move on; its button does, once', async () => {
    const { bot, store, logs } = await makeTestBot();
    await say(bot, 'start');
    const before = await store.load(me);
    const replies = await say(bot, 'dnoe');
    expect(replies).toHaveLength(1);
    const [ask] = replies;
    expect(ask?.text).toContain('Did you mean **done**?');
    expect(ask?.text).not.toContain('dnoe');
    expect((await store.load(me))?.current).toBe(before?.current);
    expect((await store.load(me))?.steps).toEqual(before?.steps);
    const button = ask?.buttons?.[0];
    expect(ask?.buttons).toHaveLength(1);
    const [next] = await click(bot, button?.id ?? '');
    expect(next?.footer).toContain('Step 2 of 11 · 1/11 done');
    // The same button again belongs to the step already left: nothing more is done.
    const [stale] = await click(bot, button?.id ?? '');
    expect(stale?.kind).toBe('warning');
    expect((await say(bot, 'status'))[0]?.text).toContain('1/11');
    expect(JSON.stringify(logs)).not.toContain('dnoe');
    expect(JSON.stringify(await store.load(me))).not.toContain('dnoe');
  });

  it('stauts, hlep and 重新开使 suggest status, help and 重新开始; each button does what the word does', async () => {
    const { bot } = await makeTestBot();
    await say(bot, 'start');
    const cases = [
      ['stauts', 'status', 'status'],
      ['hlep', 'help', 'help'],
      ['Flwos!', 'flows', 'info'],
      ['重新开使', '重新开始', 'confirm'],
    ] as const;
    for (const [typed, word, kind] of cases) {
      const [ask] = await say(bot, typed);
      expect(ask?.text, typed).toContain(`Did you mean **${word}**?`);
      const [done] = await click(bot, ask?.buttons?.[0]?.id ?? '');
      expect(done?.kind, typed).toBe(kind);
    }
  });

  it('asks in the person language', async () => {
    const { bot } = await makeTestBot();
    await say(bot, 'start', { locale: 'zh-CN' });
    const [ask] = await say(bot, 'stauts', { locale: 'zh-CN' });
    expect(ask?.text).toContain('您是想输入 **status** 吗');
    expect(ask?.language).toBe('zh-CN');
  });

  it('short words are not guessed at: on, ko, xy, nope and whoa get no "did you mean"', async () => {
    const { bot } = await makeTestBot();
    await say(bot, 'start');
    for (const text of ['on', 'ko', 'xy', 'nope', 'whoa', 'bakc up']) {
      const [reply] = await say(bot, text);
      // Not a command nor a slip of one: looked up in the guide, which has nothing for them.
      expect(reply?.text, text).toContain("Sorry, I didn't find that in the guide.");
      expect(
        reply?.buttons?.map((b) => b.label),
        text,
      ).toEqual(['Talk to a person']);
    }
  });

  it('text that looks like a card number is never answered with a guess or echoed', async () => {
    const { bot } = await makeTestBot();
    await say(bot, 'start');
    const [reply] = await say(bot, 'dnoe 4111 1111 1111 1111');
    expect(reply?.text).toMatch(/card or bank account numbers/);
    expect(reply?.buttons).toBeUndefined();
    expect(reply?.text).not.toContain('4111');
  });
});
