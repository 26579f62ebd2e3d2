import { stat } from 'node:fs/promises';
import { GuidepostError } from '../core/errors.js';
import { isCode } from './fs-durable.js';

/** What tells one version of the snapshot file from another: its inode, size and change time. */
export type FileIdentity = { ino: number; size: number; mtimeMs: number } | 'absent';

export async function identityOf(file: string): Promise<FileIdentity> {
  try {
    const { ino, size, mtimeMs } = await stat(file);
    return { ino, size, mtimeMs };
  } catch (error) {
    if (isCode(error, 'ENOENT')) return 'absent';
    throw error;
  }
}

const same = (a: FileIdentity, b: FileIdentity) =>
  a === 'absent' || b === 'absent'
    ? a === b
    : a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs;

/** The snapshot was changed by someone else while the bot ran: it is not overwritten. */
class StoreChangedError extends GuidepostError {
  readonly code = 'STORE_FILE_CHANGED' as const;
  constructor(file: string) {
    super(
      `Store file ${file} was changed by something else while the bot ran: it is not overwritten, and ` +
        'every change since stays in the journal beside it. Restart the bot: it reads the file as it is ' +
        'now and replays the journal over it.',
    );
  }
}

/** Throws StoreChangedError when `file` is no longer what the store last read or wrote. */
export async function checkUnchanged(file: string, known: FileIdentity): Promise<void> {
  if (!same(known, await identityOf(file))) throw new StoreChangedError(file);
}
