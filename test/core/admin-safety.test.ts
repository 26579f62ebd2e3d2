import { describe, expect, it } from 'vitest';
import { makeTestBot, type TestBot } from '../helpers/bot.js';
import { admin, key, staff, walk } from '../helpers/staff.js';

// Regression tests for issue 9's holes in staff commands: each failed on the code before the fix.

const other = 'console:local:kim';
const monday = new Date('2026-11-23T10:00:00Z');

const toPerson = (tb: TestBot, name: string) => tb.sent.filter((s) => s.to === key(name));

describe('the audit trail', () => {
  it("survives the person's own restart: staff actions on them stay listed and undoable", async () => {
    const tb = await makeTestBot({ admins: [staff] });
    await walk(tb, 'ann', 2);
    await admin(tb, 'admin move ann bank-account');
    await admin(tb, 'yes');
    await tb.bot.handle({ user: key('ann'), text: 'restart' });
    await tb.bot.handle({ user: key('ann'), text: 'yes' });
    expect((await admin(tb, 'admin audit'))?.text).toMatch(/A1 · .* move · console:local:ann · bank-account/);
    expect((await admin(tb, 'admin user ann'))?.text).toMatch(/A1 · .* move/);
    expect((await admin(tb, 'admin undo A1'))?.text).toContain('Undid A1');
  });

  it('gives two staff confirming at the same moment two ids, and undo puts back exactly the one named', async () => {
    const tb = await makeTestBot({ admins: [staff, other] });
    await walk(tb, 'ann', 3);
    await walk(tb, 'bob', 5);
    const bobBefore = (await tb.store.load(key('bob')))?.current;
    await admin(tb, 'admin reset ann');
    await admin(tb, 'admin reset bob', other);
    const [mine, theirs] = await Promise.all([admin(tb, 'yes'), admin(tb, 'yes', other)]);
    const idOf = (text = '') => /admin undo (A\d+)/.exec(text)?.[1];
    expect(idOf(mine?.text)).toBeDefined();
    expect(idOf(mine?.text)).not.toBe(idOf(theirs?.text));
    await admin(tb, `admin undo ${idOf(theirs?.text)}`);
    expect((await tb.store.load(key('bob')))?.current).toBe(bobBefore);
    expect((await tb.store.load(key('ann')))?.current).toBeNull();
  });

  it('never hands out an id again, even after the record that held it started over', async () => {
    const tb = await makeTestBot({ admins: [staff] });
    await walk(tb, 'ann', 2);
    await walk(tb, 'bob', 2);
    await admin(tb, 'admin reset ann');
    expect((await admin(tb, 'yes'))?.text).toContain('admin undo A1');
    await tb.bot.handle({ user: key('ann'), text: 'restart' });
    await tb.bot.handle({ user: key('ann'), text: 'yes' });
    await admin(tb, 'admin reset bob');
    expect((await admin(tb, 'yes'))?.text).toContain('admin undo A2');
  });
});

describe('an undo', () => {
  it('applies once: a second undo of the same action changes nothing and tells nobody again', async () => {
    const tb = await makeTestBot({ admins: [staff] });
    await walk(tb, 'ann', 2);
    await admin(tb, 'admin reset ann');
    await admin(tb, 'yes');
    expect((await admin(tb, 'admin undo A1'))?.text).toContain('Undid A1');
    await tb.bot.handle({ user: key('ann'), text: 'done' });
    const told = toPerson(tb, 'ann').length;
    const again = await admin(tb, 'admin undo A1');
    expect(again?.kind).toBe('warning');
    expect(again?.text).toContain('already undone by A2');
    expect((await tb.store.load(key('ann')))?.current).toBe('contact-info');
    expect(toPerson(tb, 'ann')).toHaveLength(told);
  });

  it('applies once when two staff undo the same action at the same moment', async () => {
    const tb = await makeTestBot({ admins: [staff, other] });
    await walk(tb, 'ann', 2);
    await admin(tb, 'admin reset ann');
    await admin(tb, 'yes');
    const answers = await Promise.all([admin(tb, 'admin undo A1'), admin(tb, 'admin undo A1', other)]);
    expect(answers.filter((a) => a?.kind === 'warning')).toHaveLength(1);
    expect((await tb.store.auditLog({ undoes: 'A1' })).length).toBe(1);
  });
});

