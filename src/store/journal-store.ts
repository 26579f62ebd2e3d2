import { mkdir, stat, truncate, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AuditEntrySchema, ProgressSchema, type ProgressStore } from '../core/index.js';
import { checkUnchanged, type FileIdentity, identityOf } from './file-identity.js';
import { fsyncDir, isCode } from './fs-durable.js';
import { Journal } from './journal.js';
import { acquireLock, type LockOptions } from './lock.js';
import { peopleQueries } from './people-queries.js';
import { journalLine, replayJournal } from './replay.js';
import { writeSnapshot } from './snapshot.js';
import { readSnapshot } from './snapshot-read.js';
import { StoreState } from './state.js';

export interface StoreOptions {
  /** How the store's lock is held (tests shorten its heartbeat). */
  lock?: LockOptions;
  /** The store's clock (ms since the epoch), for delivery ids' ages. */
  now?: () => number;
  /** The snapshot is rewritten and the journal cut once the journal grows past this many bytes. */
  journalLimitBytes?: number;
  /** Told after each snapshot rewrite (for logs and the benchmark): how long it took, how many people. */
  onSnapshot?: (info: { ms: number; people: number }) => void;
  /** Told when a background snapshot rewrite failed (the journal keeps everything; it is retried). */
  onSnapshotFailed?: (error: Error, retryInMs: number) => void;
  /** How often a store that refused a save checks whether it can write again (for health). */
  recoveryCheckMs?: number;
  /** The first pause before a failed snapshot rewrite is tried again; it doubles up to 5 minutes. */
  snapshotRetryMs?: number;
}

const MAX_SNAPSHOT_RETRY_MS = 5 * 60_000;

export const DEFAULT_JOURNAL_LIMIT = 16 * 1024 * 1024;

/**
 * Opens the journaled store on `file` (the snapshot, StoreFileSchema JSON) with `<file>.journal` beside
 * it. Start-up: take `<file>.lock`, load the snapshot, replay `<file>.journal.old` (left by a snapshot
 * cut short) and `<file>.journal`. `save` resolves once its journal line is fdatasync'ed. The snapshot
 * is rewritten in the background when the journal passes the limit, and by `close()`, which first
 * finishes every save in flight, then writes the snapshot, removes the journal and releases the lock.
 */
