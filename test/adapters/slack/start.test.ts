import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from './fake-slack.js';
import { dmOf, PERSON, slashCommand } from './fixtures/payloads.js';
import { BOT_TOKEN } from './harness.js';
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

it('npm start with Slack settings serves /slack/events, and a signed /onboard reaches the DM', async () => {
  fake = await startFakeSlack();
  dir = await mkdtemp(join(tmpdir(), 'guidepost-slack-'));
  const main = await startSlackMain(fake, dir);
  child = main.child;
  const { port, stderr } = main;

  const form = slashCommand('', { responseUrl: fake.responseUrl('npm-start') });
  expect((await postToApp(port, { form })).status).toBe(200);
  await fake.waitFor((c) => c.method === 'response_url', 0, 'the "sent you a DM" note');
  expect(fake.conversation(dmOf(PERSON)).at(-1)?.blocks[0]?.text.text).toBe('Fill in the registration form');
  expect((await postToApp(port, { form }, { secret: 'wrong' })).status).toBe(401);

  child.kill('SIGTERM');
  const [code] = await once(child, 'exit');
  expect(code).toBe(0);
  expect(stderr.join('')).toContain('guidepost stopped');
  expect(stderr.join('')).not.toContain(BOT_TOKEN);
});
