import { describe, expect, it } from 'vitest';
import { type Reply, StoreWriteError } from '../../src/core/index.js';
import { createMemoryStore } from '../../src/store/memory.js';
import { makeTestBot } from '../helpers/bot.js';
import { GUIDE_ADDRESSES } from '../helpers/guide.js';
import { withSave } from './store-doubles.js';

const me = 'console:local:me';
const say = (bot: Awaited<ReturnType<typeof makeTestBot>>['bot'], text: string, extra = {}) =>
  bot.handle({ user: me, text, ...extra });

describe('a whole journey through bot.handle', () => {
  it('shows every link and screenshot of the guide along the way and ends at 11/11', async () => {
    const { bot } = await makeTestBot();
    const seen: Reply[] = [...(await say(bot, 'start'))];
    for (let i = 0; i < 11; i++) seen.push(...(await say(bot, 'done')));
    const shown = seen.flatMap((r) => [
      ...(r.links ?? []).map((l) => l.url),
      ...(r.images ?? []).map((i) => i.url),
    ]);
    if (GUIDE_ADDRESSES) {
      expect(GUIDE_ADDRESSES).toHaveLength(13);
      for (const address of GUIDE_ADDRESSES) expect(shown).toContain(address);
    }
    for (const r of seen) for (const i of r.images ?? []) expect(i.alt.length).toBeGreaterThan(5);
    expect(seen.at(-1)?.kind).toBe('finished');
    expect(seen.at(-1)?.text).toMatch(/contract/);
    const [status] = await say(bot, 'status');
    expect(status?.text).toContain('11/11');
  });

  it('a first start lists what to have ready together with step 1, so one done completes step 1', async () => {
    const { bot } = await makeTestBot();
    const [ready, step] = await say(bot, 'start');
    expect(ready?.checklist?.items.map((i) => i.label).join(' ')).toMatch(
      /email.*credit card.*business license.*bank account details.*opening certificate.*[Cc]ontact/s,
    );
    expect(step?.footer).toContain('Step 1 of 11');
    expect(step?.footer).toContain('0/11');
    const [next] = await say(bot, 'done');
    expect(next?.footer).toContain('Step 2 of 11 · 1/11 done');
  });
});

describe('words the person can type', () => {
  it('understands labels and translated words, any case, with stray spaces and a leading slash', async () => {
    const { bot } = await makeTestBot();
    await say(bot, '  /START ');
    expect((await say(bot, 'Done'))[0]?.stepId).toBe('activate');
    expect((await say(bot, '完成'))[0]?.stepId).toBe('bind-card');
    expect((await say(bot, '返回'))[0]?.stepId).toBe('activate');
    // Going back keeps the ticks made when the step was done; `tick 1` unticks the first one.
    const [ticked] = await say(bot, 'TICK 1');
    expect(ticked?.checklist?.items.map((i) => i.ticked)).toEqual([false, true]);
  });

  it('every button label in every language types as the command it stands for', async () => {
    const { bot, translator } = await makeTestBot();
    await say(bot, 'start');
    for (const language of translator.languages) {
      const label = translator.t(language, 'common:buttons.help');
      expect((await say(bot, label))[0]?.kind).toBe('help');
      const status = translator.t(language, 'common:buttons.status');
      expect((await say(bot, status))[0]?.kind).toBe('status');
    }
  });

  it('answers unknown, empty and very long text with a short hint and changes nothing', async () => {
    const { bot, store } = await makeTestBot();
    await say(bot, 'start');
    const before = await store.load(me);
    for (const text of ['what?', '', '\u0000\u0007', 'x'.repeat(100_000), '🚀🎉']) {
      const replies = await say(bot, text);
      expect(replies).toHaveLength(1);
      expect(replies[0]?.text).toMatch(/help/);
    }
    expect(await store.load(me)).toEqual(before);
  });

  it('lists typed words in help and after mute on Slack and the terminal, slash commands on Discord', async () => {
    const { bot } = await makeTestBot();
    const said = async (user: string, text: string) => (await bot.handle({ user, text }))[0]?.text ?? '';
    for (const user of ['console:local:me', 'slack:T1:U1']) {
      expect(await said(user, 'help'), user).toContain('**mute** / **unmute**');
      expect(await said(user, 'mute'), user).toContain('Type **unmute**');
    }
    const discord = 'discord:dm:1400000000000000001';
    const help = await said(discord, 'help');
    expect(help).toContain('`/onboard mute` / `/onboard unmute`');
    expect(help).not.toMatch(/\*\*(start|done|mute|tick 2)\*\*/);
    const muted = await said(discord, 'mute');
    expect(muted).toContain('`/onboard unmute`');
    expect(muted).not.toContain('**unmute**');
  });
});

