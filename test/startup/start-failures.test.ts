import { once } from 'node:events';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeDiscord } from '../adapters/discord/fake-discord.js';
import { type FakeSlack, startFakeSlack } from '../adapters/slack/fake-slack.js';
import { BOT_TOKEN } from '../adapters/slack/harness.js';
import { SIGNING_SECRET } from '../adapters/slack/signed.js';
import { freePort } from '../helpers/free-port.js';
import { type RunResult, runMain } from '../helpers/run-main.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import {
  canDropCapabilities,
  canUnshareMounts,
  runMainUnshared,
  runMainWithoutLowPorts,
} from './run-wrapped.js';

const APP_TOKEN = 'xapp-1-A0001-never-logged';
const DISCORD_TOKEN = 'fake-discord-token.never-logged';
const SECRETS = [BOT_TOKEN, APP_TOKEN, DISCORD_TOKEN, SIGNING_SECRET];

const tempDir = useTempDirs();
/** Each test starts Node with tsx; on a machine shared by many jobs that alone can take tens of seconds. */
const SLOW_MACHINE_MS = 90_000;
const MAIN_MS = 60_000;
let slack: FakeSlack | undefined;
let discord: FakeDiscord | undefined;
let blocker: Server | undefined;
afterEach(async () => {
  await slack?.close();
  await discord?.close();
  if (blocker) await new Promise((resolve) => blocker?.close(resolve));
  slack = discord = blocker = undefined;
});

/** The run failed with exit code 1 and one line on stderr naming `setting` and a fix; no secret shown. */
function expectOneLine(result: RunResult, setting: string, problem: RegExp): string {
  expect(result.code).toBe(1);
  const lines = result.stderr.trim().split('\n');
  const last = lines.at(-1) ?? '';
  expect(last).toMatch(new RegExp(`^guidepost: ${setting}: `));
  expect(last).toMatch(problem);
  expect(last).toMatch(/Fix: \S/);
  expect(result.stderr).not.toMatch(/^\s+at /m);
  for (const secret of SECRETS) expect(result.stderr + result.stdout).not.toContain(secret);
  return last;
}

async function slackEnv(extra: Record<string, string> = {}) {
  slack ??= await startFakeSlack();
  return {
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    PORT: String(await freePort()),
    STORE_FILE: join(await tempDir(), 'progress.json'),
    LOG_LEVEL: 'warn',
    ...extra,
  };
}

describe('PORT', { timeout: SLOW_MACHINE_MS }, () => {
  it('in use: names PORT, the port and what to do', async () => {
    const env = await slackEnv();
    blocker = createServer().listen(Number(env.PORT));
    await once(blocker, 'listening');
    expectOneLine(await runMain('', env, MAIN_MS), 'PORT', new RegExp(`port ${env.PORT} is already in use`));
  });

  it.runIf(canDropCapabilities)('not allowed (a port below 1024 without the right to bind it)', async () => {
    // As root, drop the capability that allows low ports (as a non-root user has none of it).
    const env = await slackEnv({ PORT: '80' });
    const result = await runMainWithoutLowPorts(env);
    expectOneLine(result, 'PORT', /may not listen on port 80/);
  });
});

