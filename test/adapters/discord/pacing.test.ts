import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

describe('proactive messages are paced for Discord', () => {
  it('reminders to twelve new people open their DMs at most five a second', { timeout: 30_000 }, async () => {
    h = await startHarness();
    const { notifier, fake } = h;
    const ids = Array.from({ length: 12 }, (_, i) => String(1_300_000_000_000_000_000n + BigInt(i)));
    const delivered = await Promise.all(
      ids.map((id) =>
        notifier.notify(`discord:dm:${id}`, [{ kind: 'info', text: `nudge ${id}`, language: 'en' }]),
      ),
    );
    expect(delivered).toEqual(ids.map(() => true));
    const opens = fake.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/users/@me/channels'));
    expect(opens.map((r) => String(r.body.recipient_id)).sort()).toEqual([...ids].sort());
    // Never a sixth open within 0.8 s of the fifth before it: no burst of new DMs.
    for (let i = 5; i < opens.length; i++)
      expect((opens[i]?.at ?? 0) - (opens[i - 5]?.at ?? 0)).toBeGreaterThanOrEqual(800);
    // Each person got their message, in their own DM.
    const messages = fake.requests.filter(
      (r) => r.method === 'POST' && /\/channels\/\d+\/messages$/.test(r.path),
    );
    expect(messages).toHaveLength(12);
  });
});
