import { type FileHandle, open, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Writes every byte of `data` (a write may be partial). */
export async function writeAll(fh: FileHandle, data: Buffer): Promise<void> {
  let offset = 0;
  while (offset < data.length) {
    const { bytesWritten } = await fh.write(data, offset, data.length - offset);
    offset += bytesWritten;
  }
}

/** Makes a rename, creation or removal in the file's folder durable. */
export async function fsyncDir(file: string): Promise<void> {
  const dir = await open(dirname(file), 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}

export const isCode = (error: unknown, code: string): boolean =>
  (error as NodeJS.ErrnoException | undefined)?.code === code;

/** Writes, syncs and removes a one-block file: throws while the folder cannot take data (full, read-only). */
export async function probeWrite(path: string): Promise<void> {
  try {
    const fh = await open(path, 'w');
    try {
      await writeAll(fh, Buffer.alloc(4096));
      await fh.datasync();
    } finally {
      await fh.close();
    }
  } finally {
    await unlink(path).catch(() => undefined);
  }
}
