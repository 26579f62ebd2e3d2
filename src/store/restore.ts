import { copyFile, mkdir, open, rename, rmdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { GuidepostError } from '../core/errors.js';
import { storeParts } from './backup-copy.js';
import { fsyncDir, isCode } from './fs-durable.js';
import { acquireLock, type LockOptions, StoreLockedError } from './lock.js';
import { readSnapshot } from './snapshot-read.js';
import { StoreState } from './state.js';

/** A restore refused before anything was changed; the message names the setting or file to fix. */
class RestoreError extends GuidepostError {
  readonly code = 'RESTORE_REFUSED' as const;
  constructor(message: string) {
    super(message);
  }
}

export interface RestoreResult {
  people: number;
  /** The folder the store's previous files were moved to, if there were any. */
  aside: string | undefined;
}

/**
 * Puts the backup `backup` in place as the store at `file`, while no bot runs on it: the backup is
 * validated first (StoreFileError naming it), the store's lock is taken (refused while a bot holds it),
 * the store's current files (snapshot, journal.old, journal) are moved into a folder
 * `<file>.before-restore-<time>` beside it, never deleted, and a durable copy of the backup is renamed
 * into place. Interrupted, it can be run again: whatever it had not moved yet goes to a second folder.
 */
export async function restoreStore(backup: string, file: string, lock?: LockOptions): Promise<RestoreResult> {
  const parts = storeParts(file);
  if (Object.values(parts).includes(backup) || backup === `${file}.tmp`)
    throw new RestoreError(`The backup file ${backup} is one of STORE_FILE's own files: choose the backup.`);
  if (!(await exists(backup))) throw new RestoreError(`The backup file ${backup} does not exist.`);
  const { journal, old } = storeParts(backup);
  if ((await exists(journal)) || (await exists(old)))
    throw new RestoreError(
      `${backup} has a journal beside it: it is a store, not a backup, and its latest changes are in the journal. Make a backup of it first (npm run backup with STORE_FILE=${backup}) and restore that.`,
    );
  // Read to validate and write out again, never asked about many people: no index.
  const state = new StoreState({ loading: true });
  await readSnapshot(backup, state);
  await mkdir(dirname(file), { recursive: true });
  const held = await acquireLock(file, lock).catch((error: unknown) => {
    if (error instanceof StoreLockedError)
      throw new RestoreError(
        `STORE_FILE ${file} is in use (lock file ${error.lockFile}${error.pid ? `, process ${error.pid}` : ''}): stop the bot, then restore.`,
      );
    throw error;
  });
  try {
    const incoming = `${file}.restore.tmp`;
    await copyFile(backup, incoming);
    await syncFile(incoming);
    const aside = await moveAside(file, [parts.old, parts.journal, parts.snapshot]);
    await rename(incoming, file);
    await fsyncDir(file);
    return { people: state.users.size, aside };
  } finally {
    await held.release();
  }
}

/** Moves those of `paths` that exist into a new folder beside `file`; undefined if none did. */
async function moveAside(file: string, paths: string[]): Promise<string | undefined> {
  const aside = `${file}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  await mkdir(aside);
  let moved = 0;
  for (const path of paths) {
    if (!(await exists(path))) continue;
    await rename(path, join(aside, basename(path)));
    moved++;
  }
  if (moved === 0) {
    await rmdir(aside);
    return undefined;
  }
  await fsyncDir(join(aside, 'x'));
  await fsyncDir(file);
  return aside;
}

async function syncFile(path: string): Promise<void> {
  const fh = await open(path, 'r+');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

const exists = (path: string) =>
  stat(path).then(
    () => true,
    (e: unknown) => (isCode(e, 'ENOENT') ? false : Promise.reject(e)),
  );
