import { afterEach, describe, expect, it } from 'vitest';
import type { Reply } from '../../../src/core/index.js';
import type { Call } from './fake-calls.js';
import { dmOf } from './fixtures/payloads.js';
import { type Harness, startHarness } from './harness.js';
import { key, STAFF_CHANNEL } from './staff-helpers.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const notice = (text: string): Reply[] => [{ kind: 'info', text, language: 'en' }];
const posts = (hh: Harness, channel: (c: string) => boolean): Call[] =>
  hh.fake.calls.filter((c) => c.method === 'chat.postMessage' && channel(String(c.args.channel)));
const gaps = (calls: Call[]) => calls.slice(1).map((c, i) => (c.at ?? 0) - (calls[i]?.at ?? 0));

describe('proactive messages are paced to Slack’s posting limits', () => {
  it('ten notices to one channel, sent at once, arrive about a second apart', {
    timeout: 30_000,
  }, async () => {
    h = await startHarness({ staffChannel: STAFF_CHANNEL });
    const { notifier } = h.running;
    await Promise.all(
      Array.from({ length: 10 }, (_, i) => notifier.notifyStaff(key(`U00000${i}`), notice(`late ${i}`))),
    );
    const staff = posts(h, (c) => c === STAFF_CHANNEL);
    expect(staff.map((c) => c.args.text)).toEqual(Array.from({ length: 10 }, (_, i) => `late ${i}`));
    // Slack allows about one message a second per channel: never two within 0.8 s of each other.
    for (const gap of gaps(staff)) expect(gap).toBeGreaterThanOrEqual(800);
  });

  it('reminders to ten different people do not wait a second for each other', {
    timeout: 30_000,
  }, async () => {
    h = await startHarness({ staffChannel: STAFF_CHANNEL });
    const { notifier } = h.running;
    const people = Array.from({ length: 10 }, (_, i) => `U00000${i}`);
    const delivered = await Promise.all(people.map((p) => notifier.notify(key(p), notice(`nudge ${p}`))));
    expect(delivered).toEqual(people.map(() => true));
    const dms = posts(h, (c) => c.startsWith('D'));
    expect(dms.map((c) => c.args.channel).sort()).toEqual(people.map(dmOf).sort());
    // Paced one a second per channel only: all ten did not take the nine seconds one channel would.
    const span = (dms.at(-1)?.at ?? 0) - (dms[0]?.at ?? 0);
    expect(span).toBeLessThan(9 * 800);
  });
});
