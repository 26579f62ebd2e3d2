import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { type Reply, StoreWriteError } from '../../src/core/index.js';
import { openStore } from '../../src/store/journal-store.js';
import { makeTestBot } from '../helpers/bot.js';
import { key, shown, walk } from '../helpers/staff.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { heldWrites, settle, until, withSave } from './store-doubles.js';

const tempDir = useTempDirs();
const ann = 'slack:T1:UANN';
const staff = 'slack:T1:USTAFF';

/** The real journaled store in a fresh folder, its writes held on `hold()` until `release()`. */
async function journal() {
  const store = await openStore(join(await tempDir(), 'onboarding.json'));
  return { store, held: heldWrites(store) };
}

/** The handle's answer once it comes; undefined until then. */
function watch(answer: Promise<Reply[]>) {
  const seen: { replies?: Reply[] } = {};
  void answer.then((replies) => {
    seen.replies = replies;
  });
  return seen;
}

describe('a Slack retry that arrives while the first delivery is still being saved', () => {
  it('moves the person one step, and the retry is answered with nothing', async () => {
    const { store, held } = await journal();
    const { bot } = await makeTestBot({ store: held });
    await bot.handle({ user: ann, text: 'start' });
    held.hold();
    const first = bot.handle({ user: ann, text: 'done', deliveryId: 'Ev-1' });
    await until(() => held.waiting() === 1);
    const retry = watch(bot.handle({ user: ann, text: 'done', deliveryId: 'Ev-1' }));
    await settle();
    expect(retry.replies).toBeUndefined(); // the retry waits for the first one's write
    held.release();
    expect((await first)[0]?.stepId).toBe('activate');
    await until(() => retry.replies !== undefined);
    expect(retry.replies).toEqual([]);
    const record = await store.load(ann);
    expect(record?.current).toBe('activate');
    expect(record?.steps.activate?.doneAt).toBeUndefined();
    await store.close();
  });

  it('is handled once even when it reaches another bot over the same store', async () => {
    // Once-only is the store's promise (the delivery id is claimed in the record's own write), not one
    // bot's queue: a second bot on the store takes the retry while the first's write is on its way.
    const { store, held } = await journal();
    const one = (await makeTestBot({ store: held })).bot;
    const two = (await makeTestBot({ store: held })).bot;
    await one.handle({ user: ann, text: 'start' });
    held.hold();
    const first = one.handle({ user: ann, text: 'done', deliveryId: 'Ev-1' });
    await until(() => held.waiting() === 1);
    const retry = two.handle({ user: ann, text: 'done', deliveryId: 'Ev-1' });
    await settle();
    held.release();
    expect((await first)[0]?.stepId).toBe('activate');
    expect(await retry).toEqual([]);
    const record = await store.load(ann);
    expect(record?.current).toBe('activate');
    expect(record?.history ?? []).toEqual([]);
    await store.close();
  });
});

describe('telling the adapter which bot answers a delivery (the claimed hook)', () => {
  it('tells the bot whose write claimed it, once saved, and never the one that got the repeat', async () => {
    const { store, held } = await journal();
    const one = (await makeTestBot({ store: held })).bot;
    const two = (await makeTestBot({ store: held })).bot;
    await one.handle({ user: ann, text: 'start' });
    const claims: string[] = [];
    held.hold();
    const first = one.handle(
      { user: ann, text: 'done', deliveryId: 'Ev-1' },
      { claimed: () => claims.push('one') },
    );
    await until(() => held.waiting() === 1);
    const retry = two.handle(
      { user: ann, text: 'done', deliveryId: 'Ev-1' },
      { claimed: () => claims.push('two') },
    );
    await settle();
    expect(claims).toEqual([]); // not before the claim is durable
    held.release();
    expect((await first)[0]?.stepId).toBe('activate');
    expect(await retry).toEqual([]);
    expect(claims).toEqual(['one']);
    await store.close();
  });
});

describe('two different events of one person at the same moment', () => {
  it('both apply, in the order they arrived', async () => {
    const { store, held } = await journal();
    const { bot } = await makeTestBot({ store: held });
    await bot.handle({ user: ann, text: 'start' });
    held.hold();
    const ticks = [
      bot.handle({ user: ann, text: 'tick 1', deliveryId: 'Ev-1' }),
      bot.handle({ user: ann, text: 'tick 2', deliveryId: 'Ev-2' }),
    ];
    await until(() => held.waiting() === 1);
    held.release();
    const [one, two] = await Promise.all(ticks);
    const marks = (replies: Reply[] | undefined) => replies?.[0]?.checklist?.items.map((i) => i.ticked);
    expect(marks(one)).toEqual([true, false]);
    expect(marks(two)).toEqual([true, true]);
    expect((await store.load(ann))?.steps.register?.ticked?.sort()).toEqual(['details-entered', 'submitted']);
    await store.close();
  });
});

describe('a store that refuses the write', () => {
  it('tells the person nothing was saved, and the platform’s retry of it is handled once the disk is back', async () => {
    const { store } = await journal();
    let full = true;
    const refusing = withSave(store, (progress, deliveryId) =>
      full
        ? Promise.reject(new StoreWriteError('Journal could not be written (ENOSPC)'))
        : store.save(progress, deliveryId),
    );
    const { bot } = await makeTestBot({ store: refusing });
    const [refused] = await bot.handle({ user: ann, text: 'start', deliveryId: 'Ev-1', locale: 'zh-CN' });
    expect(refused?.text).toBe('我刚才没能保存，所以什么都没有改变。请稍后再试。');
    expect(await store.load(ann)).toBeUndefined();
    full = false;
    const retried = await bot.handle({ user: ann, text: 'start', deliveryId: 'Ev-1' });
    expect(retried.at(-1)?.stepId).toBe('register');
    expect((await store.load(ann))?.current).toBe('register');
    await store.close();
  });
});

