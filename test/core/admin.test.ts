import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { AuditActionSchema, HistoryEntrySchema } from '../../src/core/index.js';
import { createMemoryStore } from '../../src/store/memory.js';
import { makeTestBot } from '../helpers/bot.js';
import { admin, fileChunks, key, shown, staff, walk } from '../helpers/staff.js';
import { withSave } from './store-doubles.js';

const monday = new Date('2026-11-23T10:00:00Z');

describe('admin stats and list', () => {
  it('counts people per step, waiting, stuck and finished, with the completion rate', async () => {
    const tb = await makeTestBot({ admins: [staff], at: monday });
    await walk(tb, 'ann', 2); // bind-card
    await walk(tb, 'bob', 2); // bind-card
    await walk(tb, 'cat', 6); // verification-review (waiting)
    await walk(tb, 'dan', 11); // finished
    const stats = await admin(tb, 'admin stats');
    expect(stats?.text).toContain('Started: 4 · finished: 1 (25%)');
    const rows = stats?.text.split('\n') ?? [];
    const row = (n: number) => rows.find((r) => r.startsWith(`${String(n).padStart(2)} `)) ?? '';
    // reached · now · went on to the next step
    expect(row(1)).toMatch(/registration form\s+4\s+0\s+100% /);
    expect(row(3)).toMatch(/Bind a credit card\s+4\s+2\s+50% /);
    expect(row(7)).toMatch(/Wait for the verification review\s+2\s+1\s+50% /);
    expect(row(11)).toMatch(/\s+1\s+0\s+100% /);
    expect(rows.find((r) => r.startsWith('✅'))).toMatch(/Finished\s+1 /);
    expect(stats?.text).toContain('Wait for the verification review: 1');
  });

  it('lines the funnel up by terminal columns in Chinese too', async () => {
    const tb = await makeTestBot({ admins: [staff], at: monday });
    await walk(tb, 'ann', 2);
    await tb.bot.handle({ user: staff, text: 'lang zh-CN' });
    const stats = await admin(tb, 'admin stats');
    const rows = (stats?.text.split('\n') ?? []).filter((r) => /^ ?\d+ /.test(r));
    expect(rows).toHaveLength(11);
    // Where the third number column ends, counted in columns (a Chinese character takes two).
    const ends = rows.map((r) => stringWidth(/^.*?\s+\d+\s+\d+\s+(\d+%|-)/.exec(r)?.[0] ?? ''));
    expect(new Set(ends).size, rows.join('\n')).toBe(1);
  });

  it('lists exactly the people idle 3+ business days by the clock, and filters by step, stage, waiting, done', async () => {
    const tb = await makeTestBot({ admins: [staff], at: new Date('2026-11-23T10:00:00Z') }); // Monday
    await walk(tb, 'ann', 1);
    tb.clock.set(new Date('2026-11-24T10:00:00Z')); // Tuesday
    await walk(tb, 'bob', 1);
    tb.clock.set(new Date('2026-11-25T10:00:00Z'));
    await walk(tb, 'cat', 1);
    tb.clock.set(new Date('2026-11-27T12:00:00Z')); // Friday: ann idle 4, bob 3, cat 2 business days
    const stuck = await admin(tb, 'admin list stuck 3');
    expect(stuck?.title).toBe('People: 2 · stuck 3');
    expect(stuck?.text).toContain('console:local:ann');
    expect(stuck?.text).toContain('console:local:bob');
    expect(stuck?.text).not.toContain('console:local:cat');
    expect((await admin(tb, 'admin list stuck 4'))?.title).toBe('People: 1 · stuck 4');
    expect((await admin(tb, 'admin list activate'))?.title).toBe('People: 3 · activate');
    expect((await admin(tb, 'admin list account'))?.title).toBe('People: 3 · account');
    expect((await admin(tb, 'admin list waiting'))?.title).toBe('People: 0 · waiting');
    expect((await admin(tb, 'admin list done'))?.text).toBe('Nobody matches.');
    expect((await admin(tb, 'admin list nonsense'))?.kind).toBe('warning');
  });

  it('pages long lists', async () => {
    const tb = await makeTestBot({ admins: [staff] });
    for (let i = 0; i < 25; i++) await walk(tb, `p${i}`, 0);
    const first = await admin(tb, 'admin list register');
    expect(first?.text.split('\n').filter((l) => l.startsWith('console:'))).toHaveLength(20);
    expect(first?.text).toContain('admin list register page 2');
    const second = await admin(tb, 'admin list register page 2');
    expect(second?.text.split('\n').filter((l) => l.startsWith('console:'))).toHaveLength(5);
  });
});

