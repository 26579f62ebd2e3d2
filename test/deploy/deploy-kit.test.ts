import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { cp, readFile, symlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HealthReport } from '../../src/health/report.js';
import { type HealthServer, startHealthServer } from '../../src/health/server.js';
import { collectRun, ROOT } from '../helpers/run-main.js';
import { useTempDirs } from '../helpers/temp-dir.js';

// No Docker engine here: the image is never built. These check what can be checked without one.
const tempDir = useTempDirs();
const text = (file: string) => readFile(join(ROOT, file), 'utf8');

/** `npm start`'s command (what it runs after building), as words. */
async function npmStart(): Promise<string[]> {
  const pkg = JSON.parse(await text('package.json')) as { scripts: { start: string } };
  return (pkg.scripts.start.split(/\bexec\s+/).pop() as string).split(/\s+/);
}

/** The Dockerfile's instructions (continuation lines joined, comments dropped), as [keyword, rest]. */
async function dockerfile(): Promise<[string, string][]> {
  const joined = (await text('Dockerfile')).replace(/\\\n/g, ' ');
  return joined
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const [keyword, ...rest] = l.split(/\s+/);
      return [(keyword as string).toUpperCase(), rest.join(' ')];
    });
}
const all = (d: [string, string][], keyword: string) => d.filter(([k]) => k === keyword).map(([, v]) => v);
const envOf = (d: [string, string][]) =>
  Object.fromEntries(all(d, 'ENV').flatMap((v) => [...v.matchAll(/(\w+)=(\S+)/g)].map((m) => [m[1], m[2]])));

describe('Dockerfile', () => {
  it('runs the command npm start runs, with node itself as the entry point, as a non-root user', async () => {
    const d = await dockerfile();
    expect(all(d, 'FROM')).toEqual([expect.stringMatching(/^node:20[\w.-]*-slim$/)]);
    const entry = JSON.parse(all(d, 'ENTRYPOINT').at(-1) ?? '[]') as string[];
    expect(entry).toEqual(await npmStart());
    expect(entry[0]).toBe('node');
    const user = all(d, 'USER').at(-1);
    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user);
    // The user is set before the entry point, so the bot never runs as root.
    expect(d.findIndex(([k]) => k === 'USER')).toBeLessThan(d.findIndex(([k]) => k === 'ENTRYPOINT'));
  });

  it('keeps the store on a volume: STORE_FILE is inside the VOLUME folder', async () => {
    const d = await dockerfile();
    const volumes = all(d, 'VOLUME').flatMap((v) => JSON.parse(v) as string[]);
    expect(volumes).toContain(dirname(envOf(d).STORE_FILE as string));
  });

  it('checks health with node on HEALTH_PORT, with a script the image contains', async () => {
    const d = await dockerfile();
    expect(envOf(d).HEALTH_PORT).toMatch(/^\d+$/);
    const check = all(d, 'HEALTHCHECK')[0] ?? '';
    const command = JSON.parse(check.slice(check.indexOf('CMD') + 3)) as string[];
    expect(command).toEqual(['node', 'deploy/healthcheck.mjs']);
    expect(all(d, 'COPY').some((c) => c.startsWith('deploy/healthcheck.mjs '))).toBe(true);
  });

  it('copies everything the entry command needs: it runs from a folder holding only those files', async () => {
    const d = await dockerfile();
    const app = await tempDir();
    for (const copy of all(d, 'COPY')) {
      const words = copy.split(/\s+/);
      const target = words.pop() as string;
      for (const source of words) {
        const into =
          target === './' ? source : target.endsWith('/') ? join(target, basename(source)) : target;
        await cp(join(ROOT, source), join(app, into), { recursive: true });
      }
    }
    // `npm ci` in the image; here the repository's own modules stand in for them.
    await symlink(join(ROOT, 'node_modules'), join(app, 'node_modules'));
    // The image's own build steps, in the folder holding only what was copied.
    for (const run of all(d, 'RUN').filter((r) => r.startsWith('node '))) {
      const [, ...words] = run.split(/\s+/);
      const build = spawn(process.execPath, words, { cwd: app, stdio: 'pipe' });
      const built = await collectRun(build);
      expect(built.code, built.stderr).toBe(0);
    }
    const [command, ...args] = await npmStart();
    const child = spawn(command === 'node' ? process.execPath : (command as string), args, {
      cwd: app,
      env: { PATH: process.env.PATH ?? '', HOME: app, STORE_FILE: join(app, 'data', 'onboarding.json') },
      stdio: 'pipe',
    });
    const run = collectRun(child);
    child.stdin.end('start\n');
    const { code, stdout, stderr } = await run;
    expect(code, stderr).toBe(0);
    expect(stdout).toContain('Fill in the registration form');
  }, 90_000);

  it('.dockerignore keeps settings, the store and local modules out of the image', async () => {
    const ignored = (await text('.dockerignore')).split('\n').map((l) => l.trim());
    for (const entry of ['.env', 'data', 'node_modules', '.git']) expect(ignored).toContain(entry);
  });
});

