import { describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/index.js';
import { makeTestBot, type TestBot } from '../helpers/bot.js';
import { admin, fileChunks, key, staff } from '../helpers/staff.js';

const me = 'console:local:me';
const say = (tb: TestBot, text: string, user = me) => tb.bot.handle({ user, text });
const click = (tb: TestBot, action: string, user = me) => tb.bot.handle({ user, action });

/** Walks `user` through the whole reseller flow: start, then done on every step. */
async function finishReseller(tb: TestBot, user = me): Promise<Reply[]> {
  await say(tb, 'start', user);
  let last: Reply[] = [];
  for (let i = 0; i < 11; i++) last = await say(tb, 'done', user);
  return last;
}

describe('several flows, one after another', () => {
  it('ships the reseller flow, the contract that follows it, and the second-level reseller flow', async () => {
    const { flows } = await makeTestBot();
    expect(flows.map((f) => f.id)).toEqual(['reseller', 'contract', 'second-level-reseller']);
    expect(flows[0]?.next).toBe('contract');
  });

  it('a first start begins the reseller flow and mentions the other flows; `flows` lists them all', async () => {
    const tb = await makeTestBot();
    const [intro, step] = await say(tb, 'start');
    expect(step?.stepId).toBe('register');
    expect(intro?.text).toContain('Signing your Tencent Cloud reseller contract');
    expect(intro?.text).toContain('flows');
    const [list] = await say(tb, 'flows');
    expect(list?.text).toMatch(/Becoming a Tencent Cloud reseller.*you are here.*0\/11/);
    expect(list?.buttons?.map((b) => b.id)).toEqual(['start:contract', 'start:second-level-reseller']);
  });

  it('finishing reseller offers contract; its button starts it with its own step count', async () => {
    const tb = await makeTestBot();
    const [finished] = await finishReseller(tb);
    expect(finished?.kind).toBe('finished');
    expect(finished?.buttons?.[0]?.id).toBe('start:contract');
    expect((await say(tb, 'status'))[0]?.text).toContain('11/11');
    const contract = tb.flows.find((f) => f.id === 'contract');
    const total = contract?.stages.flatMap((s) => s.steps).length ?? 0;
    const [intro, first] = await click(tb, 'start:contract');
    expect(intro?.kind).toBe('info');
    expect(first?.stepId).toBe(contract?.stages[0]?.steps[0]?.id);
    expect(first?.footer).toContain(`0/${total} done`);
    await say(tb, 'done');
    expect((await say(tb, 'status'))[0]?.text).toContain(`1/${total}`);
  });

  it('keeps each flow’s place: back to reseller shows it finished, back to contract resumes its step', async () => {
    const tb = await makeTestBot();
    await finishReseller(tb);
    await say(tb, 'start contract');
    const [second] = await say(tb, 'done');
    const [reseller] = await say(tb, 'start reseller');
    expect(reseller?.kind).toBe('finished');
    const [list] = await say(tb, 'flows');
    expect(list?.text).toMatch(/reseller\*\* \(you are here\): finished/);
    expect(list?.text).toMatch(/1\/\d+ steps done/);
    const [resumed] = await say(tb, 'start contract');
    expect(resumed?.stepId).toBe(second?.stepId);
    // A bare `start` resumes the flow they are in, not the default one.
    expect((await say(tb, 'start'))[0]?.stepId).toBe(second?.stepId);
  });

  it('a name that is no flow gets the list, with the name echoed and nothing changed', async () => {
    const tb = await makeTestBot();
    await say(tb, 'start');
    const [answer] = await say(tb, 'start partnr');
    expect(answer?.kind).toBe('warning');
    expect(answer?.text).toContain('There is no process called “partnr”');
    expect(answer?.text).toContain('Signing your Tencent Cloud reseller contract');
    expect((await tb.store.load(me))?.flowId).toBe('reseller');
  });

  it('speaks Chinese in the list and the offer, with the Chinese command word', async () => {
    const tb = await makeTestBot();
    await say(tb, 'lang zh-CN');
    const [list] = await say(tb, '流程');
    expect(list?.title).toBe('入驻流程');
    expect(list?.text).toContain('开始 contract');
    const [finished] = await finishReseller(tb);
    expect(finished?.text).toContain('开始 contract');
  });

  it('a record from before several flows (no shelf) keeps its place and moves on from there', async () => {
    const tb = await makeTestBot();
    const at = '2026-11-20T10:00:00.000Z';
    // Exactly what a store written before this change holds for someone on step 3.
    await tb.store.save({
      user: me,
      flowId: 'reseller',
      flowVersion: 1,
      current: 'bind-card',
      steps: {
        register: { enteredAt: at, doneAt: at, ticked: ['details-entered', 'submitted'] },
        activate: { enteredAt: at, doneAt: at, ticked: ['email-received', 'link-clicked'] },
        'bind-card': { enteredAt: at },
      },
      startedAt: at,
      activeAt: at,
      updatedAt: at,
    });
    expect((await say(tb, 'status'))[0]?.text).toContain('2/11');
    expect((await say(tb, 'start'))[0]?.stepId).toBe('bind-card');
    await say(tb, 'start contract');
    await say(tb, 'start reseller');
    expect((await tb.store.load(me))?.steps.activate?.doneAt).toBe(at);
    expect((await say(tb, 'status'))[0]?.text).toContain('2/11');
  });
});

describe('staff and several flows', () => {
  it('the funnel counts those who moved on; staff replies say which flow they show', async () => {
    const tb = await makeTestBot({ admins: [staff] });
    await finishReseller(tb, key('ann'));
    await say(tb, 'start contract', key('ann'));
    await say(tb, 'start', key('bob'));
    const reseller = await admin(tb, 'admin stats flow reseller');
    expect(reseller?.footer).toContain('Flow: Becoming a Tencent Cloud reseller (reseller)');
    expect(reseller?.text).toContain('Started: 2 · finished: 1');
    const contract = await admin(tb, 'admin stats flow contract');
    expect(contract?.footer).toContain('(contract)');
    expect(contract?.text).toContain('Started: 1 · finished: 0');
    // Without a flow: the one most people started.
    expect((await admin(tb, 'admin stats'))?.footer).toContain('(reseller)');
    const unknown = await admin(tb, 'admin stats flow nope');
    expect(unknown?.kind).toBe('warning');
    expect(unknown?.text).toContain('second-level-reseller');
  });

  it('the export of a flow has everyone who was in it, also those now in another', async () => {
    const tb = await makeTestBot({ admins: [staff] });
    await finishReseller(tb, key('ann'));
    await say(tb, 'start contract', key('ann'));
    const reply = await admin(tb, 'admin export flow reseller');
    expect(reply?.file?.name).toMatch(/^guidepost-reseller-/);
    const csv = (await fileChunks(reply)).join('');
    expect(csv).toMatch(/console:local:ann,console,,finished,11,11/);
  });

  it('`assign` moves a person into another flow and tells them; `undo` puts them back', async () => {
    const tb = await makeTestBot({ admins: [staff] });
    await say(tb, 'start', key('dan'));
    await say(tb, 'done', key('dan'));
    const done = await admin(tb, 'admin assign dan second-level-reseller');
    expect(done?.text).toContain('Moved console:local:dan');
    const told = tb.sent.find((s) => s.to === key('dan'));
    expect(told?.replies.map((r) => r.kind)).toContain('step');
    expect((await tb.store.load(key('dan')))?.flowId).toBe('second-level-reseller');
    expect((await admin(tb, 'admin assign dan second-level-reseller'))?.kind).toBe('warning');
    const id = /undo (A\d+)/.exec(done?.text ?? '')?.[1];
    await admin(tb, `admin undo ${id}`);
    const back = await tb.store.load(key('dan'));
    expect(back?.flowId).toBe('reseller');
    expect(back?.current).toBe('activate');
    expect(back?.shelved).toBeUndefined();
  });

  it('per-person commands act in the person’s own flow', async () => {
    const tb = await makeTestBot({ admins: [staff] });
    await finishReseller(tb, key('eve'));
    await say(tb, 'start contract', key('eve'));
    const user = await admin(tb, 'admin user eve');
    expect(user?.text).toContain('0/');
    const wrong = await admin(tb, 'admin move eve bind-card');
    expect(wrong?.kind).toBe('warning');
  });
});
