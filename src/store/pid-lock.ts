import { link, unlink, writeFile } from 'node:fs/promises';
import { isCode } from './fs-durable.js';
import { StoreLockedError } from './lock-error.js';
import { onOtherHost, parseOwner, processRunning, readText, removeIfHolds } from './lock-owner.js';

/**
 * The fallback where abstract sockets do not exist (macOS, Windows): `<file>.lock` itself is the lock.
 * It appears whole or not at all (written to a file of our own, then hard-linked into place, which fails
 * if a lock exists). A lock whose pid is alive refuses us. A stale one (dead pid, or unreadable) is only
 * ever removed by the process that created `<file>.lock.takeover` exclusively, after reading the lock
 * again and finding it unchanged; whoever finds that marker is refused rather than racing. So at most one
 * process owns the store, and nobody deletes a live owner's lock.
 * What remains: a pid reused by another process after a crash keeps the store refused until that process
 * ends; a process killed inside the takeover (a few file operations) leaves the marker, and start-up is
 * then refused, naming the marker to delete.
 */
export async function acquirePidLock(file: string, lockFile: string, record: string): Promise<void> {
  const mine = `${lockFile}.${process.pid}`;
  await writeFile(mine, record);
  try {
    for (let attempt = 0; attempt < 10; attempt++) {
      if (await linked(mine, lockFile)) return;
      const held = await readText(lockFile);
      if (held === undefined) continue;
      const owner = parseOwner(held);
      if (owner !== undefined && (onOtherHost(owner) || processRunning(owner.pid)))
        throw new StoreLockedError(file, lockFile, owner);
      if (await takeOverStale(file, lockFile, held, mine)) return;
    }
    throw new Error(`Store file ${file}: could not take the lock ${lockFile}; try again`);
  } finally {
    await unlink(mine).catch(() => undefined);
  }
}

/** Under the exclusive marker: removes the lock if it is still the stale `held`, then links ours in. */
async function takeOverStale(file: string, lockFile: string, held: string, mine: string): Promise<boolean> {
  const marker = `${lockFile}.takeover`;
  try {
    await writeFile(marker, `${process.pid}\n`, { flag: 'wx' });
  } catch (error) {
    if (isCode(error, 'EEXIST')) throw new StoreLockedError(file, lockFile, undefined, marker);
    throw error;
  }
  try {
    await removeIfHolds(lockFile, held);
    return await linked(mine, lockFile);
  } finally {
    await unlink(marker);
  }
}

async function linked(mine: string, lockFile: string): Promise<boolean> {
  try {
    await link(mine, lockFile);
    return true;
  } catch (error) {
    if (isCode(error, 'EEXIST')) return false;
    throw error;
  }
}
