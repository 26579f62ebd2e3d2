import { type FileHandle, open, rename, unlink } from 'node:fs/promises';
import { DELIVERY_TTL_MS, STORE_FILE_VERSION } from './file-schema.js';
import { fsyncDir, writeAll } from './fs-durable.js';
import type { StoreState } from './state.js';

/** The snapshot's layout: plain StoreFileSchema JSON, one person (or delivery id) per line. */
export const SNAPSHOT_HEAD = `{"version":${STORE_FILE_VERSION},"users":{\n`;
/** Version 1 files (no audit section) are still read. */
export const SNAPSHOT_HEAD_V1 = '{"version":1,"users":{\n';
export const SNAPSHOT_MIDDLE = '},"deliveries":{\n';
export const SNAPSHOT_AUDIT = '},"audit":{\n';
export const SNAPSHOT_TAIL = '}}\n';

/** Bytes encoded per slice (about a millisecond of records), and written between two data syncs. */
const SLICE_BYTES = 1024 * 1024;
/**
 * The longest a slice may keep the event loop (ms): short lines (delivery ids) cost far more per byte
 * than records, and a whole megabyte of them took about 50 ms at 100,000 people.
 */
const SLICE_MS = 5;
const SYNC_BYTES = 16 * 1024 * 1024;

/**
 * Rewrites the snapshot atomically: a temp file, fsync, rename over the old one, fsync of the folder.
 * A crash at any moment leaves the old snapshot or the new one, whole.
 *
 * Why not lowdb's `db.write()`: it stringifies the whole document in one synchronous call (about a
 * second at 100,000 people, the event loop frozen meanwhile) and steno renames without fsync. Here the
 * people's JSON texts (kept as text in memory) are encoded into one reused 1 MB buffer, written a slice
 * at a time, events flowing between slices; the temp file is synced every 16 MB so the disk never
 * holds a 60 MB backlog that would slow the journal's own syncs. Values read in a later slice may be
 * newer than the journal cut: that is safe, because the journal after the cut is replayed over the
 * snapshot and each journal line holds a whole record.
 */
export async function writeSnapshot(
  file: string,
  state: StoreState,
  now: number,
  /** Runs just before the rename; throwing keeps the file as it is (see file-identity.ts). */
  beforeReplace?: () => Promise<void>,
): Promise<void> {
  const tmp = `${file}.tmp`;
  try {
    await writeTemp(tmp, state, now);
    await beforeReplace?.();
    await rename(tmp, file);
  } catch (error) {
    // A partial temp file must not keep holding the space (a full disk would stay full).
    await unlink(tmp).catch(() => undefined);
    throw error;
  }
  await fsyncDir(file);
}

async function writeTemp(tmp: string, state: StoreState, now: number): Promise<void> {
  const fh = await open(tmp, 'w');
  try {
    const out = new SliceWriter(fh);
    out.put(SNAPSHOT_HEAD);
    let first = true;
    // The live maps are walked, not copied (no 100,000-entry arrays): a Map iterator survives changes,
    // and a person changed after the walk passed them is in the journal after the cut anyway.
    for (const user of state.users.keys()) {
      // Key and bytes written apart: the stored bytes are copied as they are, no 600-byte string a person.
      const key = `${first ? '' : ',\n'}${JSON.stringify(user)}:`;
      first = false;
      if (out.full(key.length) || out.fullBytes(state.users.bytes(user)?.length ?? 0) || out.late())
        await out.flush();
      // Read after the wait: the bytes are a view of a slot that a save may rewrite meanwhile.
      const json = state.users.bytes(user);
      if (json === undefined) continue;
      out.put(key);
      out.putBytes(json);
    }
    out.put(first ? SNAPSHOT_MIDDLE : `\n${SNAPSHOT_MIDDLE}`);
    first = true;
    for (const [id, at] of state.deliveries) {
      if (now - at > DELIVERY_TTL_MS) continue;
      const line = `${first ? '' : ',\n'}${JSON.stringify(id)}:"${new Date(at).toISOString()}"`;
      first = false;
      if (out.full(line.length) || out.late()) await out.flush();
      out.put(line);
    }
    out.put(first ? SNAPSHOT_AUDIT : `\n${SNAPSHOT_AUDIT}`);
    first = true;
    for (const entry of state.audit.values()) {
      const line = `${first ? '' : ',\n'}${JSON.stringify(entry.id)}:${JSON.stringify(entry)}`;
      first = false;
      if (out.full(line.length) || out.late()) await out.flush();
      out.put(line);
    }
    out.put(first ? SNAPSHOT_TAIL : `\n${SNAPSHOT_TAIL}`);
    await out.flush();
    await fh.sync();
  } finally {
    await fh.close();
  }
}

class SliceWriter {
  private readonly buf = Buffer.allocUnsafe(SLICE_BYTES);
  private used = 0;
  private unsynced = 0;
  private big: Buffer[] = [];

  private sliceStarted = performance.now();

  constructor(private readonly fh: FileHandle) {}

  /** True once this slice has had its share of the event loop: time to write it and let others in. */
  late(): boolean {
    return performance.now() - this.sliceStarted > SLICE_MS;
  }

  /** True when `chars` characters might not fit in what is left of the slice (UTF-8: ≤ 3 bytes each). */
  full(chars: number): boolean {
    return this.used + chars * 3 > this.buf.length;
  }

  fullBytes(bytes: number): boolean {
    return this.used + bytes > this.buf.length;
  }

  /** Copies `bytes` (a view of a record's slot may be rewritten before the flush). */
  putBytes(bytes: Buffer): void {
    if (this.big.length || this.fullBytes(bytes.length)) this.big.push(Buffer.from(bytes));
    else this.used += bytes.copy(this.buf, this.used);
  }

  put(text: string): void {
    if (this.big.length || this.full(text.length)) this.big.push(Buffer.from(text));
    else this.used += this.buf.write(text, this.used);
  }

  async flush(): Promise<void> {
    await writeAll(this.fh, this.buf.subarray(0, this.used));
    for (const b of this.big.splice(0)) await writeAll(this.fh, b);
    this.unsynced += this.used;
    this.used = 0;
    if (this.unsynced >= SYNC_BYTES) {
      await this.fh.datasync();
      this.unsynced = 0;
    }
    this.sliceStarted = performance.now();
  }
}
