/** What both benches share: `npm start`'s V8 options, the bundled measured runs, short-lived children. */
import { type ChildProcess, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { jsonPackages } from '../deploy/json-packages.mjs';

/**
 * The V8 settings `npm start` itself uses (its `--max-…` options), read from package.json: the measured
 * run has the memory the bot has in production, not settings of its own.
 */
export const NODE_FLAGS = (
  JSON.parse(readFileSync(fileURLToPath(new URL('../package.json', import.meta.url)), 'utf8')) as {
    scripts: { start: string };
  }
).scripts.start
  .split(/\s+/)
  .filter((arg) => arg.startsWith('--max-'));

/**
 * A measured run as `npm start` runs the bot: bundled by esbuild, as deploy/build.mjs bundles it (which
 * runs first, so dist/main.js is current too), to be run by plain node (no tsx loader thread in its
 * memory). Inside dist/ so that node_modules resolve. Returns the bundle's path.
 */
export async function bundled(script: string): Promise<string> {
  const out = fileURLToPath(new URL(`../dist/bench/${script.replace(/\.ts$/, '.js')}`, import.meta.url));
  execFileSync(process.execPath, [fileURLToPath(new URL('../deploy/build.mjs', import.meta.url))], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
  });
  await build({
    entryPoints: [fileURLToPath(new URL(`./${script}`, import.meta.url))],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    plugins: [jsonPackages],
    logLevel: 'warning',
  });
  return out;
}

/** Runs a bench script (a `.ts` under tsx, a bundled `.js` by plain node) to its end: its last line's JSON. */
// biome-ignore lint/suspicious/noExplicitAny: each child prints its own JSON figures
export function child(script: string, args: string[], flags: string[] = []): any {
  const path = fileURLToPath(new URL(`./${script}`, import.meta.url));
  const run = script.endsWith('.js') ? [script] : ['--import', 'tsx', path];
  const out = execFileSync(process.execPath, [...flags, ...run, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  return JSON.parse(out.trim().split('\n').pop() as string);
}

/** The next message from a measured run that has `key`, whole; a run that exits first is an error. */
export function nextMessage<T>(run: ChildProcess, key: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: Record<string, unknown>) => {
      if (!(key in message)) return;
      run.off('message', onMessage);
      run.off('exit', onExit);
      resolve(message as T);
    };
    const onExit = (code: number | null) => reject(new Error(`a measured run exited (${code})`));
    run.on('message', onMessage);
    run.once('exit', onExit);
  });
}