describe('a staff command delivered twice while the first is being saved', () => {
  it('runs once: one nudge, one audit entry, and the retry is answered with nothing', async () => {
    const { store, held } = await journal();
    const tb = await makeTestBot({ store: held, admins: [staff] });
    await walk(tb, 'ann', 1);
    held.hold();
    const command = {
      user: staff,
      text: `admin nudge ${key('ann')}`,
      deliveryId: 'Ev-9',
      timeZone: 'Asia/Shanghai',
    };
    const first = tb.bot.handle(command);
    await until(() => held.waiting() === 1);
    const retry = tb.bot.handle(command);
    await settle();
    held.release();
    expect(shown((await first)[0])?.text).toBe('Sent console:local:ann a reminder.');
    expect(await retry).toEqual([]);
    expect((await store.auditLog({ target: key('ann') })).map((a) => a.action)).toEqual(['nudge']);
    expect(tb.sent.filter((s) => s.to === key('ann'))).toHaveLength(1);
    // The staff member's own record keeps what their platform said.
    expect((await store.load(staff))?.timeZone).toBe('Asia/Shanghai');
    await store.close();
  });
});

describe('a staff change and the person’s own change at the same moment, through two bots on one store', () => {
  it('loses neither: the staff change waits for the person’s write and applies to the record it left', async () => {
    const { store, held } = await journal();
    const one = await makeTestBot({ store: held, admins: [staff] });
    const two = await makeTestBot({ store: held });
    await walk(one, 'ann', 1);
    held.hold();
    const done = two.bot.handle({ user: key('ann'), text: 'done', deliveryId: 'Ev-2' });
    await until(() => held.waiting() === 1);
    const nudged = one.bot.handle({ user: staff, text: `admin nudge ${key('ann')}` });
    await settle();
    held.release();
    expect((await done)[0]?.stepId).toBe('bind-card');
    expect(shown((await nudged)[0])?.text).toBe('Sent console:local:ann a reminder.');
    const record = await store.load(key('ann'));
    expect(record?.current).toBe('bind-card');
    expect(record?.history?.map((h) => h.kind)).toEqual(['staff-nudge']);
    await store.close();
  });
});

describe('two answers to one staff question at the same moment, through two bots on one store', () => {
  it('carries it out once: one reset, one audit entry', async () => {
    const { store, held } = await journal();
    const one = await makeTestBot({ store: held, admins: [staff] });
    const two = await makeTestBot({ store: held, admins: [staff] });
    await walk(one, 'ann', 2);
    const [question] = await one.bot.handle({ user: staff, text: `admin reset ${key('ann')}` });
    const yes = question?.buttons?.[0]?.id as string;
    held.hold();
    const first = one.bot.handle({ user: staff, action: yes });
    await until(() => held.waiting() === 1);
    const second = two.bot.handle({ user: staff, action: yes });
    await settle();
    held.release();
    await Promise.all([first, second]);
    await until(() => held.waiting() === 0);
    const resets = (await store.auditLog({ target: key('ann') })).filter((a) => a.action === 'reset');
    expect(resets).toHaveLength(1);
    await store.close();
  });
});

describe('a reminder and the person’s own change at the same moment, through two bots on one store', () => {
  it('loses neither: the reminder is on the record and so is the tick', async () => {
    const { store, held } = await journal();
    const monday = new Date('2026-11-23T10:00:00Z');
    const friday = new Date('2026-11-27T10:00:00Z');
    await (await makeTestBot({ store: held, at: monday })).bot.handle({ user: ann, text: 'start' });
    const one = await makeTestBot({ store: held, at: friday });
    const two = await makeTestBot({ store: held, at: friday });
    held.hold();
    const sweep = one.bot.remind();
    await until(() => held.waiting() === 1); // the nudge went out; its write is on its way
    const tick = two.bot.handle({ user: ann, text: 'tick 1' });
    await settle();
    held.release();
    expect(await sweep).toBe(1);
    await tick;
    await until(() => held.waiting() === 0);
    const record = await store.load(ann);
    expect(record?.history?.map((h) => h.kind)).toContain('idle-nudge');
    expect(record?.steps.register?.ticked?.length).toBe(1);
    await store.close();
  });
});

describe('two staff members acting on each other at the same moment', () => {
  it('both are answered (neither waits for the other for ever)', async () => {
    const { store, held } = await journal();
    const other = 'slack:T1:USTAFF2';
    const tb = await makeTestBot({ store: held, admins: [staff, other] });
    for (const user of [staff, other]) await tb.bot.handle({ user, text: 'start' });
    const answers = Promise.all([
      tb.bot.handle({ user: staff, text: `admin nudge ${other}` }),
      tb.bot.handle({ user: other, text: `admin nudge ${staff}` }),
    ]);
    const settled = await Promise.race([answers, sleep(5_000).then(() => 'stuck' as const)]);
    expect(settled).not.toBe('stuck');
    await store.close();
  });
});
