import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ShownMessage } from './fake-slack.js';
import { PERSON } from './fixtures/payloads.js';
import { buttonsOf, type Harness, startHarness } from './harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => h.stop());

const headerOf = (m: ShownMessage | undefined) => m?.blocks[0]?.text?.text as string | undefined;
/** The step card: the DM message that carries a Done (or Approved) button. */
const card = () => h.dm().findLast((m) => buttonsOf(m).some((b) => b.action_id.startsWith('done:')));
const doneButton = (m: ShownMessage) => buttonsOf(m).find((b) => b.action_id.startsWith('done:'));
const homeText = () => JSON.stringify(h.fake.homes.get(PERSON)?.blocks);

describe('a whole journey through Slack', () => {
  it('goes from /onboard to 11/11 with Done clicks, and the Home tab shows 11/11', async () => {
    await h.command('');
    await h.settle();
    const titles: string[] = [];
    for (let i = 0; i < 11; i++) {
      const step = card();
      if (!step) throw new Error(`no step card after ${i} clicks`);
      titles.push(headerOf(step) ?? '');
      expect(step.blocks.at(-1)?.elements[0].text).toContain(`Step ${i + 1} of 11 · ${i}/11 done`);
      await h.click(step, doneButton(step)?.text.text ?? 'Done');
      await h.settle();
    }
    expect(new Set(titles).size).toBe(11);
    // The last Done turned the last step card into the finish card, in place.
    const finish = h.dm().at(-1);
    expect(card()).toBeUndefined();
    expect(headerOf(finish)).toBe('Qualification approved: next, sign the online contract');
    expect(h.dm()).toHaveLength(2);

    await h.click(finish as ShownMessage, 'Status');
    await h.settle();
    expect(h.dm().at(-1)?.text).toContain('███████████ 11/11 steps done');

    await h.openHome();
    await h.settle();
    expect(homeText()).toContain('11/11');
    expect(homeText()).toContain('All 11 steps are done');
    expect(homeText()).not.toContain('⬜');
    expect(buttonsOf({ blocks: h.fake.homes.get(PERSON)?.blocks ?? [] } as never)).toEqual([]);
  });

  it('ticks a checklist item in place; Done and Back update the card; Help answers below it', async () => {
    await h.command('start');
    await h.settle();
    const step = card() as ShownMessage;
    await h.click(step, 'tick:register:submitted:on');
    await h.settle();
    const ticked = card() as ShownMessage;
    expect(ticked.ts).toBe(step.ts);
    expect(JSON.stringify(ticked.blocks)).toContain('✅ Form submitted');
    expect(buttonsOf(ticked).find((b) => b.action_id === 'tick:register:submitted:off')?.text.text).toBe(
      'Untick',
    );

    await h.click(ticked, 'Done');
    await h.settle();
    expect(headerOf(card())).toBe('Activate your account from the email');
    await h.click(card() as ShownMessage, 'Back');
    await h.settle();
    expect(headerOf(card())).toBe('Fill in the registration form');
    expect(card()?.ts).toBe(step.ts);

    await h.click(card() as ShownMessage, 'Help');
    await h.settle();
    expect(h.dm().at(-1)?.text).toContain('Help: Fill in the registration form');
    expect(headerOf(card())).toBe('Fill in the registration form');
  });

  it('a question gets the passage and a Show step button; the look leaves the step card alone', async () => {
    await h.command('start');
    await h.settle();
    const step = card() as ShownMessage;
    await h.type('my activation link expired, what now?');
    await h.settle();
    const answer = h.dm().at(-1) as ShownMessage;
    expect(answer.text).toContain('ask for a new account activation link');
    await h.click(answer, 'Show step 2');
    await h.settle();
    const look = h.dm().at(-1) as ShownMessage;
    expect(headerOf(look)).toBe('Activate your account from the email');
    expect(JSON.stringify(look.blocks)).toContain('you are still at step 1');
    expect(buttonsOf(look).map((b) => b.text.text)).toEqual(['Back to where I am']);
    expect(headerOf(card())).toBe('Fill in the registration form');
    expect(card()?.ts).toBe(step.ts);
  });

  it('Start on the Home tab sends the first step to the DM and refreshes the Home tab', async () => {
    await h.clickHome('start', 'Start');
    await h.settle();
    expect(headerOf(card())).toBe('Fill in the registration form');
    expect(homeText()).toContain('👉 Fill in the registration form');
    expect(homeText()).toContain('Resume');
  });

  it('speaks Chinese to a person whose Slack locale is zh-CN, until they choose English', async () => {
    h.fake.locales.set(PERSON, 'zh-CN');
    await h.command('');
    await h.settle();
    expect(h.fake.calls.find((c) => c.method === 'users.info')?.args).toMatchObject({
      include_locale: 'true',
    });
    const notice = h.fake.calls.findLast((c) => c.method === 'response_url');
    expect(notice?.args.text).toContain('我已经给您发了一条私信');
    const step = card() as ShownMessage;
    expect(headerOf(step)).toBe('填写注册信息');
    expect(buttonsOf(step).map((b) => b.text.text)).toContain('完成');
    await h.click(step, '完成');
    await h.openHome();
    await h.settle();
    expect(homeText()).toContain('已完成 *1/11* 步');

    await h.type('lang en');
    await h.type('status');
    await h.settle();
    expect(h.dm().at(-1)?.text).toContain('1/11 steps done');
  });

  it('/onboard flows lists the flows with a button into each other one; a click starts that flow', async () => {
    await h.command('flows');
    await h.settle();
    const list = h.dm().at(-1) as ShownMessage;
    expect(JSON.stringify(list.blocks)).toContain('Becoming a Tencent Cloud reseller');
    const ids = buttonsOf(list).map((b) => b.action_id);
    expect(ids).toEqual(['start:contract', 'start:second-level-reseller']);
    await h.click(list, 'start:contract');
    await h.settle();
    const step = card() as ShownMessage;
    expect(step.blocks.at(-1)?.elements[0].text).toContain('Step 1 of 8 · 0/8 done');
    await h.command('status');
    await h.settle();
    expect(h.dm().at(-1)?.text).toContain('0/8');
    await h.openHome();
    await h.settle();
    expect(homeText()).toContain('Signing your Tencent Cloud reseller contract');
    expect(homeText()).toContain('0/8');
  });
});
