import { describe, expect, it } from 'vitest';
import { createChannelPace, createPace } from '../../../adapters/kit/pace.js';

describe('pacing proactive sends', () => {
  it('a failed send is reported to its caller and does not stop the ones behind it', async () => {
    const pace = createPace({ count: 2, perMs: 50 });
    const ran: number[] = [];
    const results = await Promise.allSettled(
      [0, 1, 2, 3].map((i) =>
        pace.run(async () => {
          ran.push(i);
          if (i === 1) throw new Error('refused');
          return i;
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(ran).toEqual([0, 1, 2, 3]);
  });

  it('each send runs once, in the order asked, per channel', async () => {
    const paced = createChannelPace({ count: 10, perMs: 20 }, { count: 1, perMs: 20 });
    const ran: string[] = [];
    const send = (channel: string, n: number) =>
      paced(channel, async () => {
        ran.push(`${channel}${n}`);
        return n;
      });
    const sent = await Promise.all([send('a', 1), send('b', 1), send('a', 2), send('b', 2), send('a', 3)]);
    expect(sent).toEqual([1, 1, 2, 2, 3]);
    expect(ran.filter((r) => r.startsWith('a'))).toEqual(['a1', 'a2', 'a3']);
    expect(ran.filter((r) => r.startsWith('b'))).toEqual(['b1', 'b2']);
    expect(ran).toHaveLength(5);
  });
});
