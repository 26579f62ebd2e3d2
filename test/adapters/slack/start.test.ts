import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from './fake-slack.js';
import { dmOf, PERSON, slashCommand } from './fixtures/payloads.js';
import { BOT_TOKEN } from './harness.js';
import { postToApp, SIGNING_SECRET } from './signed.js';

const WAIT_MS = 15_000;

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Resolves when a line of the child's stderr matches; rejects on timeout or exit. */
function waitForLog(child: ChildProcess, text: string, seen: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "${text}" in the logs`)), WAIT_MS);
    const check = () => {
      if (!seen.join('').includes(text)) return;
      clearTimeout(timer);
      resolve();
    };
    child.stderr?.on('data', check);
    child.once('exit', () => reject(new Error(`exited before "${text}": ${seen.join('')}`)));
    check();
  });
}

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
  const port = await freePort();
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(SLACK|DISCORD)_/.test(k)));
  child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'src/main.ts'], {
    env: {
      ...env,
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      PORT: String(port),
      STORE_FILE: join(dir, 'progress.json'),
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const stderr: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString('utf8')));
  await waitForLog(child, 'slack adapter started', stderr);

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
