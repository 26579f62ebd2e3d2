import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/journal-store.js';
import { childPath, compileChildren } from '../helpers/compile-children.js';
import { eachLine, type StoreChild, spawnNode } from '../helpers/spawn-store-child.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs();
const STARTERS = 10;
let compiled: string;

beforeAll(async () => {
  compiled = await mkdtemp(join(tmpdir(), 'guidepost-children-'));
  await compileChildren(compiled);
});
afterAll(() => rm(compiled, { recursive: true, force: true }));

const lockChild = (args: string[]) => spawnNode([childPath(compiled, 'lock-child'), ...args]);
const storeChild = (args: string[]) => spawnNode([childPath(compiled, 'store-child'), ...args]);

/** The child's first line of output ('' if it exits without one). */
function firstLine(child: StoreChild): Promise<string> {
  return new Promise((resolve) => {
    eachLine(child.stdout as NodeJS.ReadableStream, resolve);
    void child.closed.then(() => resolve(''));
  });
}

/** What a process that took the lock and was then killed leaves behind in `<file>.lock`. */
async function staleLock(file: string, args: string[]): Promise<string> {
  const child = lockChild([file, ...args]);
  expect(await firstLine(child)).toBe(`locked ${child.pid}`);
  child.kill('SIGKILL');
  await child.closed;
  return readFile(`${file}.lock`, 'utf8');
}

/** The pid `<file>.lock` names (its first number, whatever the record's format), NaN if it is gone. */
const lockPid = async (file: string) =>
  Number(/\d+/.exec(await readFile(`${file}.lock`, 'utf8').catch(() => ''))?.[0]);

/**
 * One trial: the stale lock back in place, then ten starters at once. Returns what went wrong ('' if
 * nothing): exactly one must hold the lock, the other nine be refused with StoreLockedError's message,
 * and the lock file must still name the winner once the losers have exited.
 */
async function race(file: string, stale: string, spawn: (file: string) => StoreChild, won: string) {
  await writeFile(`${file}.lock`, stale);
  const children = Array.from({ length: STARTERS }, () => spawn(file));
  const lines = await Promise.all(children.map(firstLine));
  const winners = children.filter((_, i) => lines[i]?.startsWith(won));
  const refused = `refused StoreLockedError: Store file ${file} is already in use by`;
  const odd = lines.filter((l) => !l.startsWith(won) && !l.startsWith(refused));
  await Promise.all(children.filter((c) => !winners.includes(c)).map((c) => c.closed));
  const owner = winners.length === 1 ? await lockPid(file) : undefined;
  for (const child of children) child.stdin?.end();
  const codes = await Promise.all(children.map((c) => c.closed));
  if (winners.length !== 1 || odd.length > 0)
    return `${winners.length} owners; other output: ${odd.join(' | ')}`;
  if (owner !== winners[0]?.pid) return `lock file names ${owner}, the owner is ${winners[0]?.pid}`;
  if (codes.filter((c) => c === 0).length !== 1) return `exit codes ${codes.join(',')}`;
  return '';
}

/** Runs trials until one goes wrong (returning what did) or all pass (returning ''). */
async function raceTrials(file: string, trials: number, stale: string, spawn: (file: string) => StoreChild) {
  for (let trial = 1; trial <= trials; trial++) {
    const problem = await race(file, stale, spawn, 'locked ');
    if (problem) return `trial ${trial} of ${trials}: ${problem}`;
  }
  return '';
}

describe('ten processes start at once on a store whose lock was left by a dead process', () => {
  it('one runs and nine are refused, in 100 of 100 trials', { timeout: 600_000 }, async () => {
    const file = join(await tempDir(), 'onboarding.json');
    const stale = await staleLock(file, []);
    expect(await raceTrials(file, 100, stale, (f) => lockChild([f]))).toBe('');
    // The winner released the lock on its way out.
    await expect(stat(`${file}.lock`)).rejects.toThrow(/ENOENT/);
  });

  it('one runs and nine are refused with the pid-file fallback too (macOS, Windows)', {
    timeout: 120_000,
  }, async () => {
    const file = join(await tempDir(), 'onboarding.json');
    const stale = await staleLock(file, ['pid']);
    expect(await raceTrials(file, 20, stale, (f) => lockChild([f, 'pid']))).toBe('');
  });

  it('a loser never deletes the lock or journal of the store that won', { timeout: 120_000 }, async () => {
    const file = join(await tempDir(), 'onboarding.json');
    const stale = await staleLock(file, []);
    for (let trial = 0; trial < 3; trial++) {
      await writeFile(`${file}.lock`, stale);
      const children = Array.from({ length: STARTERS }, () => storeChild(['hold', file]));
      const lines = await Promise.all(children.map(firstLine));
      const winner = children.find((c, i) => lines[i] === `open ${c.pid}`);
      expect(
        lines.filter((l) => l.startsWith('open')),
        `trial ${trial}`,
      ).toHaveLength(1);
      await Promise.all(children.filter((c) => c !== winner).map((c) => c.closed));
      // Every loser has exited: the winner's lock and journal are where it left them.
      expect(await lockPid(file)).toBe(winner?.pid);
      expect((await stat(`${file}.journal`)).isFile()).toBe(true);
      const saved = new Promise((resolve) => eachLine(winner?.stdout as NodeJS.ReadableStream, resolve));
      winner?.stdin?.write(`save console:local:t${trial}\n`);
      expect(await saved).toBe(`saved console:local:t${trial}`);
      winner?.stdin?.end();
      expect(await winner?.closed).toBe(0);
    }
    const store = await openStore(file);
    expect((await store.all()).map((p) => p.user).sort()).toEqual(
      [0, 1, 2].map((t) => `console:local:t${t}`),
    );
    await store.close();
  });
});
