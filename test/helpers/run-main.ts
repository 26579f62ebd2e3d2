import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Starts `src/main.ts` as `npm start` does, in a clean environment of our choosing. */
export function startMain(env: Record<string, string>) {
  const base = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', NODE_ENV: 'production' };
  return spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { ...base, ...env },
    stdio: 'pipe',
  });
}

/** Runs `src/main.ts` with piped stdin to its end. */
export function runMain(input: string, env: Record<string, string>, timeoutMs = 15_000): Promise<RunResult> {
  const child = startMain(env);
  const run = collectRun(child, timeoutMs);
  child.stdin.on('error', () => undefined);
  child.stdin.end(input);
  return run;
}

/**
 * Collects a child's output until it closes. With `timeoutMs`, a child still running then is killed and
 * the promise rejects, naming `what` and its stderr so far.
 */
/** What a child has printed so far, read while it runs. */
export function captureOutput(child: ChildProcess): { stdout(): string; stderr(): string } {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => {
    stdout += d.toString('utf8');
  });
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString('utf8');
  });
  return { stdout: () => stdout, stderr: () => stderr };
}

export function collectRun(child: ChildProcess, timeoutMs?: number, what = 'main'): Promise<RunResult> {
  const output = captureOutput(child);
  return new Promise((resolve, reject) => {
    const timer =
      timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            child.kill('SIGKILL');
            reject(new Error(`${what} did not exit within ${timeoutMs} ms; stderr: ${output.stderr()}`));
          }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: output.stdout(), stderr: output.stderr() });
    });
  });
}
