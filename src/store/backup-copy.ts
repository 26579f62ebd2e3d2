import { createWriteStream } from 'node:fs';
import { type FileHandle, open, stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { GuidepostError } from '../core/errors.js';
import { isCode } from './fs-durable.js';

/** The store's three files, as `openStore` finds them beside `file`. */
export const storeParts = (file: string) => ({
  snapshot: file,
  old: `${file}.journal.old`,
  journal: `${file}.journal`,
});

/** The rename of the journal or the truncation of its torn tail was seen: copy again. */
export class CopyRaceError extends GuidepostError {
  readonly code = 'STORE_COPY_RACE' as const;
  constructor(what: string) {
    super(`the store changed under the copy (${what})`);
  }
}

/**
 * Copies a live store's snapshot, journal.old and journal to `to` (same names), without its lock, so
 * that the copy, loaded as the store loads itself (snapshot, then .old, then journal replayed over it),
 * is a state the store had at one moment after the call began: every change acknowledged before the
 * call is in it. Why:
 * 1. The journal is opened first, then journal.old, then the snapshot. Whatever the store does in
 *    between, that order alone loses nothing acknowledged before the journal was opened: its lines are
 *    in the journal we hold (append-only), in the .old there then (which we hold, or which was removed
 *    only after a snapshot covering it was renamed into place, before we opened the snapshot), or in the
 *    snapshot there then (a later one covers at least as much).
 * 2. Then the journal's name is checked to still be the file opened first. A rotation (journal → .old,
 *    a new journal) in between, or a shutdown removing the journal, changes it: CopyRaceError, and the
 *    caller copies again (the inode cannot be reused meanwhile: we hold it open). Without a rotation
 *    the .old we hold is older than the journal we hold, so replaying it first is the store's own order,
 *    and a person's newer value in one file is never replaced by an older one from the other.
 * 3. Open descriptors keep what they opened: the snapshot and .old are never written again after their
 *    rename, and the journal is only appended to, so it reads as whatever was there at open time plus
 *    later whole lines and at most one torn last line (dropped on replay). The bot may cut back a torn
 *    tail (at its start-up, or after a failed write) in place: a journal shorter than what was copied is
 *    CopyRaceError too (and a line spoilt that way fails to parse: backup.ts copies again).
 * `pause` (tests) runs after each open, to widen the windows a compaction can fall into.
 */
export async function copyStoreFiles(
  file: string,
  to: string,
  pause: () => Promise<void> = async () => undefined,
): Promise<{ found: boolean }> {
  const from = storeParts(file);
  const dest = storeParts(to);
  const held: FileHandle[] = [];
  const openHeld = async (path: string) => {
    const fh = await openIfThere(path);
    if (fh) held.push(fh);
    await pause();
    return fh;
  };
  try {
    const journal = await openHeld(from.journal);
    const old = await openHeld(from.old);
    const snapshot = await openHeld(from.snapshot);
    const now = await stat(from.journal, { bigint: true }).catch((e: unknown) =>
      isCode(e, 'ENOENT') ? undefined : Promise.reject(e),
    );
    const before = await journal?.stat({ bigint: true });
    if (now?.ino !== before?.ino || now?.dev !== before?.dev) throw new CopyRaceError('journal rotated');
    const copied = journal && (await copyFrom(journal, dest.journal));
    if (old) await copyFrom(old, dest.old);
    if (snapshot) await copyFrom(snapshot, dest.snapshot);
    if (journal && copied !== undefined && (await journal.stat()).size < copied)
      throw new CopyRaceError('journal cut back');
    return { found: held.length > 0 };
  } finally {
    await Promise.all(held.map((h) => h.close()));
  }
}

async function openIfThere(path: string): Promise<FileHandle | undefined> {
  return open(path, 'r').catch((e: unknown) => (isCode(e, 'ENOENT') ? undefined : Promise.reject(e)));
}

/** Copies what the descriptor holds, from its start; resolves with the bytes copied. */
async function copyFrom(fh: FileHandle, path: string): Promise<number> {
  const out = createWriteStream(path, { flags: 'wx' });
  await pipeline(fh.createReadStream({ start: 0, autoClose: false }), out);
  return out.bytesWritten;
}
