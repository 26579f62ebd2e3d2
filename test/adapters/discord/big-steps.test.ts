import { afterEach, describe, expect, it } from 'vitest';
import { IDS } from './fixtures/gateway.js';
import { slash } from './fixtures/interactions.js';
import { customIdsOf, type Harness, nextId, pressOn, shown, startHarness, textOf } from './harness.js';

// Discord delivers no typed words to the bot (no message-content intent): a loose "ok" cannot reach it
// there. Only `/onboard done` and the Approved button approve a review; both are explicit.

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const alice = `discord:dm:${IDS.alice}`;
const record = (harness: Harness) => harness.test.store.load(alice);

async function run(harness: Harness, sub: string) {
  const [answer] = await harness.interact(slash({ id: nextId(), sub }));
  return shown(answer);
}

async function runTimes(harness: Harness, sub: string, times: number) {
  for (let i = 0; i < times; i += 1) await run(harness, sub);
}

const yesOf = (view: ReturnType<typeof shown>) =>
  customIdsOf(view).find((id) => id.startsWith('confirm:yes:')) ?? '';
const noOf = (view: ReturnType<typeof shown>) =>
  customIdsOf(view).find((id) => id.startsWith('confirm:no:')) ?? '';

describe('no big step by accident, through the Discord gateway', () => {
  it('/onboard start then /onboard done over and over walks the whole guide, asking nothing', async () => {
    h = await startHarness();
    await run(h, 'start');
    const views = [];
    for (let i = 0; i < 11; i += 1) views.push(await run(h, 'done'));
    expect(views.some((v) => yesOf(v) !== '')).toBe(false);
    expect(textOf(await run(h, 'status'))).toContain('11/11');
  });

  it('/onboard back after finishing asks first; "No, stay finished" keeps it finished, Yes reopens', async () => {
    h = await startHarness();
    await run(h, 'start');
    await runTimes(h, 'done', 11);
    const question = await run(h, 'back');
    expect(textOf(question)).toContain("You've finished every step.");
    await pressOn(h, question, noOf(question));
    expect((await record(h))?.finishedAt).toBeDefined();
    const again = await run(h, 'back');
    const [reopened] = await pressOn(h, again, yesOf(again));
    expect(textOf(shown(reopened))).toContain('Wait for the qualification review');
    expect((await record(h))?.current).toBe('qualification-review');
  });

  it('the Yes of an earlier /onboard restart cannot confirm a newer one', async () => {
    h = await startHarness();
    await run(h, 'start');
    await runTimes(h, 'done', 3);
    const first = await run(h, 'restart');
    await pressOn(h, first, noOf(first));
    const second = await run(h, 'restart');
    const [stale] = await pressOn(h, first, yesOf(first));
    expect(textOf(shown(stale))).toContain('belongs to an earlier question');
    expect((await record(h))?.current).toBe('contact-info');
    await pressOn(h, second, yesOf(second));
    expect((await record(h))?.current).toBe('register');
  });
});
