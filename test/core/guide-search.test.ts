import { beforeAll, describe, expect, it } from 'vitest';
import type { Flow } from '../../src/core/flow.js';
import { answerFromGuide } from '../../src/core/guide-search.js';
import type { Translator } from '../../src/core/ports.js';
import { loadFlow } from '../../src/flows/load.js';
import { loadTranslator } from '../../src/i18n/translator.js';
import { makeTestBot } from '../helpers/bot.js';

const USER = 'console:local:me';
const say = (bot: Awaited<ReturnType<typeof makeTestBot>>['bot'], text: string) =>
  bot.handle({ user: USER, text });

/**
 * A question someone might type, the step and passage that answers it (`a|b`: either says it), and the
 * step they are at.
 */
type Case = [question: string, stepId: string, source: string, at?: string];

const EN: Case[] = [
  ['where do I find the activation email?', 'activate', 'help:no-email', 'activate'],
  ['my activation link expired, what now?', 'activate', 'help:link-expired', 'activate'],
  ['I never got the email', 'activate', 'help:no-email', 'register'],
  ['what is a business license?', 'business-license', 'help:license-only', 'open-verification'],
  ['which file types can I upload?', 'business-license', 'help:file-types', 'business-license'],
  ['is there a size limit for the upload, 10 MB?', 'business-license', 'help:file-types', 'register'],
  ['can I see a sample of the business registration document?', 'business-license', 'help:license-sample'],
  ['how long does the verification review take?', 'verification-review', 'text', 'business-license'],
  [
    'it has been a week and still no verification result',
    'verification-review',
    'help:still-waiting',
    'verification-review',
  ],
  ['how often can I change my verification?', 'verification-review', 'help:change-limit'],
  ['I was not redirected to the payment information page', 'bind-card', 'help:redirect', 'bind-card'],
  ['how do I bind my credit card?', 'bind-card', 'text', 'activate'],
  ['where do I register a Tencent Cloud account?', 'register', 'text'],
  ['what bank information do I enter?', 'bank-account', 'text', 'company-info'],
  [
    'bank statement or account opening certificate?',
    'bank-account',
    'help:certificate-or-statement',
    'bank-account',
  ],
  [
    'can I edit my bank details after I submit?',
    'bank-account',
    'help:no-online-edit|text',
    'company-contact',
  ],
  ['where do I choose Organization Verification?', 'open-verification', 'text', 'contact-info'],
  [
    'when can I log in to the Partner console?',
    'qualification-review',
    'help:after-approval|text',
    'qualification-review',
  ],
  ['how many days does the qualification review take?', 'qualification-review', 'text', 'company-contact'],
  ['do I need to sign a contract after approval?', 'qualification-review', 'help:after-approval'],
];

const ZH: Case[] = [
  ['我的激活链接过期了怎么办', 'activate', 'help:link-expired', 'activate'],
  ['没收到激活邮件', 'activate', 'help:no-email', 'activate'],
  ['邮件在垃圾邮件里吗', 'activate', 'help:no-email', 'register'],
  ['什么是营业执照', 'business-license', 'help:license-only', 'open-verification'],
  ['上传文件支持什么格式', 'business-license', 'help:file-types', 'business-license'],
  ['文件大小有限制吗', 'business-license', 'help:file-types', 'register'],
  ['有企业注册文件示例吗', 'business-license', 'help:license-sample'],
  ['企业认证审核需要多久', 'verification-review', 'text', 'business-license'],
  ['审核结果一直没有通知怎么办', 'verification-review', 'help:still-waiting', 'verification-review'],
  ['认证可以变更几次', 'verification-review', 'help:change-limit'],
  ['页面没有自动跳转到付款信息登记界面', 'bind-card', 'help:redirect', 'bind-card'],
  ['怎么绑定信用卡', 'bind-card', 'text', 'activate'],
  ['在哪里注册腾讯云账户', 'register', 'text'],
  ['要填写哪些银行账户信息', 'bank-account', 'text', 'company-info'],
  ['上传银行对账单还是开户证明', 'bank-account', 'help:certificate-or-statement', 'bank-account'],
  ['银行信息提交后还能修改吗', 'bank-account', 'help:no-online-edit|text', 'company-contact'],
  ['在哪里选择企业认证', 'open-verification', 'text', 'contact-info'],
  ['什么时候可以登录伙伴控制台', 'qualification-review', 'help:after-approval|text', 'qualification-review'],
  ['资质审核要几个工作日', 'qualification-review', 'text', 'company-contact'],
  ['审核通过后要签合同吗', 'qualification-review', 'help:after-approval'],
];

