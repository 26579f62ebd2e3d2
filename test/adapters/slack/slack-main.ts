import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { freePort } from '../../helpers/free-port.js';
import { startMain } from '../../helpers/run-main.js';
import { type FakeSlack, startFakeSlack } from './fake-slack.js';
import { BOT_TOKEN } from './harness.js';
import { SIGNING_SECRET } from './signed.js';

const WAIT_MS = 15_000;

/** Resolves when the child's stderr so far contains `text`; rejects on timeout or exit. */
export function waitForLog(child: ChildProcess, text: string, seen: string[]): Promise<void> {
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

/**
 * `npm start` in HTTP mode against the fake Slack, in its own process: `node --import tsx` rather than the
 * tsx CLI, so that `child.pid` is the bot itself (whose memory can be measured), not a launcher.
 */
export interface SlackMain {
  child: ChildProcess;
  port: number;
  /** Everything it logged (JSON lines). */
  stderr: string[];
}

export async function startSlackMain(fake: FakeSlack, dir: string): Promise<SlackMain> {
  const port = await freePort();
  // A clean environment (startMain): its own JSON store, never the tests' DATABASE_URL or tokens.
  const child = startMain({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    PORT: String(port),
    STORE_FILE: join(dir, 'progress.json'),
    LOG_LEVEL: 'info',
  });
  child.stdout.resume();
  const stderr: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString('utf8')));
  await waitForLog(child, 'slack adapter started', stderr);
  return { child, port, stderr };
}

/** A process's resident memory now and at its peak so far, in MiB, from /proc/<pid>/status. */
export function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
  return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
}

/**
 * For a test file that runs `npm start` against the fake Slack: `start()` gives the fake and the running
 * bot; after each test the bot is killed if it still runs, the fake closed and the store's folder removed.
 */
export function useSlackMain(): () => Promise<{ fake: FakeSlack; main: SlackMain }> {
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
    fake = undefined;
    child = undefined;
    dir = undefined;
  });
  return async () => {
    fake = await startFakeSlack();
    dir = await mkdtemp(join(tmpdir(), 'guidepost-slack-'));
    const main = await startSlackMain(fake, dir);
    child = main.child;
    return { fake, main };
  };
}