describe('deploy/healthcheck.mjs (the HEALTHCHECK)', () => {
  let server: HealthServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  const report = (status: HealthReport['status']): HealthReport => ({
    status,
    version: '0.0.0',
    uptimeSeconds: 1,
    store: { writable: status === 'ok' },
    adapters: {},
  });

  async function runCheck(port: string | undefined): Promise<number> {
    const env: Record<string, string> = { PATH: process.env.PATH ?? '' };
    if (port !== undefined) env.HEALTH_PORT = port;
    const child = spawn(process.execPath, [join(ROOT, 'deploy/healthcheck.mjs')], { env, stdio: 'ignore' });
    const [code] = await once(child, 'exit');
    return code as number;
  }

  it('passes on 200, fails on 503, on no answer and without HEALTH_PORT', async () => {
    let status: HealthReport['status'] = 'ok';
    server = await startHealthServer(0, async () => report(status), '127.0.0.1');
    expect(await runCheck(String(server.port))).toBe(0);
    status = 'unhealthy';
    expect(await runCheck(String(server.port))).toBe(1);
    const port = String(server.port);
    await server.close();
    server = undefined;
    expect(await runCheck(port)).toBe(1);
    expect(await runCheck(undefined)).toBe(1);
  }, 60_000);
});

describe('compose.yaml', () => {
  it('mounts a volume on the folder of STORE_FILE and sets the HEALTH_PORT the image checks', async () => {
    const compose = await text('compose.yaml');
    const store = compose.match(/^\s+STORE_FILE:\s*(\S+)/m)?.[1];
    expect(store).toBeDefined();
    expect(compose).toMatch(new RegExp(`^\\s+- [\\w.-]+:${dirname(store as string)}\\s*$`, 'm'));
    const port = compose.match(/^\s+HEALTH_PORT:\s*"?(\d+)"?/m)?.[1];
    expect(port).toBe(envOf(await dockerfile()).HEALTH_PORT);
  });
});

describe('deploy/guidepost.service', () => {
  it('runs npm start’s command with node itself and lets it write only the store’s folder', async () => {
    const unit = await text('deploy/guidepost.service');
    const value = (key: string) => unit.match(new RegExp(`^${key}=(.*)$`, 'm'))?.[1];
    const [node, ...args] = (value('ExecStart') ?? '').split(/\s+/);
    const [, ...startArgs] = await npmStart();
    expect(node).toMatch(/\/node$/);
    expect(args).toEqual(startArgs);
    const store = unit.match(/^Environment=STORE_FILE=(\S+)$/m)?.[1];
    expect(store).toBeDefined();
    expect(value('ReadWritePaths')).toBe(dirname(store as string));
    expect(`/var/lib/${value('StateDirectory')}`).toBe(dirname(store as string));
  });
});
