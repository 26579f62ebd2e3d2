import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { ROOT } from './run-main.js';

/** A started command in its own process group, with its output gathered as it comes. */
export interface Running {
  child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  /** Resolves once stdout contains `text`; rejects after `ms`, showing what was written. */
  waitFor(text: string, ms?: number): Promise<void>;
  /** Resolves with the exit code (or the signal's name) when the command ends. */
  exited: Promise<number | string | null>;
}

/** Environment for the bot: the store, nothing of ours leaking in, npm quiet about updates. */
function botEnv(env: Record<string, string>): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/tmp',
    NODE_ENV: 'production',
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    ...env,
  };
}

/** Runs `command args` in the repository as the leader of a new process group (as a service manager would). */
export function startCommand(command: string, args: string[], env: Record<string, string>): Running {
  const child = spawn(command, args, { cwd: ROOT, env: botEnv(env), stdio: 'pipe', detached: true });
  let out = '';
  let err = '';
  const waiters = new Set<() => void>();
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString('utf8');
    for (const check of waiters) check();
  });
  child.stderr.on('data', (d: Buffer) => {
    err += d.toString('utf8');
  });
  child.stdin.on('error', () => undefined);
  const exited = new Promise<number | string | null>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal)),
  );
  const waitFor = (text: string, ms = 30_000) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(
          new Error(`no "${text}" within ${ms} ms; stdout: ${out.slice(-500)}; stderr: ${err.slice(-1000)}`),
        );
      }, ms);
      const check = () => {
        if (!out.includes(text)) return;
        clearTimeout(timer);
        waiters.delete(check);
        resolve();
      };
      waiters.add(check);
      check();
    });
  return { child, stdout: () => out, stderr: () => err, waitFor, exited };
}

/** `npm start`, exactly as an operator types it. */
export const startNpm = (env: Record<string, string>) => startCommand('npm', ['start'], env);

/** True while any process of the group led by `pgid` is alive (zombies included: they are not reaped yet). */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Waits until no process of the group is left; false if some still are after `ms`. */
export async function groupGone(pgid: number, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (!groupAlive(pgid)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return !groupAlive(pgid);
}
