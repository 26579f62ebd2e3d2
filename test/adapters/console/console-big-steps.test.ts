import { describe, expect, it } from 'vitest';
import { makeTestBot } from '../../helpers/bot.js';
import { typeIntoConsole } from '../../helpers/console-type.js';

const type = async (lines: string[]) => {
  const { bot, store } = await makeTestBot();
  const out = await typeIntoConsole(bot, 'me', lines);
  return { out, record: await store.load('console:local:me') };
};
const dones = (n: number) => Array<string>(n).fill('done');

describe('no big step by accident, in the console', () => {
  it.each(['ok', 'thanks', '1'])('%s on a review step asks, and y then approves it', async (word) => {
    const asked = await type(['start', ...dones(6), word]);
    expect(asked.out).toContain('Has your review been approved?');
    expect(asked.out).toContain('[y] Yes, it was approved   [n] Not yet');
    expect(asked.record?.current).toBe('verification-review');
    const approved = await type(['start', ...dones(6), word, 'y']);
    expect(approved.record?.current).toBe('company-info');
    expect(approved.out).toContain('Step 8 of 11');
  });

  it('back after finishing asks first; n keeps the journey finished', async () => {
    const { out, record } = await type(['start', ...dones(11), 'back', 'n']);
    expect(out).toContain("You've finished every step.");
    expect(out).toContain('[y] Yes, go back   [n] No, stay finished');
    expect(record?.finishedAt).toBeDefined();
  });

  it('a y typed after its question was dropped starts nothing over', async () => {
    const { out, record } = await type(['start', ...dones(3), 'restart', 'status', 'y']);
    expect(out).toContain('There is nothing waiting for a yes or no right now');
    expect(record?.current).toBe('contact-info');
  });

  it('start, then done over and over, reaches the end without a question', async () => {
    const { out, record } = await type(['start', ...dones(11)]);
    expect(out).not.toContain('[y] Yes');
    expect(record?.finishedAt).toBeDefined();
  });
});
