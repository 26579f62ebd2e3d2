import { once } from 'node:events';
import { expect, it } from 'vitest';
import { slashCommand } from './fixtures/payloads.js';
import { postToApp } from './signed.js';
import { useSlackMain } from './slack-main.js';

const start = useSlackMain();

it('SIGTERM with the Slack API frozen and five people’s work queued: exits 0 within 10 s', async () => {
  const { fake, main } = await start();
  const { child } = main;

  fake.freeze();
  const since = fake.calls.length;
  for (let i = 0; i < 5; i++) {
    const form = slashCommand('', { responseUrl: fake.responseUrl(`frozen-${i}`), user: `U0FROZEN${i}` });
    expect((await postToApp(main.port, { form })).status).toBe(200);
  }
  // The bot is now waiting on Slack calls that will never be answered.
  await fake.waitFor(() => true, since, 'a call to the frozen API');

  const started = Date.now();
  child.kill('SIGTERM');
  const [code] = await once(child, 'exit');
  const took = Date.now() - started;
  expect(code).toBe(0);
  expect(took, 'ms from SIGTERM to exit').toBeLessThan(10_000);
  expect(main.stderr.join('')).toContain('guidepost stopped');
}, 60_000);
