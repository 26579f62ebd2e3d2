import { abstractSocketsWork, closeSocket, holdSocket, lockSocketName } from './kernel-lock.js';
import { StoreLockedError } from './lock-error.js';
import {
  DEFAULT_HEARTBEAT,
  type HeartbeatTiming,
  refreshedWithin,
  startHeartbeat,
} from './lock-heartbeat.js';
import {
  onOtherHost,
  ownRecord,
  parseOwner,
  processRunning,
  readText,
  removeIfHolds,
  writeWhole,
} from './lock-owner.js';
import { acquirePidLock } from './pid-lock.js';

export { StoreLockedError } from './lock-error.js';

export interface StoreLock {
  release(): Promise<void>;
}

export interface LockOptions {
  /** 'socket' (Linux: a kernel-held abstract socket) or 'pid' (the lock file alone); default by platform. */
  mechanism?: 'socket' | 'pid';
  /** Lock-file refresh timing (Linux), for a lock written on another host or container; tests shorten it. */
  heartbeat?: HeartbeatTiming;
}

/**
 * One process owns a store. On Linux the kernel holds the lock (see kernel-lock.ts), and `<file>.lock`
 * records the owner (pid, host, start time) for people and error messages. Elsewhere `<file>.lock` is the
 * lock (see pid-lock.ts). A second open of the same store, in this process or another, is refused with
 * StoreLockedError; so is a lock file written on another host that its owner still refreshes.
 */
export async function acquireLock(file: string, options: LockOptions = {}): Promise<StoreLock> {
  const lockFile = `${file}.lock`;
  const record = ownRecord();
  const mechanism = options.mechanism ?? (abstractSocketsWork() ? 'socket' : 'pid');
  if (mechanism === 'pid') {
    await acquirePidLock(file, lockFile, record);
    return { release: () => removeIfHolds(lockFile, record) };
  }
  const server = await holdSocketOrWait(file, lockFile);
  const heartbeat = options.heartbeat ?? DEFAULT_HEARTBEAT;
  try {
    const left = await ownerIn(lockFile);
    // Another host (or a container with its own network) is out of the kernel lock's sight: its owner
    // counts as alive only while it keeps refreshing the file. A container recreated after a crash, with
    // a new host name, finds a lock nobody refreshes and takes it over.
    if (onOtherHost(left) && (await refreshedWithin(lockFile, heartbeat)))
      throw new StoreLockedError(file, lockFile, left);
    // Whatever this host left here belongs to a process that is gone: the kernel freed its socket.
    await writeWhole(lockFile, record);
  } catch (error) {
    await closeSocket(server);
    throw error;
  }
  const stopHeartbeat = startHeartbeat(lockFile, heartbeat);
  return {
    async release() {
      stopHeartbeat();
      await removeIfHolds(lockFile, record);
      await closeSocket(server);
    },
  };
}

const ownerIn = async (lockFile: string) => {
  const text = await readText(lockFile);
  return text === undefined ? undefined : parseOwner(text);
};

/** How long a socket held by a process that is already dying may take to be freed. */
const DYING_OWNER_MS = 2_000;

/**
 * The kernel lock, or StoreLockedError. A killed process with several threads shows as a zombie a moment
 * before its last thread lets go of the socket: while the lock file names a process that is not running
 * (gone, or a zombie), the socket is tried again for up to two seconds. A running owner is refused at once.
 */
async function holdSocketOrWait(file: string, lockFile: string) {
  const name = await lockSocketName(file);
  const deadline = Date.now() + DYING_OWNER_MS;
  for (;;) {
    const server = await holdSocket(name);
    if (server) return server;
    const owner = await ownerIn(lockFile);
    const running = owner !== undefined && !onOtherHost(owner) && processRunning(owner.pid);
    if (running || Date.now() > deadline) throw new StoreLockedError(file, lockFile, owner);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
