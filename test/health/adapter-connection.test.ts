import { afterEach, expect, it } from 'vitest';
import { type RunningSlack, startSlack } from '../../adapters/slack/index.js';
import { slackConfigOf } from '../../src/adapter-configs.js';
import { parseConfig } from '../../src/config.js';
import { Connection } from '../../src/health/connection.js';
import { startHarness } from '../adapters/discord/harness.js';
import { type FakeSlack, startFakeSlack } from '../adapters/slack/fake-slack.js';
import { APP_TOKEN, BOT_TOKEN, captureLogs, type LogLine } from '../adapters/slack/harness.js';
import { adapterDeps } from '../helpers/adapter-deps.js';
import { makeTestBot } from '../helpers/bot.js';

/** Polls (bounded) until the connection's state is `connected`. */
async function until(connection: Connection, connected: boolean, what: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (connection.state().connected !== connected) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A Connection that also remembers every change, so a drop and a quick reconnect are both seen. */
class RecordingConnection extends Connection {
  readonly changes: boolean[] = [];
  override up() {
    if (!this.state().connected) this.changes.push(true);
    super.up();
  }
  override down() {
    if (this.state().connected) this.changes.push(false);
    super.down();
  }
}

/** Polls (bounded) until the connection has gone through `changes` (in order, from the start). */
async function changed(connection: RecordingConnection, changes: boolean[], what: string) {
  const deadline = Date.now() + 20_000;
  while (connection.changes.join() !== changes.join()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${connection.changes}`);
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
  const connection = new RecordingConnection();
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
  running = await startSlack(slackConfigOf(config), adapterDeps(tb, captureLogs(logs), { connection }));
  expect(connection.state().connected).toBe(true);

  fake.socket.closeAll();
  // The client may reconnect within milliseconds: the drop is seen in the changes, not by polling.
  await changed(connection, [true, false, true], 'the drop and the reconnection to be reported');

  await running.stop();
  running = undefined;
  expect(connection.state().connected).toBe(false);
}, 60_000);

it('Slack HTTP mode counts as connected while it listens', async () => {
  const fake: FakeSlack = await startFakeSlack();
  const tb = await makeTestBot();
  const connection = new Connection();
  const config = {
    ...slackConfigOf(
      parseConfig({
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: 'signing-secret',
        SLACK_API_URL: fake.apiUrl,
      }),
    ),
    port: 0,
    host: '127.0.0.1',
  };
  cleanup = () => fake.close();
  const running = await startSlack(config, adapterDeps(tb, captureLogs([]), { connection }));
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
