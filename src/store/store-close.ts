import { unlink } from 'node:fs/promises';
import { exists } from './path-exists.js';
import type { RecoveryWatch } from './recovery-watch.js';
import type { SnapshotSchedule } from './snapshot-schedule.js';
import type { StoreContext } from './store-context.js';
import { namedError } from './store-error.js';

/**
 * Closes the store once: stops the timers, finishes every save in flight and any rewrite under way,
 * writes the snapshot, removes the journal and releases the lock (the journal closed and the lock
 * released even when the rewrite fails).
 */
export function closeStore(
  store: StoreContext,
  snapshots: SnapshotSchedule,
  recovery: RecoveryWatch,
): Promise<void> {
  store.closing ??= (async () => {
    const { file, journal, journalPath, oldPath, lock } = store;
    snapshots.stop();
    recovery.stop();
    store.state.stopIndexing();
    try {
      await journal.drain();
      await snapshots.running?.catch(() => undefined);
      if (journal.size > 0 || (await exists(oldPath))) await snapshots.compact();
      await journal.close();
      // Everything is in the snapshot now: the empty journal goes too.
      if (journal.size === 0) await unlink(journalPath).catch(() => undefined);
    } catch (error) {
      throw namedError(file, error, 'could not be written at shutdown (every change is kept in its journal)');
    } finally {
      await journal.close();
      await lock.release();
    }
  })();
  return store.closing;
}
