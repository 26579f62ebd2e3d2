import { afterEach, expect, it } from 'vitest';
import { type RunningSlack, startSlack } from '../../adapters/slack/index.js';
import { parseConfig } from '../../src/config.js';
import { Connection } from '../../src/health/connection.js';
import { startHarness } from '../adapters/discord/harness.js';
import { type FakeSlack, startFakeSlack } from '../adapters/slack/fake-slack.js';
import { APP_TOKEN, BOT_TOKEN, captureLogs, type LogLine } from '../adapters/slack/harness.js';
import { makeTestBot } from '../helpers/bot.js';

/** Polls (bounded) until the connection's state is `connected`. */
async function until(connection: Connection, connected: boolean, what: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (connection.state().connected !== connected) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

it('Slack Socket Mode reports connected, then disconnected when the socket drops, then connected again', async () => {
  const fake: FakeSlack = await startFakeSlack();
  const tb = await makeTestBot();
  const logs: LogLine[] = [];
  const connection = new Connection();
  const config = parseConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_APP_TOKEN: APP_TOKEN,
    SLACK_API_URL: fake.apiUrl,
  });
  let running: RunningSlack | undefined;
  cleanup = async () => {
    await running?.stop();
    await fake.close();
  };
  running = await startSlack({
    bot: tb.bot,
    translator: tb.translator,
    config,
    logger: captureLogs(logs),
    connection,
  });
  expect(connection.state().connected).toBe(true);

  fake.socket.closeAll();
  await until(connection, false, 'the drop to be reported');
  await until(connection, true, 'the reconnection to be reported', 20_000);

  await running.stop();
  running = undefined;
  expect(connection.state().connected).toBe(false);
}, 60_000);

it('Slack HTTP mode counts as connected while it listens', async () => {
  const fake: FakeSlack = await startFakeSlack();
  const tb = await makeTestBot();
  const connection = new Connection();
  const config = {
    ...parseConfig({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: 'signing-secret',
      SLACK_API_URL: fake.apiUrl,
    }),
    PORT: 0,
  };
  cleanup = () => fake.close();
  const running = await startSlack({
    bot: tb.bot,
    translator: tb.translator,
    config,
    logger: captureLogs([]),
    host: '127.0.0.1',
    connection,
  });
  expect(connection.state().connected).toBe(true);
  await running.stop();
  expect(connection.state().connected).toBe(false);
});

it('Discord reports connected once the gateway is ready and disconnected when it drops', async () => {
  const connection = new Connection();
  const h = await startHarness({ connection });
  cleanup = () => h.stop();
  expect(connection.state().connected).toBe(true);
  h.fake.gateway.dropAll();
  await until(connection, false, 'the drop to be reported');
});
