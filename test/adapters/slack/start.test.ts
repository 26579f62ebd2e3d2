import { once } from 'node:events';
import { expect, it } from 'vitest';
import { dmOf, PERSON, slashCommand } from './fixtures/payloads.js';
import { BOT_TOKEN } from './harness.js';
import { postToApp } from './signed.js';
import { useSlackMain } from './slack-main.js';

const start = useSlackMain();

it('npm start with Slack settings serves /slack/events, and a signed /onboard reaches the DM', async () => {
  const { fake, main } = await start();
  const { child } = main;
  const { port, stderr } = main;

  const form = slashCommand('', { responseUrl: fake.responseUrl('npm-start') });
  expect((await postToApp(port, { form })).status).toBe(200);
  const note = await fake.waitFor((c) => c.method === 'response_url', 0, 'the "sent you a DM" note');
  // Which note it was (not "Slack didn't accept my reply"), with what the app called and logged if not.
  const seen = `${fake.calls.map((c) => c.method).join(' ')}\n${stderr.join('')}`;
  expect(JSON.stringify(note.args), seen).toContain('sent you a direct message');
  expect(fake.conversation(dmOf(PERSON)).at(-1)?.blocks[0]?.text.text).toBe('Fill in the registration form');
  expect((await postToApp(port, { form }, { secret: 'wrong' })).status).toBe(401);

  child.kill('SIGTERM');
  const [code] = await once(child, 'exit');
  expect(code).toBe(0);
  expect(stderr.join('')).toContain('guidepost stopped');
  expect(stderr.join('')).not.toContain(BOT_TOKEN);
});
