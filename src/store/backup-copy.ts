import { createWriteStream } from 'node:fs';
import { type FileHandle, open, stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { isCode } from './fs-durable.js';

/** The store's three files, as `openStore` finds them beside `file`. */
export const storeParts = (file: string) => ({
  snapshot: file,
  old: `${file}.journal.old`,
  journal: `${file}.journal`,
});

/** The rename of the journal or the truncation of its torn tail was seen: copy again. */
export class CopyRaceError extends Error {
  constructor(what: string) {
    super(`the store changed under the copy (${what})`);
    this.name = 'CopyRaceError';
  }
}

/**
 * Copies a live store's snapshot, journal.old and journal to `to` (same names), without its lock, so
 * that the copy opened as a store holds every change acknowledged before the call. Why it holds:
 * 1. The journal is opened first, then journal.old, then the snapshot; then the journal's name is
 *    checked to still be the file opened first. A rotation (journal → .old, a new journal) in between,
 *    or a shutdown removing the journal, changes that name: CopyRaceError, and the caller copies again.
 *    (The inode cannot be reused meanwhile: we hold it open.)
 * 2. No rotation in that window means no new .old either: the .old we hold is the one there when the
 *    snapshot was opened, or it was removed after a snapshot covering it was renamed into place.
 *    Both ways snapshot + .old + journal was a complete store at the moment the snapshot was opened (the
 *    store's own crash guarantee), and replaying .old over a snapshot that covers it changes nothing
 *    (each line holds a whole record, and the journal after it is replayed last).
 * 3. Open descriptors keep what they opened: the snapshot and .old are never written again after their
 *    rename, and the journal is only appended to, so it reads as whatever was there at open time plus
 *    later whole lines and at most one torn last line (dropped on replay). The bot may cut back a torn
 *    tail (at its start-up, or after a failed write) in place: a journal shorter than what was copied is
 *    CopyRaceError too.
 */
export async function copyStoreFiles(file: string, to: string): Promise<{ found: boolean }> {
  const from = storeParts(file);
  const dest = storeParts(to);
  const journal = await openIfThere(from.journal);
  const old = await openIfThere(from.old);
  const snapshot = await openIfThere(from.snapshot);
  const held = [journal, old, snapshot].filter((h): h is FileHandle => h !== undefined);
  try {
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
