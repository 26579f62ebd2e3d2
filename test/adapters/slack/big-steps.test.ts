import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ShownMessage } from './fake-slack.js';
import { PERSON, TEAM } from './fixtures/payloads.js';
import { buttonsOf, type Harness, startHarness } from './harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => h.stop());

const last = () => h.dm().at(-1) as ShownMessage;
const labels = (m: ShownMessage) => buttonsOf(m).map((b) => b.text.text);
const record = () => h.tb.store.load(`slack:${TEAM}:${PERSON}`);

/** Types in the DM and waits for the answers to be posted. */
async function type(...lines: string[]) {
  for (const line of lines) {
    await h.type(line);
    await h.settle();
  }
}

async function press(message: ShownMessage, label: string) {
  await h.click(message, label);
  await h.settle();
}

describe('no big step by accident, through Slack', () => {
  it('"ok" on a review step asks "has your review been approved?"; Yes approves it', async () => {
    await type('start', ...Array(6).fill('done'));
    await type('ok');
    const question = last();
    expect(question.text).toContain('Has your review been approved?');
    expect(labels(question)).toEqual(['Yes, it was approved', 'Not yet']);
    expect((await record())?.current).toBe('verification-review');
    await press(question, 'Yes, it was approved');
    expect((await record())?.current).toBe('company-info');
  });

  it('"back" after finishing asks first, and "No, stay finished" keeps the journey finished', async () => {
    await type('start', ...Array(11).fill('done'));
    await type('back');
    const question = last();
    expect(question.text).toContain("You've finished every step.");
    await press(question, 'No, stay finished');
    expect((await record())?.finishedAt).toBeDefined();
    await type('status');
    expect(last().text).toContain('11/11 steps done');
  });

  it('the Yes of an earlier "start over?" cannot confirm a newer one', async () => {
    await type('start', 'done', 'done');
    await type('restart');
    const first = last();
    await press(first, 'No, keep my progress');
    await type('restart');
    const second = last();
    await press(first, 'Yes, start over');
    expect(last().text).toContain('belongs to an earlier question');
    expect((await record())?.current).toBe('bind-card');
    await press(second, 'Yes, start over');
    expect((await record())?.current).toBe('register');
    expect((await record())?.steps.register?.doneAt).toBeUndefined();
  });

  it('start, then done typed over and over, walks the whole guide without a question', async () => {
    await type('start', ...Array(11).fill('done'));
    expect(h.dm().some((m) => labels(m).includes('Yes, it was approved'))).toBe(false);
    await type('status');
    expect(last().text).toContain('11/11 steps done');
  });
});
