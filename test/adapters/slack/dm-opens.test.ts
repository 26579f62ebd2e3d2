import { webApi } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { createPace } from '../../../adapters/kit/pace.js';
import { webClientOptions } from '../../../adapters/slack/index.js';
import { createDmLookup } from '../../../adapters/slack/lookups.js';
import { createWeb } from '../../../adapters/slack/web.js';
import type { Logger } from '../../../src/core/index.js';
import { type FakeSlack, startFakeSlack } from './fake-slack.js';

let fake: FakeSlack | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const silentLogger: Logger = { info() {}, warn() {}, error() {} };
const opens = (f: FakeSlack) => f.calls.filter((c) => c.method === 'conversations.open');

describe('DMs opened for reminders keep to conversations.open’s rate', () => {
  it('reminders wait their turn for new DMs; someone talking to the bot does not, and a cached DM never waits', {
    timeout: 20_000,
  }, async () => {
    fake = await startFakeSlack();
    const web = createWeb(new webApi.WebClient('xoxb-test', webClientOptions(fake.apiUrl)), silentLogger);
    // Two opens per 400 ms here (40 a minute in production), through the real Web API client.
    const dms = createDmLookup(web, createPace({ count: 2, perMs: 400 }));
    // One open first, so the client's connection is made: the measured opens then arrive when they are sent.
    await dms.forAnswer('U0');
    await new Promise((resolve) => setTimeout(resolve, 450));
    const people = ['U1', 'U2', 'U3', 'U4', 'U5', 'U6'];
    const reminders = Promise.all(people.map((p) => dms.forReminder(p)));
    const answer = await dms.forAnswer('U9');
    const channels = await reminders;

    expect(channels.every((c) => typeof c === 'string' && c.startsWith('D'))).toBe(true);
    expect(answer).toMatch(/^D/);
    const times = opens(fake)
      .filter((c) => c.args.users !== 'U9' && c.args.users !== 'U0')
      .map((c) => c.at ?? 0);
    expect(times).toHaveLength(6);
    // The 3rd and 5th open each waited a window after the 1st and 3rd: never more than two per 400 ms.
    expect((times[2] as number) - (times[0] as number)).toBeGreaterThanOrEqual(350);
    expect((times[4] as number) - (times[2] as number)).toBeGreaterThanOrEqual(350);
    // The person talking to the bot was answered before the reminders' queue had drained.
    const u9 = opens(fake).find((c) => c.args.users === 'U9')?.at ?? 0;
    expect(u9).toBeLessThan(times[4] as number);

    // A DM already known is not opened again, and does not wait behind anything.
    const before = opens(fake).length;
    const t = Date.now();
    expect(await dms.forReminder('U1')).toBe(channels[0]);
    expect(Date.now() - t).toBeLessThan(200);
    expect(opens(fake)).toHaveLength(before);
  });
});