describe('a yes/no question', () => {
  it('is answered only by its own buttons: Yes under an older question changes nobody', async () => {
    const tb = await makeTestBot({ admins: [staff] });
    await walk(tb, 'dave', 4);
    await walk(tb, 'erin', 2);
    const daveBefore = (await tb.store.load(key('dave')))?.current;
    const resetDave = await admin(tb, 'admin reset dave');
    const moveErin = await admin(tb, 'admin move erin bank-account');
    const staleYes = resetDave?.buttons?.[0]?.id ?? '';
    const [answer] = await tb.bot.handle({ user: staff, action: staleYes });
    expect(answer?.kind).toBe('warning');
    expect(answer?.text).toContain('earlier question');
    expect((await tb.store.load(key('erin')))?.current).toBe('bind-card');
    expect((await tb.store.load(key('dave')))?.current).toBe(daveBefore);
    expect(tb.sent.filter((s) => s.to)).toHaveLength(0);
    // The open question still takes its own Yes.
    await tb.bot.handle({ user: staff, action: moveErin?.buttons?.[0]?.id ?? '' });
    expect((await tb.store.load(key('erin')))?.current).toBe('bank-account');
  });

  it("does not let a staff question's Yes answer the person's own start-over question", async () => {
    const tb = await makeTestBot({ admins: [staff] });
    await walk(tb, 'me', 3);
    await walk(tb, 'erin', 2);
    const mine = (await tb.store.load(staff))?.current;
    const moveErin = await admin(tb, 'admin move erin bank-account');
    await admin(tb, 'status');
    const [restart] = await tb.bot.handle({ user: staff, text: 'restart' });
    expect(restart?.kind).toBe('confirm');
    const [answer] = await tb.bot.handle({ user: staff, action: moveErin?.buttons?.[0]?.id ?? '' });
    expect(answer?.text).toContain('earlier question');
    expect((await tb.store.load(staff))?.current).toBe(mine);
    expect((await tb.store.load(key('erin')))?.current).toBe('bind-card');
  });
});

describe('staff nudges', () => {
  it('send at most one reminder a day, however often staff ask', async () => {
    const tb = await makeTestBot({ admins: [staff], at: monday });
    await walk(tb, 'ann', 2);
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push((await admin(tb, 'admin nudge ann'))?.text);
    expect(answers[0]).toBe('Sent console:local:ann a reminder.');
    expect(answers[1]).toContain('already got a reminder today');
    expect(answers[2]).toContain('already got a reminder today');
    expect(toPerson(tb, 'ann')).toHaveLength(1);
    tb.clock.set(new Date('2026-11-24T10:00:00Z'));
    expect((await admin(tb, 'admin nudge ann'))?.text).toBe('Sent console:local:ann a reminder.');
  });

  it('that could not be delivered do not use up the day', async () => {
    const unreachable = [key('ann')];
    const tb = await makeTestBot({ admins: [staff], at: monday, unreachable });
    await walk(tb, 'ann', 2);
    expect((await admin(tb, 'admin nudge ann'))?.text).toContain('could not reach');
    unreachable.length = 0;
    expect((await admin(tb, 'admin nudge ann'))?.text).toBe('Sent console:local:ann a reminder.');
    expect((await tb.store.auditLog({ target: key('ann') })).map((e) => e.action)).toEqual(['nudge']);
  });

  it('count the automatic reminder of the same day', async () => {
    const tb = await makeTestBot({ admins: [staff], at: monday });
    await walk(tb, 'ann', 2);
    tb.clock.set(new Date('2026-11-26T10:00:00Z')); // three business days idle
    expect(await tb.bot.remind()).toBe(1);
    expect((await admin(tb, 'admin nudge ann'))?.text).toContain('already got a reminder today');
    expect(toPerson(tb, 'ann')).toHaveLength(1);
  });
});

describe('proactive messages', () => {
  it("speak the language the person's platform reported, though they never typed lang", async () => {
    const tb = await makeTestBot({ at: monday });
    await tb.bot.handle({ user: key('li'), text: 'start', locale: 'zh-CN' });
    await tb.bot.handle({ user: key('li'), text: 'done', locale: 'zh-CN' });
    tb.clock.set(new Date('2026-11-26T10:00:00Z'));
    expect(await tb.bot.remind()).toBe(1);
    const [nudge] = toPerson(tb, 'li');
    expect(nudge?.replies[0]?.text).toMatch(/[\u4e00-\u9fff]/);
    expect(nudge?.replies[0]?.buttons?.[0]?.label).toBe(tb.translator.t('zh-CN', 'common:buttons.resume'));
  });
});
