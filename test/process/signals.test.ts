import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { groupAlive, groupGone, type Running, startCommand, startNpm } from '../helpers/run-command.js';
import { ROOT } from '../helpers/run-main.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs();
const started: Running[] = [];
afterEach(() => {
  // Whatever a test leaves running (it should leave nothing) goes, so one failure does not hold a store.
  for (const run of started.splice(0))
    if (run.child.pid && groupAlive(run.child.pid)) process.kill(-run.child.pid, 'SIGKILL');
});
const track = (run: Running) => {
  started.push(run);
  return run;
};

/** The image's entry command (the Dockerfile's ENTRYPOINT), as PID 1 of a fresh PID namespace. */
const ENTRY = JSON.parse(
  readFileSync(join(ROOT, 'Dockerfile'), 'utf8').match(/^ENTRYPOINT (.*)$/m)?.[1] ?? '[]',
) as string[];
const asPid1 = (env: Record<string, string>) =>
  track(startCommand('unshare', ['--pid', '--fork', '--mount-proc', ...ENTRY], env));
const canUnshare = spawnSync('unshare', ['--pid', '--fork', '--mount-proc', 'true']).status === 0;

/** Starts and confirms two steps: the bot has answered each, so each is saved. */
async function confirmTwoSteps(run: Running): Promise<void> {
  run.child.stdin.write('start\ndone\ndone\n');
  await run.waitFor('Step 3 of 11');
}

/** The store as the next start sees it: a fresh `npm start` is asked for the status. */
async function statusAfterRestart(env: Record<string, string>): Promise<string> {
  const run = track(startNpm(env));
  run.child.stdin.end('status\n');
  expect(await run.exited).toBe(0);
  return run.stdout();
}

/** The one process whose parent is `pid` (the PID-1 bot under `unshare --fork`). */
function childOf(pid: number): number {
  const out = spawnSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' }).stdout.trim();
  return Number(out.split('\n')[0]);
}

// Each test starts the bot twice; the machine may be busy: generous, not tight.
const SLOW = { timeout: 90_000 };

describe('npm start: the stop signal reaches the bot', SLOW, () => {
  it('SIGTERM to the npm process: exit 0 within 10 s, no process of it left, every answered step kept', async () => {
    const env = { STORE_FILE: join(await tempDir(), 'store.json') };
    const run = track(startNpm(env));
    await confirmTwoSteps(run);
    const pgid = run.child.pid as number;
    run.child.kill('SIGTERM');
    expect(await groupGone(pgid, 10_000)).toBe(true);
    expect(await run.exited).toBe(0);
    const saved = JSON.parse(await readFile(env.STORE_FILE, 'utf8'));
    expect(saved.users['console:local:me'].current).toBe('bind-card');
    expect(await statusAfterRestart(env)).toContain('2/11 steps done');
  });

  it('Ctrl-C in the terminal (SIGINT to the whole group, which npm passes on again): exit 0, nothing lost', async () => {
    const env = { STORE_FILE: join(await tempDir(), 'store.json') };
    const run = track(startNpm(env));
    await confirmTwoSteps(run);
    const pgid = run.child.pid as number;
    process.kill(-pgid, 'SIGINT');
    expect(await groupGone(pgid, 10_000)).toBe(true);
    expect(await run.exited).toBe(0);
    expect(await statusAfterRestart(env)).toContain('2/11 steps done');
  });

  it('restarts at once after a SIGKILL of the whole process group, with every answered step there', async () => {
    const env = { STORE_FILE: join(await tempDir(), 'store.json') };
    const run = track(startNpm(env));
    await confirmTwoSteps(run);
    process.kill(-(run.child.pid as number), 'SIGKILL');
    expect(await statusAfterRestart(env)).toContain('2/11 steps done');
  });

  it('two starts on one store at the same moment: one runs, the other is refused, naming the store', async () => {
    const env = { STORE_FILE: join(await tempDir(), 'store.json') };
    const [a, b] = [track(startNpm(env)), track(startNpm(env))];
    const first = await Promise.race([a.exited.then(() => a), b.exited.then(() => b)]);
    const other = first === a ? b : a;
    expect(await first.exited).not.toBe(0);
    expect(first.stderr()).toContain(`Store file ${env.STORE_FILE} is already in use`);
    await confirmTwoSteps(other);
    other.child.kill('SIGTERM');
    expect(await other.exited).toBe(0);
  });
});

describe.runIf(canUnshare)('the entry command as PID 1 in a fresh PID namespace', SLOW, () => {
  it('SIGTERM to PID 1 (which has no default handlers): exit 0 within 10 s, nothing left behind', async () => {
    const env = { STORE_FILE: join(await tempDir(), 'store.json') };
    const run = asPid1(env);
    await confirmTwoSteps(run);
    process.kill(childOf(run.child.pid as number), 'SIGTERM');
    expect(await groupGone(run.child.pid as number, 10_000)).toBe(true);
    expect(await run.exited).toBe(0);
    expect(await statusAfterRestart(env)).toContain('2/11 steps done');
  });

  it('SIGTERM to PID 1 while the code is still loading: it ends at once, before starting anything', async () => {
    const dir = await tempDir();
    const run = asPid1({ STORE_FILE: join(dir, 'store.json') });
    // Signals that reach node before its first preload ran are ignored (PID 1): keep sending until it ends.
    const pid = run.child.pid as number;
    const sender = setInterval(() => {
      const bot = childOf(pid);
      try {
        if (bot > 0) process.kill(bot, 'SIGTERM');
      } catch {
        // It ended between the look and the signal: what the test waits for.
      }
    }, 100);
    try {
      expect(await groupGone(pid, 10_000)).toBe(true);
    } finally {
      clearInterval(sender);
    }
    expect(await run.exited).toBe(0);
    // It stopped before main ran: no log file and no store lock were ever made.
    expect(await readdir(dir)).toEqual([]);
  });

  it('SIGKILL of PID 1, then the same command on the same store: it starts with every answered step', async () => {
    const env = { STORE_FILE: join(await tempDir(), 'store.json') };
    const run = asPid1(env);
    await confirmTwoSteps(run);
    process.kill(childOf(run.child.pid as number), 'SIGKILL');
    await run.exited;
    const again = asPid1(env);
    again.child.stdin.end('status\n');
    expect(await again.exited).toBe(0);
    expect(again.stdout()).toContain('2/11 steps done');
  });
});
if (!canUnshare)
  console.warn('skipped: PID 1 tests need unshare --pid --fork --mount-proc (root or user namespaces)');
