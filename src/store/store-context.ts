import type { FileIdentity } from './file-identity.js';
import type { Journal } from './journal.js';
import type { StoreLock } from './lock.js';
import type { StoreState } from './state.js';

/** What an open journaled store holds, shared by its parts (start-up, writes, snapshots, close). */
export interface StoreContext {
  /** The snapshot file. */
  readonly file: string;
  /** `<file>.journal`, appended to by every save. */
  readonly journalPath: string;
  /** `<file>.journal.old`, the journal being folded into a snapshot rewrite. */
  readonly oldPath: string;
  readonly now: () => number;
  readonly lock: StoreLock;
  readonly state: StoreState;
  readonly journal: Journal;
  /** The snapshot as this store last saw it: a rewrite refuses to replace a file edited behind its back. */
  known: FileIdentity;
  /** Set once `close()` has begun. */
  closing: Promise<void> | undefined;
}
