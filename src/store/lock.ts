import { abstractSocketsWork, closeSocket, holdSocket, lockSocketName } from './kernel-lock.js';
import { StoreLockedError } from './lock-error.js';
import { onOtherHost, ownRecord, parseOwner, readText, removeIfHolds, writeWhole } from './lock-owner.js';
import { acquirePidLock } from './pid-lock.js';

export { StoreLockedError } from './lock-error.js';

export interface StoreLock {
  release(): Promise<void>;
}

export interface LockOptions {
  /** 'socket' (Linux: a kernel-held abstract socket) or 'pid' (the lock file alone); default by platform. */
  mechanism?: 'socket' | 'pid';
}

/**
 * One process owns a store. On Linux the kernel holds the lock (see kernel-lock.ts), and `<file>.lock`
 * records the owner (pid, host, start time) for people and error messages. Elsewhere `<file>.lock` is the
 * lock (see pid-lock.ts). A second open of the same store, in this process or another, is refused with
 * StoreLockedError; so is a lock file written on another host, which this one cannot check.
 */
export async function acquireLock(file: string, options: LockOptions = {}): Promise<StoreLock> {
  const lockFile = `${file}.lock`;
  const record = ownRecord();
  const mechanism = options.mechanism ?? (abstractSocketsWork() ? 'socket' : 'pid');
  if (mechanism === 'pid') {
    await acquirePidLock(file, lockFile, record);
    return { release: () => removeIfHolds(lockFile, record) };
  }
  const server = await holdSocket(await lockSocketName(file));
  if (server === undefined) throw new StoreLockedError(file, lockFile, await ownerIn(lockFile));
  try {
    const left = await ownerIn(lockFile);
    if (onOtherHost(left)) throw new StoreLockedError(file, lockFile, left);
    // Whatever this host left here belongs to a process that is gone: the kernel freed its socket.
    await writeWhole(lockFile, record);
  } catch (error) {
    await closeSocket(server);
    throw error;
  }
  return {
    async release() {
      await removeIfHolds(lockFile, record);
      await closeSocket(server);
    },
  };
}

const ownerIn = async (lockFile: string) => {
  const text = await readText(lockFile);
  return text === undefined ? undefined : parseOwner(text);
};
