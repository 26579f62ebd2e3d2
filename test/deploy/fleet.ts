import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../helpers/free-port.js';
import { ROOT } from '../helpers/run-main.js';

const READY_MS = 20_000;

/**
 * `npm start`'s command after its build step (`exec node … dist/main.js`), as words: the tests' global
 * setup has built dist/ once, so no instance builds (three builds at once would race on dist/chunks).
 */
function startCommand(): string[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const words = (pkg.scripts.start.split(/\bexec\s+/).pop() as string).trim().split(/\s+/);
  if (words[0] !== 'node' || !words.includes('dist/main.js')) throw new Error(`unexpected start: ${words}`);
  return words.slice(1);
}

/** One bot process behind the balancer: its own PORT and bot token (so the fake Slack tells them apart). */
export interface Instance {
  id: number;
  port: number;
  token: string;
  /** Taking requests: started and not killed since. */
  up: boolean;
  child?: ChildProcess;
  /** Everything it logged, all its lives. */
  log: string[];
}

/**
 * Several instances of the built bot, each started as `npm start` runs it, in a process group of its own
 * (as a service manager runs it), on one environment apart from PORT and the token.
 */
/** `sig` to the instance's whole process group (npm start's node and its children); resolves once it exited. */
async function endGroup(inst: Instance, sig: NodeJS.Signals): Promise<void> {
  inst.up = false;
  const child = inst.child;
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid, sig);
  await exited;
}

export function createFleet(size: number, env: Record<string, string>, token: (id: number) => string) {
  const args = startCommand();
  const instances: Instance[] = [];

  async function start(inst: Instance): Promise<void> {
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...env, PORT: String(inst.port), SLACK_BOT_TOKEN: inst.token },
      stdio: ['ignore', 'ignore', 'pipe'],
      detached: true,
    });
    inst.child = child;
    let seen = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`instance ${inst.id} not ready: ${seen}`)), READY_MS);
      child.stderr?.on('data', (d: Buffer) => {
        const text = d.toString('utf8');
        inst.log.push(text);
        seen += text;
        if (!seen.includes('"slack adapter started"')) return;
        clearTimeout(timer);
        resolve();
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`instance ${inst.id} exited (${code ?? signal}) before it was ready: ${seen}`));
      });
    });
    inst.up = true;
  }

  return {
    instances,
    async startAll(): Promise<void> {
      for (let id = 0; id < size; id++)
        instances.push({ id, port: await freePort(), token: token(id), up: false, log: [] });
      await Promise.all(instances.map(start));
    },
    /** SIGKILL to its whole group, as the kernel's OOM killer or a lost machine would end it. */
    kill: (inst: Instance) => endGroup(inst, 'SIGKILL'),
    /** SIGTERM, as a service manager stops it: it finishes what it accepted; resolves when it has exited. */
    stop: (inst: Instance) => endGroup(inst, 'SIGTERM'),
    /** Starts it again on the same port (the balancer's address for it stays the same). */
    restart: (inst: Instance) => start(inst),
    /** Whatever still runs is killed; for afterAll. */
    killAll(): void {
      for (const inst of instances) {
        inst.up = false;
        const pid = inst.child?.pid;
        if (!pid) continue;
        try {
          process.kill(-pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }
    },
  };
}

export type Fleet = ReturnType<typeof createFleet>;