export async function openStore(file: string, options: StoreOptions = {}): Promise<ProgressStore> {
  const now = options.now ?? Date.now;
  const limit = options.journalLimitBytes ?? DEFAULT_JOURNAL_LIMIT;
  const journalPath = `${file}.journal`;
  const oldPath = `${file}.journal.old`;
  await mkdir(dirname(file), { recursive: true });
  const lock = await acquireLock(file, options.lock);
  const state = new StoreState();
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

  let closing: Promise<void> | undefined;
  let compacting: Promise<void> | undefined;
  let snapshotFailure: string | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let retryMs = options.snapshotRetryMs ?? 1_000;
  let recoveryTimer: NodeJS.Timeout | undefined;

  /** After a refused save: checks now and then whether the store can write again, until it can. */
  function watchRecovery(): void {
    if (recoveryTimer || closing) return;
    recoveryTimer = setTimeout(async () => {
      const recovered = await journal.recover();
      recoveryTimer = undefined;
      if (!recovered) watchRecovery();
    }, options.recoveryCheckMs ?? 5_000);
    recoveryTimer.unref();
  }

  /** Appends one line; a refused one starts the recovery watch. */
  async function append(line: string, onDurable: () => void): Promise<void> {
    try {
      await journal.append(line, onDurable);
    } catch (error) {
      watchRecovery();
      throw error;
    }
  }

  /**
   * Journal → .old, snapshot of the state (which has everything in .old), then .old removed. If a
   * failed rewrite left .old behind, it is kept (never renamed over) and this rewrite covers it.
   */
  function compact(): Promise<void> {
    compacting ??= (async () => {
      const started = performance.now();
      if (!(await exists(oldPath))) await journal.rotate(oldPath);
      await writeSnapshot(file, state, now(), () => checkUnchanged(file, known));
      known = await identityOf(file);
      await unlink(oldPath);
      await fsyncDir(file);
      options.onSnapshot?.({ ms: performance.now() - started, people: state.users.size });
    })().then(
      () => {
        compacting = undefined;
        snapshotFailure = undefined;
      },
      (error: unknown) => {
        compacting = undefined;
        const code = (error as NodeJS.ErrnoException).code ?? (error as Error).name;
        snapshotFailure = `Snapshot ${file} could not be written (${code})`;
        throw error;
      },
    );
    return compacting;
  }

  /** A rewrite in the background; a failed one is tried again after a pause that doubles each time. */
  function compactInBackground(): void {
    compact().then(
      () => {
        retryMs = options.snapshotRetryMs ?? 1_000;
      },
      (error: unknown) => {
        options.onSnapshotFailed?.(error as Error, retryMs);
        retryTimer = setTimeout(() => {
          retryTimer = undefined;
          if (!closing) compactInBackground();
        }, retryMs);
        retryTimer.unref();
        retryMs = Math.min(retryMs * 2, MAX_SNAPSHOT_RETRY_MS);
      },
    );
  }

  const read = (user: string) => {
    const json = state.text(user);
    return json === undefined ? undefined : JSON.parse(json);
  };
  return {
    ...peopleQueries(() => state.people, read),
    async load(user) {
      return read(user);
    },
    async save(progress, deliveryId) {
      if (closing) throw new Error(`Store ${file} is closed`);
      const checked = ProgressSchema.safeParse(progress);
      if (!checked.success) throw new Error(`Refusing to save invalid progress: ${checked.error.message}`);
      const json = JSON.stringify(progress);
      const at = now();
      await append(journalLine(json, deliveryId, at), () => {
        state.apply(progress, json, deliveryId, at);
        if (deliveryId !== undefined) state.prune(at);
      });
      // A failed rewrite leaves the journal and .old as they are (still a complete history), retried.
      if (journal.size >= limit && !compacting && !retryTimer) compactInBackground();
    },
    async record(draft, progress) {
      if (closing) throw new Error(`Store ${file} is closed`);
      const entry = AuditEntrySchema.parse({ ...draft, id: state.audit.reserve() });
      if (progress) {
        const checked = ProgressSchema.safeParse(progress);
        if (!checked.success) throw new Error(`Refusing to save invalid progress: ${checked.error.message}`);
      }
      const json = progress && JSON.stringify(progress);
      const at = now();
      await append(journalLine(json, undefined, at, JSON.stringify(entry)), () => {
        if (progress && json) state.apply(progress, json, undefined, at);
        state.audit.put(entry);
      });
      return entry;
    },
    async auditLog(query) {
      return state.audit.query(query);
    },
    async seen(deliveryId) {
      return state.seen(deliveryId, now());
    },
    async all() {
      return [...state.users.values()].map((bytes) => JSON.parse(bytes.toString('utf8')));
    },
    health() {
      const lastError = journal.failure ?? snapshotFailure;
      return lastError === undefined ? { writable: true } : { writable: false, lastError };
    },
    close() {
      closing ??= (async () => {
        clearTimeout(retryTimer);
        clearTimeout(recoveryTimer);
        try {
          await journal.drain();
          await compacting?.catch(() => undefined);
          if (journal.size > 0 || (await exists(oldPath))) await compact();
          await journal.close();
          // Everything is in the snapshot now: the empty journal goes too.
          if (journal.size === 0) await unlink(journalPath).catch(() => undefined);
        } catch (error) {
          throw namedError(
            file,
            error,
            'could not be written at shutdown (every change is kept in its journal)',
          );
        } finally {
          await journal.close();
          await lock.release();
        }
      })();
      return closing;
    },
  } satisfies ProgressStore;
}

/** A file-system failure names the store file (ENOSPC or EISDIR alone name nothing). */
function namedError(file: string, error: unknown, what: string): unknown {
  const e = error as NodeJS.ErrnoException;
  if (!(error instanceof Error) || typeof e.syscall !== 'string' || e.message.includes(file)) return error;
  const reason = FS_REASONS[e.code ?? ''] ?? e.message;
  return Object.assign(new Error(`Store ${file} ${what}: ${reason}`, { cause: error }), {
    code: e.code,
  });
}

const FS_REASONS: Record<string, string> = {
  ENOSPC: 'the disk is full (ENOSPC); free some space',
  EISDIR: 'a folder is in the way of one of its files (EISDIR)',
  EACCES: 'not allowed to write in its folder (EACCES)',
  EPERM: 'not allowed to write in its folder (EPERM)',
  EROFS: 'its folder is on a read-only file system (EROFS)',
};

const exists = (path: string) =>
  stat(path).then(
    () => true,
    (e: unknown) => (isCode(e, 'ENOENT') ? false : Promise.reject(e)),
  );
