import { mkdir, truncate, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Progress } from '../core/index.js';
import { checkUnchanged, type FileIdentity, identityOf } from './file-identity.js';
import { fsyncDir } from './fs-durable.js';
import { Journal } from './journal.js';
import type { LockOptions } from './lock.js';
import { acquireLock } from './lock.js';
import { exists } from './path-exists.js';
import { replayJournal } from './replay.js';
import { writeSnapshot } from './snapshot.js';
import { readSnapshot } from './snapshot-read.js';
import { StoreState } from './state.js';
import type { StoreContext } from './store-context.js';
import { namedError } from './store-error.js';

/**
 * Start-up: take `<file>.lock`, load the snapshot, replay `<file>.journal.old` (left by a snapshot
 * cut short) and `<file>.journal`. A leftover .old is folded into a fresh snapshot at once. On any
 * failure the lock is released and the error names the file.
 */
export async function startStore(
  file: string,
  now: () => number,
  lockOptions?: LockOptions,
  onRead?: (progress: Progress) => void,
): Promise<StoreContext> {
  const journalPath = `${file}.journal`;
  const oldPath = `${file}.journal.old`;
  await mkdir(dirname(file), { recursive: true });
  const lock = await acquireLock(file, lockOptions);
  const state = new StoreState({ loading: true, ...(onRead ? { onRead } : {}) });
  let journal: Journal;
  let known: FileIdentity;
  try {
    // A temp file left by a rewrite cut short holds space and is never read: it goes.
    await unlink(`${file}.tmp`).catch(() => undefined);
    known = await identityOf(file);
    await readSnapshot(file, state);
    const leftover = await exists(oldPath);
    if (leftover) await replayJournal(oldPath, state);
    const replay = await replayJournal(journalPath, state);
    // The torn line was never acknowledged; cut it off so the next append starts on a line of its own.
    if (replay.tornTail) await truncate(journalPath, replay.goodBytes);
    state.prune(now());
    void state.indexInBackground();
    journal = await Journal.open(journalPath);
    if (leftover) {
      await writeSnapshot(file, state, now(), () => checkUnchanged(file, known));
      known = await identityOf(file);
      await unlink(oldPath);
      await fsyncDir(file);
    }
  } catch (error) {
    await lock.release();
    throw namedError(file, error, 'could not be opened');
  }
  return { file, journalPath, oldPath, now, lock, state, journal, known, closing: undefined };
}
