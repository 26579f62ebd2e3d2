import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, expect, it } from 'vitest';
import { loadTranslator } from '../../src/i18n/translator.js';
import { freePort } from '../helpers/free-port.js';
import { DATABASE_URL, freshDatabase, sayWhenNoServer, serverDb } from '../helpers/postgres.js';
import { captureOutput, ROOT, runMain } from '../helpers/run-main.js';
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
 * Starts the bot the way `npm start` does (console mode, stdin held open) with a HEALTH_PORT, inside a
 * mount namespace of its own when `mounts` is given (shell commands run there first, `$1` = the store's
 * folder). Resolves once /healthz answers.
 */
async function startBot(storeFile: string, mounts?: string, settings: Record<string, string> = {}) {
  const node = [process.execPath, '--import', 'tsx', 'src/main.ts'];
  const script = `set -e; ${mounts ?? 'true'}; shift; exec "$@"`;
  const [command, ...args] =
    mounts === undefined
      ? node
      : [
          'unshare',
          '--mount',
          '--propagation',
          'private',
          'sh',
          '-c',
          script,
          'sh',
          dirname(storeFile),
          ...node,
        ];
  const port = await freePort();
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: '/tmp',
    STORE_FILE: storeFile,
    HEALTH_PORT: String(port),
    ...settings,
  };
  const started = spawn(command as string, args, { cwd: ROOT, env, stdio: 'pipe' });
  child = started;
  const output = captureOutput(started);
  let exited = false;
  started.on('exit', () => {
    exited = true;
  });
  for (let waited = 0; ; waited += 100) {
    if (exited) throw new Error(`the bot exited: ${output.stderr()}`);
    if (waited > 60_000) throw new Error(`no health endpoint within 60 s: ${output.stderr()}`);
    if (await healthz(port).catch(() => undefined)) break;
    await sleep(100);
  }
  /** Types a line and resolves with what the bot printed for it. */
  const say = async (line: string) => {
    const before = output.stdout().length;
    started.stdin.write(`${line}\n`);
    // The reply is complete once the output has been still for a moment (a pipe has no prompt).
    let seen = before;
    for (let waited = 0; waited < 15_000; waited += 200) {
      await sleep(200);
      if (output.stdout().length > before && output.stdout().length === seen) break;
      seen = output.stdout().length;
    }
    return output.stdout().slice(before);
  };
  return { port, stderr: output.stderr, say };
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
  const bot = await startBot(join(dir, 'onboarding.json'));
  // The endpoint opens before the adapters start: the console counts as connected a moment later.
  let { status, body } = await healthz(bot.port);
  const consoleUp = () => (body.adapters as { console?: { connected?: boolean } }).console?.connected;
  for (let i = 0; i < 100 && !consoleUp(); i++) {
    await sleep(100);
    ({ status, body } = await healthz(bot.port));
  }
  expect(status).toBe(200);
  expect(body).toMatchObject({
    status: 'ok',
    version,
    store: { writable: true },
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
    const bot = await startBot(join(dir, 'onboarding.json'), 'true');
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

it.runIf(canMount)(
  `on a small tmpfs filled to the brim: saves are refused with a translated answer, /healthz is 503, and once space is freed it is 200 and saves work again, without a restart${canMount ? '' : ' (skipped: needs root and unshare --mount)'}`,
  async () => {
    const translator = await loadTranslator();
    const refusal = translator.t('en', 'common:errors.not-saved');
    const dir = await tempDir();
    const bot = await startBot(join(dir, 'onboarding.json'), 'mount -t tmpfs -o size=256k tmpfs "$1"');
    const inBot = (command: string) =>
      spawnSync('nsenter', ['-t', String(child?.pid), '-m', 'sh', '-c', command, 'sh', dir]);
    expect(await bot.say('start')).toContain('Step 1 of 11');

    // Filled: the journal's last page may take a line or two, then every change is refused, in words.
    inBot('cat /dev/zero > "$1/filler"');
    let refused = '';
    for (let i = 0; i < 30 && !refused.includes(refusal); i++)
      refused = await bot.say(i % 2 ? 'tick 1' : 'tick 2');
    expect(refused).toContain(refusal);
    const full = await healthz(bot.port);
    expect(full.status).toBe(503);
    expect(full.body).toMatchObject({ status: 'unhealthy', store: { writable: false } });
    expect(String((full.body.store as { lastError?: string }).lastError)).toMatch(/ENOSPC/);

    // Freed: healthy again by itself (nobody saves in between), then the next change is kept.
    expect(inBot('rm "$1/filler"').status).toBe(0);
    let again = full.status;
    for (let i = 0; i < 100 && again !== 200; i++) {
      await sleep(200);
      again = (await healthz(bot.port)).status;
    }
    expect(again).toBe(200);
    const next = await bot.say('done');
    expect(next).not.toContain(refusal);
    expect(next).toContain('Step 2 of 11');
    expect(await stop()).toBe(0);
    expect(bot.stderr()).not.toMatch(/\n\s+at /);
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

sayWhenNoServer('/healthz on PostgreSQL');
const database = freshDatabase();
const admin = serverDb();

it.skipIf(!DATABASE_URL)(
  'on PostgreSQL: reports the database, and a database gone as unhealthy',
  async () => {
    const url = await database();
    const { port, say } = await startBot(join(await tempDir(), 'unused.json'), undefined, {
      DATABASE_URL: url,
    });
    expect(await say('start')).toMatch(/Step 1/);
    const up = await healthz(port);
    expect(up.status).toBe(200);
    expect(up.body).toMatchObject({ status: 'ok', store: { kind: 'postgres', writable: true } });
    await admin.db().query(`DROP DATABASE "${new URL(url).pathname.slice(1)}" WITH (FORCE)`);
    expect(await say('done')).toContain('I could not save that just now, so nothing changed.');
    let down = await healthz(port);
    for (let i = 0; i < 50 && down.status === 200; i++) {
      await sleep(100);
      down = await healthz(port);
    }
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ status: 'unhealthy', store: { kind: 'postgres', writable: false } });
    expect(JSON.stringify(down.body)).toContain('DATABASE_URL');
    expect(JSON.stringify(down.body)).not.toContain(url);
  },
);
