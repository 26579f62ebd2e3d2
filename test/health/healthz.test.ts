import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { ROOT, runMain } from '../helpers/run-main.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs();

/** Root with mount namespaces: the store's folder can be made read-only for the bot alone. */
const canMount =
  process.getuid?.() === 0 && spawnSync('unshare', ['--mount', 'true'], { stdio: 'ignore' }).status === 0;

let child: ChildProcessWithoutNullStreams | undefined;
afterEach(async () => {
  if (child && child.exitCode === null && child.signalCode === null) {
    child.kill('SIGKILL');
    await once(child, 'exit');
  }
  child = undefined;
});

/**
 * Starts the bot the way `npm start` does (console mode, stdin held open), with HEALTH_PORT=0, inside
 * a mount namespace of its own when `ownMounts`. Resolves with the port /healthz is served on.
 */
async function startBot(storeFile: string, ownMounts: boolean) {
  const node = [process.execPath, '--import', 'tsx', 'src/main.ts'];
  const [command, ...args] = ownMounts ? ['unshare', '--mount', '--propagation', 'private', ...node] : node;
  const env = { PATH: process.env.PATH ?? '', HOME: '/tmp', STORE_FILE: storeFile, HEALTH_PORT: '0' };
  const started = spawn(command as string, args, { cwd: ROOT, env, stdio: 'pipe' });
  child = started;
  let stderr = '';
  started.stderr.on('data', (d: Buffer) => {
    stderr += d.toString('utf8');
  });
  // In console mode the log lines go to the log file beside the store, not to the terminal.
  const log = join(dirname(storeFile), 'guidepost.log');
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no health endpoint within 60 s: ${stderr}`)), 60_000);
    const poll = setInterval(async () => {
      const text = await readFile(log, 'utf8').catch(() => '');
      const line = text.split('\n').find((l) => l.includes('health endpoint listening'));
      if (!line) return;
      clearInterval(poll);
      clearTimeout(timer);
      resolve((JSON.parse(line) as { port: number }).port);
    }, 100);
    started.on('exit', () => {
      clearInterval(poll);
      reject(new Error(`the bot exited: ${stderr}`));
    });
  });
  return { port, stderr: () => stderr };
}

async function healthz(port: number) {
  const res = await fetch(`http://127.0.0.1:${port}/healthz`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function stop() {
  child?.kill('SIGTERM');
  const [code] = child ? await once(child, 'exit') : [0];
  return code;
}

it('GET /healthz answers 200 with the status, the store, the adapters, the version and the uptime', async () => {
  const { version } = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const dir = await tempDir();
  const bot = await startBot(join(dir, 'onboarding.json'), false);
  const { status, body } = await healthz(bot.port);
  expect(status).toBe(200);
  expect(body).toMatchObject({
    status: 'ok',
    version,
    store: { writable: true, lastSave: 'none' },
    adapters: { console: { connected: true } },
  });
  expect(body.uptimeSeconds).toBeGreaterThanOrEqual(0);
  expect((await fetch(`http://127.0.0.1:${bot.port}/other`)).status).toBe(404);
  const started = (await readFile(join(dir, 'guidepost.log'), 'utf8'))
    .split('\n')
    .find((l) => l.includes('guidepost started'));
  expect(JSON.parse(started ?? '{}')).toMatchObject({ version });
  expect(await stop()).toBe(0);
}, 90_000);

it.runIf(canMount)(
  `GET /healthz answers 503 while the store folder is read-only under the bot, and 200 once it is writable again${canMount ? '' : ' (skipped: needs root and unshare --mount)'}`,
  async () => {
    const dir = await tempDir();
    const bot = await startBot(join(dir, 'onboarding.json'), true);
    expect((await healthz(bot.port)).status).toBe(200);
    const pid = String(child?.pid);
    // A read-only bind mount over the folder, in the bot's mount namespace only (as root, chmod would not do).
    const mount = spawnSync('nsenter', ['-t', pid, '-m', 'mount', '--bind', '-o', 'ro', dir, dir]);
    expect(mount.status, mount.stderr.toString()).toBe(0);
    // The probe's answer is reused for 2 s; wait that out.
    await new Promise((r) => setTimeout(r, 2_500));
    const refused = await healthz(bot.port);
    expect(refused.status).toBe(503);
    expect(refused.body).toMatchObject({ status: 'unhealthy', store: { writable: false } });

    expect(spawnSync('nsenter', ['-t', pid, '-m', 'umount', dir]).status).toBe(0);
    await new Promise((r) => setTimeout(r, 2_500));
    expect((await healthz(bot.port)).status).toBe(200);
    expect(await stop()).toBe(0);
  },
  90_000,
);

it('a HEALTH_PORT in use stops start-up with one line naming the setting', async () => {
  const taken = createServer().listen(0);
  await once(taken, 'listening');
  const port = (taken.address() as { port: number }).port;
  try {
    const dir = await tempDir();
    const run = await runMain(
      '',
      { STORE_FILE: join(dir, 'onboarding.json'), HEALTH_PORT: String(port) },
      60_000,
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('guidepost: HEALTH_PORT: cannot listen on it (EADDRINUSE)');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  } finally {
    taken.close();
  }
}, 90_000);
