import { GuidepostError } from '../core/errors.js';
import { type LockOwner, onOtherHost } from './lock-owner.js';

/** The store is owned by another process (or by this one, opened twice); the message says by whom. */
export class StoreLockedError extends GuidepostError {
  readonly code = 'STORE_LOCKED' as const;
  readonly pid: number | undefined;
  constructor(
    readonly file: string,
    readonly lockFile: string,
    owner: LockOwner | undefined,
    /** Set when the refusal is due to a takeover marker (pid-lock platforms) rather than a live owner. */
    marker?: string,
  ) {
    super(
      `Store file ${file} is already in use by ${describe(owner)} (lock file ${lockFile}). ${advice(lockFile, owner, marker)}`,
    );
    this.pid = owner?.pid;
  }
}

function describe(owner: LockOwner | undefined): string {
  if (owner === undefined) return 'another process';
  if (onOtherHost(owner)) return `process ${owner.pid} on host ${owner.host}`;
  return owner.pid === process.pid ? 'this process' : `process ${owner.pid}`;
}

function advice(lockFile: string, owner: LockOwner | undefined, marker: string | undefined): string {
  if (marker !== undefined)
    return (
      `Another process is taking over a lock left by one that died (marker ${marker}). ` +
      `If no other guidepost is starting on this store, delete ${marker} and start again.`
    );
  if (onOtherHost(owner))
    return (
      'One process owns a store, and that one still refreshes its lock: stop it first. A lock from another ' +
      `host that nobody refreshes for 15 seconds is taken over on the next start (on Linux; elsewhere delete ${lockFile}).`
    );
  return 'One process owns a store: stop the other one first (a lock left by a process that has died is taken over on the next start).';
}
