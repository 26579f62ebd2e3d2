import { link, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { isCode } from './fs-durable.js';

export class StoreLockedError extends Error {
  readonly code = 'STORE_LOCKED';
  constructor(
    readonly file: string,
    readonly lockFile: string,
    readonly pid: number,
  ) {
    const who = pid === process.pid ? 'this process' : `process ${pid}`;
    super(
      `Store file ${file} is already in use by ${who} (lock file ${lockFile}). One process owns a store: ` +
        'stop the other one first (a lock left by a process that has died is taken over on the next start).',
    );
    this.name = 'StoreLockedError';
  }
}

export interface StoreLock {
  release(): Promise<void>;
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return isCode(error, 'EPERM');
  }
}

const readText = (path: string) =>
  readFile(path, 'utf8').catch((e: unknown) => (isCode(e, 'ENOENT') ? undefined : Promise.reject(e)));

/**
 * Takes `<file>.lock`, holding our pid. The lock appears whole or not at all (written to a file of our
 * own, then hard-linked into place, which fails if a lock exists). A lock whose pid is alive refuses us;
 * one left by a dead process is moved aside under a name of our own and checked before it is removed,
 * so two processes taking over the same stale lock cannot both win.
 */
export async function acquireLock(file: string): Promise<StoreLock> {
  const lockFile = `${file}.lock`;
  const mine = `${lockFile}.${process.pid}`;
  const content = `${process.pid}\n`;
  await writeFile(mine, content);
  try {
    for (let attempt = 0; attempt < 10; attempt++) {
      try {
        await link(mine, lockFile);
        return { release: () => releaseLock(lockFile, content) };
      } catch (error) {
        if (!isCode(error, 'EEXIST')) throw error;
      }
      const held = await readText(lockFile);
      if (held === undefined) continue;
      const pid = Number.parseInt(held, 10);
      if (Number.isSafeInteger(pid) && pid > 0 && isAlive(pid))
        throw new StoreLockedError(file, lockFile, pid);
      const aside = `${lockFile}.stale-${process.pid}`;
      try {
        await rename(lockFile, aside);
      } catch (error) {
        if (isCode(error, 'ENOENT')) continue;
        throw error;
      }
      if ((await readText(aside)) !== held) await link(aside, lockFile).catch(() => undefined);
      await unlink(aside).catch(() => undefined);
    }
    throw new Error(`Store file ${file}: could not take the lock ${lockFile}; try again`);
  } finally {
    await unlink(mine).catch(() => undefined);
  }
}

async function releaseLock(lockFile: string, content: string): Promise<void> {
  if ((await readText(lockFile)) === content) await unlink(lockFile).catch(() => undefined);
}