describe('review steps', () => {
  it('shows the review window as dates counted in business days from the submission', async () => {
    const { bot, clock } = await makeTestBot();
    await say(bot, 'start');
    for (let i = 0; i < 5; i++) await say(bot, 'done');
    clock.set(new Date('2026-11-27T15:00:00Z')); // a Friday
    const [review] = await say(bot, 'done');
    expect(review?.stepId).toBe('verification-review');
    expect(review?.text).toContain('Fri, Nov 27');
    expect(review?.text).toContain('between Tue, Dec 1 and Thu, Dec 3');
    expect(review?.buttons?.[0]).toMatchObject({ id: 'done:verification-review', label: 'Approved' });
    await say(bot, 'lang zh-CN');
    const [zh] = await say(bot, 'start');
    expect(zh?.text).toContain('2-4 个工作日');
    expect(zh?.text).toContain('12月1日');
  });
});

describe('languages', () => {
  it('follows the platform locale until the person chooses with lang', async () => {
    const { bot } = await makeTestBot();
    const [zh] = await bot.handle({ user: me, text: 'status', locale: 'zh-CN' });
    expect(zh?.text).toContain('已完成 0/11');
    await bot.handle({ user: me, text: 'lang en', locale: 'zh-CN' });
    const [en] = await bot.handle({ user: me, text: 'status', locale: 'zh-CN' });
    expect(en?.text).toContain('0/11 steps done');
    const [look] = await bot.handle({ user: me, locale: 'zh-CN', view: 'status' });
    expect(look?.language).toBe('en');
  });

  it('lists the languages for an unknown code', async () => {
    const { bot } = await makeTestBot();
    const [reply] = await say(bot, 'lang klingon');
    expect(reply?.text).toContain('klingon');
    expect(reply?.text).toContain('zh-CN');
    expect(reply?.text).toContain('简体中文');
  });
});

describe('delivery and failures', () => {
  it('a repeated delivery id changes nothing and says nothing', async () => {
    const { bot, store } = await makeTestBot();
    await say(bot, 'start');
    expect(await say(bot, 'done', { deliveryId: 'Ev1' })).toHaveLength(1);
    expect(await say(bot, 'done', { deliveryId: 'Ev1' })).toEqual([]);
    expect((await store.load(me))?.current).toBe('activate');
  });

  it('when the store fails, answers with a translated apology, logs the error without the text, and survives', async () => {
    const memory = createMemoryStore();
    const broken = withSave(memory, () => Promise.reject(new Error('disk full')));
    const { bot, logs } = await makeTestBot({ store: broken });
    const [reply] = await bot.handle({ user: me, text: 'Start', locale: 'zh-CN' });
    expect(reply?.text).toBe('我这边出了点问题。您的进度是安全的，请稍后再试。');
    await say(bot, 'my secret words');
    await say(bot, 'start');
    expect(logs.filter((l) => l.level === 'error')).toHaveLength(2);
    expect(JSON.stringify(logs)).not.toMatch(/secret|Start/);
    expect(JSON.stringify(logs)).toContain('disk full');
  });

  it('when the store refuses a save (disk full), says nothing was saved, in the person’s language', async () => {
    const memory = createMemoryStore();
    const full = withSave(memory, () =>
      Promise.reject(new StoreWriteError('Journal x.journal could not be written (ENOSPC)')),
    );
    const { bot } = await makeTestBot({ store: full });
    const [reply] = await bot.handle({ user: me, text: 'Start', locale: 'zh-CN' });
    expect(reply?.text).toBe('我刚才没能保存，所以什么都没有改变。请稍后再试。');
    expect(await memory.load(me)).toBeUndefined();
  });

  it('runs one person’s events in order even when they arrive together', async () => {
    const { bot, store } = await makeTestBot();
    await say(bot, 'start');
    await Promise.all(Array.from({ length: 5 }, () => say(bot, 'done')));
    expect((await store.load(me))?.current).toBe('business-license');
  });
});