describe('admin actions', () => {
  it('approve moves a person past their review, tells them, and is audited and undoable', async () => {
    const tb = await makeTestBot({ admins: [staff] });
    await walk(tb, 'ann', 6);
    const reply = await admin(tb, 'admin approve ann');
    expect(reply?.text).toContain('they are now on “Enter your company information”');
    expect((await tb.store.load(key('ann')))?.current).toBe('company-info');
    const told = tb.sent.find((s) => s.to === key('ann'));
    expect(told?.replies[0]?.text).toContain('review was approved');
    expect(told?.replies[1]?.stepId).toBe('company-info');
    const audit = await admin(tb, 'admin audit');
    expect(audit?.text).toMatch(
      /A1 · .* · console:local:me · approve · console:local:ann · verification-review/,
    );
    await admin(tb, 'admin undo A1');
    expect((await tb.store.load(key('ann')))?.current).toBe('verification-review');
    expect((await admin(tb, 'admin audit'))?.text).toMatch(/A2 · .* · undo · console:local:ann · A1/);
  });

  it('approve refuses someone who is not on a review step', async () => {
    const tb = await makeTestBot({ admins: [staff] });
    await walk(tb, 'ann', 2);
    expect((await admin(tb, 'admin approve ann'))?.kind).toBe('warning');
    expect((await tb.store.load(key('ann')))?.current).toBe('bind-card');
  });

  it('move and reset ask first, then do it and tell the person; "no" changes nothing', async () => {
    const tb = await makeTestBot({ admins: [staff] });
    await walk(tb, 'ann', 2);
    const ask = await admin(tb, 'admin move console:local:ann bank-account');
    expect(ask?.kind).toBe('confirm');
    expect((await tb.store.load(key('ann')))?.current).toBe('bind-card');
    await admin(tb, 'yes');
    const moved = await tb.store.load(key('ann'));
    expect(moved?.current).toBe('bank-account');
    expect(Object.values(moved?.steps ?? {}).filter((s) => s.doneAt)).toHaveLength(8);
    expect(tb.sent.at(-1)?.replies[1]?.stepId).toBe('bank-account');

    await admin(tb, 'admin reset ann');
    await admin(tb, 'no');
    expect((await tb.store.load(key('ann')))?.current).toBe('bank-account');
    const question = await admin(tb, 'admin reset ann');
    await tb.bot.handle({ user: staff, action: question?.buttons?.[0]?.id ?? '' });
    expect((await tb.store.load(key('ann')))?.current).toBeNull();
    const audit = (await admin(tb, 'admin audit'))?.text ?? '';
    expect(audit).toMatch(/A2 · .* reset · console:local:ann/);
    expect(audit).toMatch(/A1 · .* move · console:local:ann · bank-account/);
    await admin(tb, 'admin undo A2');
    expect((await tb.store.load(key('ann')))?.current).toBe('bank-account');
  });

  it('export hands over everyone as CSV that spreadsheets cannot mistake for formulas', async () => {
    const tb = await makeTestBot({ admins: [staff] });
    await walk(tb, 'ann', 3);
    await walk(tb, '=cmd', 0);
    const reply = await admin(tb, 'admin export');
    const lines = (await fileChunks(reply)).join('').trim().split('\r\n');
    expect(reply?.file?.mimeType).toBe('text/csv');
    expect(lines[0]).toMatch(/^user,platform,language,current_step,steps_done/);
    expect(lines.find((l) => l.startsWith('console:local:ann'))).toMatch(/,contact-info,3,11,/);
    expect(lines.some((l) => l.startsWith("'=") || l.includes(",'="))).toBe(false);
    expect((await admin(tb, 'admin audit'))?.text).toContain('export');
  });

  it('nudge sends a reminder now, but not to someone who muted reminders', async () => {
    const tb = await makeTestBot({ admins: [staff] });
    await walk(tb, 'ann', 1);
    await walk(tb, 'bob', 1);
    await tb.bot.handle({ user: key('bob'), text: 'mute' });
    expect((await admin(tb, 'admin nudge ann'))?.text).toBe('Sent console:local:ann a reminder.');
    expect(tb.sent.at(-1)).toMatchObject({ to: key('ann') });
    expect((await admin(tb, 'admin nudge bob'))?.text).toContain('turned reminders off');
    expect(tb.sent.filter((s) => s.to === key('bob'))).toHaveLength(0);
  });

  it('user shows the timeline with reminders and admin actions', async () => {
    const tb = await makeTestBot({ admins: [staff] });
    await walk(tb, 'ann', 6);
    await admin(tb, 'admin nudge ann');
    await admin(tb, 'admin approve ann');
    const timeline = (await admin(tb, 'admin user ann'))?.text ?? '';
    expect(timeline).toContain('7/11 steps done');
    expect(timeline).toMatch(/✅ 7\. Wait for the verification review · started .* · done /);
    expect(timeline).toContain('nudged by staff');
    expect(timeline).toMatch(/A2 · .* approve/);
  });

  it('names every history kind and admin action in every language', async () => {
    const { translator } = await makeTestBot();
    for (const language of translator.languages) {
      for (const kind of HistoryEntrySchema.shape.kind.options)
        expect(translator.has(language, `admin:history.${kind}`)).toBe(true);
      for (const action of AuditActionSchema.options)
        expect(translator.has(language, `admin:actions.${action}`)).toBe(true);
      for (const r of ['sent', 'muted', 'failed'])
        expect(translator.has(language, `admin:nudge.${r}`)).toBe(true);
    }
  });
});