describe('Slack', { timeout: SLOW_MACHINE_MS }, () => {
  it('SLACK_BOT_TOKEN refused by Slack (invalid_auth): names the token setting, not the network', async () => {
    const env = await slackEnv();
    slack?.fail('auth.test', 'invalid_auth');
    const line = expectOneLine(
      await runMain('', env, MAIN_MS),
      'SLACK_BOT_TOKEN',
      /Slack refused this token .*invalid_auth/,
    );
    expect(line).toContain('OAuth & Permissions');
  });

  it('SLACK_APP_TOKEN refused by Slack in Socket Mode: names SLACK_APP_TOKEN', async () => {
    const env = await slackEnv({ SLACK_APP_TOKEN: APP_TOKEN });
    slack?.fail('apps.connections.open', 'invalid_auth');
    const line = expectOneLine(
      await runMain('', env, MAIN_MS),
      'SLACK_APP_TOKEN',
      /Slack refused this token .*invalid_auth/,
    );
    expect(line).toContain('connections:write');
  });

  it('Slack cannot be reached (connection refused): said so, not "refused this token"', async () => {
    const env = await slackEnv({ SLACK_API_URL: `http://127.0.0.1:${await freePort()}/api/` });
    const line = expectOneLine(
      await runMain('', env, MAIN_MS),
      'SLACK_API_URL',
      /cannot reach Slack .*ECONNREFUSED/,
    );
    expect(line).not.toMatch(/refused this token/);
  });

  it('SLACK_SIGNING_SECRET missing in HTTP mode: one line saying where to find it', async () => {
    const { SLACK_SIGNING_SECRET: _unset, ...env } = await slackEnv();
    const result = await runMain('', env, MAIN_MS);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(
      /^guidepost: Invalid setting SLACK_SIGNING_SECRET: required .*Fix: /,
    );
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('Discord', { timeout: SLOW_MACHINE_MS }, () => {
  async function discordEnv(extra: Record<string, string> = {}) {
    discord ??= await FakeDiscord.start();
    return {
      DISCORD_TOKEN,
      DISCORD_API_URL: discord.apiUrl,
      STORE_FILE: join(await tempDir(), 'progress.json'),
      LOG_LEVEL: 'warn',
      ...extra,
    };
  }

  it('DISCORD_TOKEN refused by Discord (401): names DISCORD_TOKEN and the Developer Portal', async () => {
    const env = await discordEnv();
    if (discord) discord.unauthorized = true;
    const line = expectOneLine(
      await runMain('', env, MAIN_MS),
      'DISCORD_TOKEN',
      /Discord refused this token/,
    );
    expect(line).toContain('Developer Portal');
  });

  it('Discord cannot be reached (connection refused): said so, not "refused this token"', async () => {
    const env = await discordEnv({ DISCORD_API_URL: `http://127.0.0.1:${await freePort()}/api` });
    const line = expectOneLine(
      await runMain('', env, MAIN_MS),
      'DISCORD_API_URL',
      /cannot reach Discord .*ECONNREFUSED/,
    );
    expect(line).not.toMatch(/refused this token/);
  });
});

describe('STORE_FILE', { timeout: SLOW_MACHINE_MS }, () => {
  const consoleEnv = (file: string) => ({ STORE_FILE: file, LOG_LEVEL: 'warn' });

  it('is a folder (EISDIR)', async () => {
    const folder = join(await tempDir(), 'data');
    await mkdir(folder);
    expectOneLine(await runMain('', consoleEnv(folder), MAIN_MS), 'STORE_FILE', /is a folder, not a file/);
  });

  it('has a file where a folder should be (ENOTDIR)', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'data'), 'not a folder');
    const result = await runMain('', consoleEnv(join(dir, 'data', 'progress.json')), MAIN_MS);
    expectOneLine(result, 'STORE_FILE', /is a file, not a folder/);
  });

  it.runIf(canUnshareMounts)(
    'is in a read-only folder (a read-only bind mount: chmod does not stop root)',
    async () => {
      const dir = await tempDir();
      const setup = `mount --bind '${dir}' '${dir}'; mount -o remount,ro,bind '${dir}'`;
      const result = await runMainUnshared(setup, consoleEnv(join(dir, 'progress.json')));
      expectOneLine(result, 'STORE_FILE', new RegExp(`may not write in the folder ${dir}`));
    },
  );

  it.runIf(canUnshareMounts)('is on a full disk (a 64 KiB tmpfs filled to the brim)', async () => {
    const dir = await tempDir();
    const setup = `mount -t tmpfs -o size=64k guidepost-full '${dir}'; cat /dev/zero > '${dir}/filler' 2>/dev/null || true`;
    const result = await runMainUnshared(setup, consoleEnv(join(dir, 'progress.json')));
    expectOneLine(result, 'STORE_FILE', new RegExp(`the disk holding ${dir} is full`));
  });
});

describe('DATABASE_URL', { timeout: SLOW_MACHINE_MS }, () => {
  it('a server that cannot be reached: names DATABASE_URL, never its password', async () => {
    const port = await freePort();
    const env = {
      DATABASE_URL: `postgres://guidepost:never-logged-pw@127.0.0.1:${port}/guidepost`,
      STORE_FILE: join(await tempDir(), 'progress.json'),
      LOG_LEVEL: 'warn',
    };
    const line = expectOneLine(
      await runMain('', env, MAIN_MS),
      'DATABASE_URL',
      /could not open the database .*ECONNREFUSED/,
    );
    expect(line).not.toContain('never-logged-pw');
  });

  it('not a postgres:// address: refused as a setting, without repeating it', async () => {
    const env = { DATABASE_URL: 'mysql://root:never-logged-pw@127.0.0.1/x', LOG_LEVEL: 'warn' };
    const result = await runMain('', env, MAIN_MS);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/DATABASE_URL.*expected a postgres:\/\//);
    expect(result.stderr).not.toContain('never-logged-pw');
  });
});