describe('replies carry everything the layout needs', () => {
  it('every reply names its language: the platform locale until the person chooses, and errors too', async () => {
    const memory = createMemoryStore();
    let full = false;
    const store = withSave(memory, (progress, deliveryId) =>
      full ? Promise.reject(new StoreWriteError('full')) : memory.save(progress, deliveryId),
    );
    const { bot } = await makeTestBot({ store });
    const zh = await bot.handle({ user: me, text: 'start', locale: 'zh-CN' });
    expect(zh.map((r) => r.language)).toEqual(zh.map(() => 'zh-CN'));
    const en = await bot.handle({ user: me, text: 'lang en', locale: 'zh-CN' });
    expect(en.map((r) => r.language)).toEqual(en.map(() => 'en'));
    full = true;
    const [failed] = await bot.handle({ user: 'console:local:other', text: 'start', locale: 'zh-CN' });
    expect(failed?.kind).toBe('warning');
    expect(failed?.language).toBe('zh-CN');
  });

  it('reminders go out ready, in the person’s language; staff notices in the default language', async () => {
    const tb = await makeTestBot({ at: new Date('2026-11-23T10:00:00Z') }); // Monday
    await tb.bot.handle({ user: me, text: 'start', locale: 'zh-CN' });
    await tb.bot.handle({ user: 'console:local:ann', text: 'start', locale: 'zh-CN' });
    await tb.bot.handle({ user: 'console:local:ann', action: 'escalate:register', locale: 'zh-CN' });
    tb.clock.set(new Date('2026-11-27T10:00:00Z')); // Friday: idle 4 business days
    await tb.bot.remind();
    const toMe = tb.sent.filter((s) => s.to === me).flatMap((s) => s.replies);
    const toStaff = tb.sent.filter((s) => s.staff).flatMap((s) => s.replies);
    expect(toMe.length).toBeGreaterThan(0);
    expect(toMe.map((r) => r.language)).toEqual(toMe.map(() => 'zh-CN'));
    expect(toStaff.length).toBeGreaterThan(0);
    expect(toStaff.map((r) => r.language)).toEqual(toStaff.map(() => 'en'));
  });

  it('a look (view: status) answers the status and saves nothing, not even as activity', async () => {
    const { bot, store, clock } = await makeTestBot();
    const [none] = await bot.handle({ user: me, view: 'status', text: 'start' });
    expect(none?.kind).toBe('status');
    expect(none?.status?.done).toBe(0);
    expect(await store.load(me)).toBeUndefined();
    await say(bot, 'start');
    const before = await store.load(me);
    clock.set(new Date('2026-12-01T10:00:00Z'));
    const [look] = await bot.handle({
      user: me,
      view: 'status',
      locale: 'zh-CN',
      action: 'done:business-license',
    });
    expect(look?.kind).toBe('status');
    expect(look?.language).toBe('zh-CN');
    expect(await store.load(me)).toEqual(before);
  });
});

describe('status view', () => {
  it('marks done, current and waiting steps and draws the bar', async () => {
    const { bot } = await makeTestBot();
    await say(bot, 'start');
    for (let i = 0; i < 6; i++) await say(bot, 'done');
    const [status] = await bot.handle({ user: me, view: 'status' });
    if (!status) throw new Error('no status');
    expect(status.status?.done).toBe(6);
    expect(status.status?.bar).toBe('██████░░░░░');
    const marks = status.status?.stages.flatMap((s) => s.steps.map((x) => x.mark));
    expect(marks).toEqual([
      'done',
      'done',
      'done',
      'done',
      'done',
      'done',
      'waiting',
      'todo',
      'todo',
      'todo',
      'todo',
    ]);
    expect(status.text).toContain('6/11');
    expect(status.buttons?.[0]?.label).toBe('Resume');
  });
});
