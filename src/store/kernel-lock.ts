import { createHash } from 'node:crypto';
import { realpath } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { basename, dirname, join } from 'node:path';
import { isCode } from './fs-durable.js';

/**
 * Linux only: an abstract-namespace Unix socket (a name that starts with a NUL byte and lives in the
 * kernel, not on disk) is a lock the kernel holds for us. Only one socket can listen on a name; the
 * kernel frees it the moment the process's descriptors close, which happens before a killed process
 * becomes a zombie (kill -9, OOM kill), so nothing stale is ever left behind and there is no takeover to
 * race over. The name is a hash of the store's real path, so `./data/x.json` and its absolute path are
 * the same store. Abstract names are per network namespace: processes in one host or one container
 * exclude each other; containers with their own network share nothing (the lock file's host covers them).
 * Node 20's libuv binds the name padded with NULs to the full address length (/proc/net/unix shows
 * `@guidepost-lock:…@@@`); a Node whose libuv binds the exact length would get a different name, so run
 * one Node version per store.
 *
 * Why not a library: there is no maintained pure-JS package for a kernel-held lock on Node 20. fs-ext
 * (flock) needs a native build with node-gyp; proper-lockfile judges staleness by mtime and has the same
 * takeover race as a pid file.
 */
export const abstractSocketsWork = (): boolean => process.platform === 'linux';

/** The socket name for the store `file` (whose folder must exist). */
export async function lockSocketName(file: string): Promise<string> {
  const real = join(await realpath(dirname(file)), basename(file));
  return `\0guidepost-lock:${createHash('sha256').update(real).digest('hex')}`;
}

/** Listens on `name`; undefined if another live socket (in any process, this one included) holds it. */
export function holdSocket(name: string): Promise<Server | undefined> {
  const server = createServer();
  return new Promise((resolve, reject) => {
    server.once('error', (error) => (isCode(error, 'EADDRINUSE') ? resolve(undefined) : reject(error)));
    server.listen(name, () => {
      // Holding the lock must not keep the process alive on its own.
      server.unref();
      resolve(server);
    });
  });
}

export const closeSocket = (server: Server): Promise<void> =>
  new Promise((resolve) => server.close(() => resolve()));
