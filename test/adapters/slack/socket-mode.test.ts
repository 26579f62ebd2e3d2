import { afterEach, expect, it } from 'vitest';
import { type RunningSlack, startSlack } from '../../../adapters/slack/index.js';
import { slackConfigOf } from '../../../src/adapter-configs.js';
import { parseConfig } from '../../../src/config.js';
import { adapterDeps } from '../../helpers/adapter-deps.js';
import { makeTestBot } from '../../helpers/bot.js';
import { type FakeSlack, startFakeSlack } from './fake-slack.js';
import { buttonClick, directMessage, dmOf, newEventId, PERSON, slashCommand } from './fixtures/payloads.js';
import { APP_TOKEN, BOT_TOKEN, buttonsOf, captureLogs, type LogLine } from './harness.js';

let fake: FakeSlack | undefined;
let running: RunningSlack | undefined;
afterEach(async () => {
  await running?.stop();
  await fake?.close();
});

it('Socket Mode: connects over a WebSocket, acks envelopes by envelope_id and runs the conversation', async () => {
  fake = await startFakeSlack();
  const tb = await makeTestBot();
  const logs: LogLine[] = [];
  const config = parseConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_APP_TOKEN: APP_TOKEN,
    SLACK_API_URL: fake.apiUrl,
  });
  running = await startSlack(slackConfigOf(config), adapterDeps(tb, captureLogs(logs)));
  expect(running.mode).toBe('socket');
  expect(fake.calls.find((c) => c.method === 'apps.connections.open')?.token).toBe(APP_TOKEN);
  expect(fake.socket.connections()).toBe(1);

  // /onboard in a channel, over the socket.
  let since = fake.calls.length;
  const command = slashCommand('', { responseUrl: fake.responseUrl('socket-cmd') });
  const ack = await fake.socket.send({
    envelope_id: 'dbdd0ef3-1543-4f94-bfb4-133d0e6c1545',
    type: 'slash_commands',
    payload: command,
    accepts_response_payload: true,
  });
  expect(ack.envelope_id).toBe('dbdd0ef3-1543-4f94-bfb4-133d0e6c1545');
  await fake.waitFor((c) => c.method === 'response_url', since, 'the "sent you a DM" note');
  const step = fake.conversation(dmOf(PERSON)).at(-1);
  expect(step?.blocks[0]?.text.text).toBe('Fill in the registration form');

  // A Done click, over the socket: the step card changes in place.
  since = fake.calls.length;
  const click = buttonClick(
    { action_id: 'done:register', label: 'Done', value: 'done:register' },
    { message: step as never, responseUrl: fake.responseUrl('socket-click') },
  );
  await fake.socket.send({
    envelope_id: 'a1b2c3',
    type: 'interactive',
    payload: click,
    accepts_response_payload: false,
  });
  await fake.waitFor((c) => c.method === 'chat.update', since, 'the card update');
  expect(fake.conversation(dmOf(PERSON)).at(-1)?.blocks[0]?.text.text).toBe(
    'Activate your account from the email',
  );

  // A typed message, then the same event again as a retry (retry_attempt 1): answered once.
  const eventId = newEventId();
  const typed = directMessage('done', { eventId });
  since = fake.calls.length;
  await fake.socket.send({
    envelope_id: 'e-1',
    type: 'events_api',
    payload: typed,
    accepts_response_payload: false,
    retry_attempt: 0,
    retry_reason: '',
  });
  await fake.waitFor((c) => c.method === 'chat.postMessage', since, 'the next step');
  const retry = await fake.socket.send({
    envelope_id: 'e-2',
    type: 'events_api',
    payload: typed,
    accepts_response_payload: false,
    retry_attempt: 1,
    retry_reason: 'timeout',
  });
  expect(retry.envelope_id).toBe('e-2');
  since = fake.calls.length;
  await fake.socket.send({
    envelope_id: 'e-3',
    type: 'events_api',
    payload: directMessage('status'),
    accepts_response_payload: false,
  });
  await fake.waitFor((c) => c.method === 'chat.postMessage', since, 'the status');
  expect(fake.conversation(dmOf(PERSON)).at(-1)?.text).toContain('2/11 steps done');
  expect(buttonsOf(fake.conversation(dmOf(PERSON)).at(-1) as never).map((b) => b.text.text)).toEqual([
    'Resume',
  ]);
});
