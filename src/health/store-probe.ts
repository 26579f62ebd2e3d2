import { open, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** A probe result is reused this long, so a busy health checker does not turn into disk traffic. */
const REUSE_MS = 2_000;

/**
 * Whether the store's folder takes a new file: writes, fdatasyncs and removes `<file>.healthz-<pid>`
 * beside the store (what a snapshot rewrite or a new journal needs). One probe at a time; its answer
 * is reused for two seconds.
 */
export function storeFolderProbe(storeFile: string, now: () => number = Date.now): () => Promise<boolean> {
  const probeFile = join(dirname(storeFile), `.healthz-${process.pid}`);
  return reused(() => probe(probeFile), now);
}

/** A check run one at a time, its answer reused for two seconds. */
export function reused(check: () => Promise<boolean>, now: () => number = Date.now): () => Promise<boolean> {
  let last: { at: number; ok: boolean } | undefined;
  let running: Promise<boolean> | undefined;
  return () => {
    if (last && now() - last.at < REUSE_MS) return Promise.resolve(last.ok);
    running ??= check()
      .then((ok) => {
        last = { at: now(), ok };
        return ok;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };
}

async function probe(path: string): Promise<boolean> {
  try {
    const handle = await open(path, 'w');
    try {
      await handle.writeFile('ok\n');
      await handle.datasync();
    } finally {
      await handle.close();
    }
    await unlink(path);
    return true;
  } catch {
    await unlink(path).catch(() => undefined);
    return false;
  }
}
