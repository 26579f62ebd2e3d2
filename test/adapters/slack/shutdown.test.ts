import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from './fake-slack.js';
import { slashCommand } from './fixtures/payloads.js';
import { postToApp } from './signed.js';
import { startSlackMain } from './slack-main.js';

let fake: FakeSlack | undefined;
let child: ChildProcess | undefined;
let dir: string | undefined;
afterEach(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGKILL');
    await once(child, 'exit');
  }
  await fake?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

it('SIGTERM with the Slack API frozen and five people’s work queued: exits 0 within 10 s', async () => {
  fake = await startFakeSlack();
  dir = await mkdtemp(join(tmpdir(), 'guidepost-slack-'));
  const main = await startSlackMain(fake, dir);
  child = main.child;

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
