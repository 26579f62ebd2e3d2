import { spawn, spawnSync } from 'node:child_process';
import { collectRun, ROOT, type RunResult } from '../helpers/run-main.js';

/** True when this process may make mount namespaces (root on Linux, with unshare installed). */
export const canUnshareMounts =
  process.platform === 'linux' &&
  process.getuid?.() === 0 &&
  spawnSync('unshare', ['--mount', 'true']).status === 0;

/** True when this process may drop capabilities from its children (root on Linux, with setpriv). */
export const canDropCapabilities =
  process.platform === 'linux' &&
  process.getuid?.() === 0 &&
  spawnSync('setpriv', ['--version']).status === 0;

/** Runs `wrapper... node --import tsx src/main.ts` as `npm start` would, clean environment, empty stdin. */
function runWrapped(wrapper: string[], env: Record<string, string>): Promise<RunResult> {
  const base = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', NODE_ENV: 'production' };
  const [command = '', ...args] = wrapper;
  const child = spawn(command, [...args, process.execPath, '--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { ...base, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return collectRun(child, 60_000);
}

/** Runs main inside `unshare --mount` after the shell commands `setup` (mounts only it sees). */
export function runMainUnshared(setup: string, env: Record<string, string>): Promise<RunResult> {
  return runWrapped(['unshare', '--mount', 'sh', '-c', `set -e; ${setup}; exec "$@"`, 'sh'], env);
}

/** Runs main without CAP_NET_BIND_SERVICE (root's capabilities are capped by the bounding set). */
export function runMainWithoutLowPorts(env: Record<string, string>): Promise<RunResult> {
  return runWrapped(['setpriv', '--bounding-set=-net_bind_service', '--inh-caps=-net_bind_service'], env);
}