let flow: Flow;
let translator: Translator;
beforeAll(async () => {
  [flow, translator] = await Promise.all([loadFlow(), loadTranslator()]);
});

/** The questions whose first answer is not the expected passage, as readable lines. */
function misses(cases: Case[], language: string): string[] {
  return cases.flatMap(([question, stepId, source, at]) => {
    const answer = answerFromGuide(flow, translator, language, question, at ?? null);
    const got = answer ? `${answer.stepId} ${answer.source}` : 'nothing';
    const right = answer?.stepId === stepId && source.split('|').includes(answer.source);
    return right ? [] : [`${question} → ${got} (wanted ${stepId} ${source})`];
  });
}

describe('questions answered from the guide', () => {
  it('finds the right passage first for at least 36 of 40 questions (20 English, 20 Chinese)', () => {
    const wrong = [...misses(EN, 'en'), ...misses(ZH, 'zh-CN')];
    expect(wrong.length, wrong.join('\n')).toBeLessThanOrEqual(4);
  });

  it('quotes one or two sentences of the passage, in the person’s language', () => {
    const en = answerFromGuide(flow, translator, 'en', 'my activation link expired', 'activate');
    expect(en?.quote).toContain('log in with your new account');
    const zh = answerFromGuide(flow, translator, 'zh-CN', '激活链接过期了', 'activate');
    expect(zh?.quote).toContain('重新申请账号激活链接');
  });

  it('has no answer for chatter the guide says nothing about', () => {
    for (const [language, text] of [
      ['en', 'hello there'],
      ['en', 'what is the weather like tomorrow'],
      ['en', 'asdfgh'],
      ['zh-CN', '你好'],
      ['zh-CN', '今天天气怎么样'],
    ] as const) {
      expect(answerFromGuide(flow, translator, language, text, 'register'), text).toBeUndefined();
    }
  });
});

describe('a question typed to the bot', () => {
  it('is answered with the passage and its step, and nothing typed is logged or stored', async () => {
    const { bot, store, logs } = await makeTestBot();
    await say(bot, 'start');
    const [answer] = await say(bot, 'my activation link expired, what now?');
    expect(answer?.text).toContain('Activate your account from the email');
    expect(answer?.text).toContain('ask for a new account activation link');
    expect(answer?.text).toContain('you are at step 1');
    expect((await store.load(USER))?.current).toBe('register');
    const written = JSON.stringify([logs, await store.load(USER)]);
    expect(written).not.toContain('expired, what now');
  });

  it('offers the quoted step for a look; the look has no buttons that act, and the person stays put', async () => {
    const { bot, store } = await makeTestBot();
    await say(bot, 'start');
    const [answer] = await say(bot, 'my activation link expired, what now?');
    expect(answer?.buttons?.map((b) => [b.id, b.label])).toEqual([['peek:activate', 'Show step 2']]);
    const [look] = await bot.handle({ user: USER, action: 'peek:activate' });
    expect(look?.title).toBe('Activate your account from the email');
    expect(look?.images?.[0]?.url).toMatch(/^https:\/\/docimg/);
    expect(look?.footer).toBe('Step 2, for a look: you are still at step 1.');
    expect(look?.checklist?.items.every((i) => i.action === undefined)).toBe(true);
    expect(look?.buttons?.map((b) => [b.id, b.label])).toEqual([['start', 'Back to where I am']]);
    expect((await store.load(USER))?.current).toBe('register');
    const [back] = await bot.handle({ user: USER, action: 'start' });
    expect(back?.stepId).toBe('register');
  });

  it('gets the usual hint and a Talk to a person button when the guide has nothing', async () => {
    const { bot } = await makeTestBot();
    await say(bot, 'start');
    const [reply] = await say(bot, 'what is the weather like tomorrow');
    expect(reply?.text).toContain("didn't find that in the guide");
    expect(reply?.buttons?.map((b) => b.label)).toEqual(['Talk to a person']);
  });

  it('answers in Chinese for a person who speaks it', async () => {
    const { bot } = await makeTestBot();
    await say(bot, 'start');
    await say(bot, 'lang zh-CN');
    const [answer] = await say(bot, '我的激活链接过期了怎么办');
    expect(answer?.text).toContain('通过邮件激活账号');
    expect(answer?.text).toContain('重新申请账号激活链接');
  });
});