describe('who is staff', () => {
  it('refuses everyone else politely, reveals nothing, changes nothing, and logs the attempt', async () => {
    const tb = await makeTestBot({ admins: [staff] });
    await walk(tb, 'ann', 6);
    const before = await tb.store.all();
    for (const text of [
      'admin stats',
      'admin approve ann',
      'admin reset console:local:ann',
      'admin export',
      'admin',
    ]) {
      const [reply, ...rest] = await tb.bot.handle({ user: key('mallory'), text });
      expect(rest).toEqual([]);
      expect(reply?.text).toBe('Sorry, that command is for the onboarding team only.');
    }
    expect(await tb.store.all()).toEqual(before);
    expect(tb.sent).toEqual([]);
    expect(tb.logs.filter((l) => l.message.includes('refused'))).toHaveLength(5);
  });

  it('accepts someone the platform vouches for as staff', async () => {
    const tb = await makeTestBot();
    const [reply] = await tb.bot.handle({ user: 'discord:G1:U9', text: 'admin stats', staff: true });
    expect(reply?.title).toBe('Onboarding funnel');
  });

  it('resolves people by key, or by name on the staff member’s own platform and space', async () => {
    const tb = await makeTestBot({ admins: ['slack:T1:UADMIN'] });
    await tb.bot.handle({ user: 'slack:T1:U123', text: 'start' });
    const byName = await tb.bot.handle({ user: 'slack:T1:UADMIN', text: 'admin user U123' });
    expect(shown(byName[0])?.title).toBe('slack:T1:U123');
    const viaKey = await tb.bot.handle({ user: 'slack:T1:UADMIN', text: 'admin user slack:T1:U123' });
    expect(shown(viaKey[0])?.title).toBe('slack:T1:U123');
    const nobody = await tb.bot.handle({ user: 'slack:T1:UADMIN', text: 'admin user U999' });
    expect(nobody[0]?.kind).toBe('warning');
    const nonsense = await tb.bot.handle({ user: 'slack:T1:UADMIN', text: 'admin user <@U123>' });
    expect(nonsense[0]?.kind).toBe('warning');
  });
});

describe('staff records', () => {
  it('do not count as people in the funnel, lists or export', async () => {
    const tb = await makeTestBot({ admins: [staff] });
    await walk(tb, 'ann', 1);
    await admin(tb, 'admin export');
    const stats = await admin(tb, 'admin stats');
    expect(stats?.text).toContain('Started: 1 · finished: 0');
    expect((await admin(tb, 'admin list'))?.title).toBe('People: 1 · all');
    const csv = (await fileChunks(await admin(tb, 'admin export'))).join('');
    expect(csv).toContain('console:local:ann');
    expect(csv).not.toContain('console:local:me');
    expect((await admin(tb, 'admin audit'))?.text).toContain('export');
  });
});

describe('admin changes and the person’s own changes at the same moment', () => {
  it('lose neither: the admin change applies to the person’s latest record', async () => {
    // A store whose writes take a while, as a disk's do: the person's change is still being written
    // when the admin's arrives.
    const memory = createMemoryStore();
    const slow = withSave(memory, async (p, id) => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      await memory.save(p, id);
    });
    const tb = await makeTestBot({ admins: [staff], store: slow });
    await walk(tb, 'ann', 2);
    await Promise.all([admin(tb, 'admin nudge ann'), tb.bot.handle({ user: key('ann'), text: 'done' })]);
    const ann = await tb.store.load(key('ann'));
    expect(ann?.current).toBe('contact-info');
    expect(ann?.history?.map((h) => h.kind)).toEqual(['staff-nudge']);
    expect((await tb.store.auditLog({ target: key('ann') })).map((a) => a.action)).toEqual(['nudge']);
  });

  it('an admin may act on their own record without waiting on themselves', async () => {
    const tb = await makeTestBot({ admins: [staff] });
    await walk(tb, 'me', 2);
    expect((await admin(tb, 'admin nudge me'))?.text).toBe('Sent console:local:me a reminder.');
    await admin(tb, 'admin reset me');
    await admin(tb, 'yes');
    expect((await tb.store.load(staff))?.current).toBeNull();
  });
});
