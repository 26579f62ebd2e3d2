import { open, rename } from 'node:fs/promises';
import { DELIVERY_TTL_MS, STORE_FILE_VERSION } from './file-schema.js';
import { fsyncDir, writeAll } from './fs-durable.js';
import type { StoreState } from './state.js';

/** The snapshot's layout: plain StoreFileSchema JSON, one person (or delivery id) per line. */
export const SNAPSHOT_HEAD = `{"version":${STORE_FILE_VERSION},"users":{\n`;
export const SNAPSHOT_MIDDLE = '},"deliveries":{\n';
export const SNAPSHOT_TAIL = '}}\n';

/** People (or delivery ids) serialized per slice; a slice of 2,000 costs about a millisecond. */
const SLICE = 2000;

/**
 * Rewrites the snapshot atomically: a temp file, fsync, rename over the old one, fsync of the folder.
 * A crash at any moment leaves the old snapshot or the new one, whole.
 *
 * Why not lowdb's `db.write()`: it stringifies the whole document in one synchronous call (about a
 * second at 100,000 people, the event loop frozen meanwhile) and steno renames without fsync. Here the
 * document is written a slice at a time, each slice awaiting its write, so events keep flowing between
 * slices. Values read in a later slice may be newer than the journal cut: that is safe, because the
 * journal after the cut is replayed over the snapshot and each line holds a whole record.
 */
export async function writeSnapshot(file: string, state: StoreState, now: number): Promise<void> {
  const tmp = `${file}.tmp`;
  const fh = await open(tmp, 'w');
  try {
    await writeAll(fh, Buffer.from(SNAPSHOT_HEAD));
    const users = [...state.users.keys()];
    await writeSlices(fh, users, (user) => {
      const json = state.users.get(user);
      return json === undefined ? undefined : `${JSON.stringify(user)}:${json}`;
    });
    await writeAll(fh, Buffer.from(SNAPSHOT_MIDDLE));
    const ids = [...state.deliveries].filter(([, at]) => now - at <= DELIVERY_TTL_MS);
    await writeSlices(fh, ids, ([id, at]) => `${JSON.stringify(id)}:"${new Date(at).toISOString()}"`);
    await writeAll(fh, Buffer.from(SNAPSHOT_TAIL));
    await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(tmp, file);
  await fsyncDir(file);
}

async function writeSlices<T>(
  fh: Awaited<ReturnType<typeof open>>,
  items: readonly T[],
  line: (item: T) => string | undefined,
): Promise<void> {
  let first = true;
  for (let i = 0; i < items.length; i += SLICE) {
    let text = '';
    for (const item of items.slice(i, i + SLICE)) {
      const l = line(item);
      if (l === undefined) continue;
      text += first ? l : `,\n${l}`;
      first = false;
    }
    await writeAll(fh, Buffer.from(text));
  }
  if (!first) await writeAll(fh, Buffer.from('\n'));
}
