import { type FileHandle, open, rename } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { StoreWriteError } from '../core/index.js';
import { fsyncDir, probeWrite, writeAll } from './fs-durable.js';

/** Pauses before a failed batch is written again; after the last one its saves are refused. */
const RETRY_DELAYS_MS = [50, 250];

/** Waiters woken per turn of the event loop. */
const WAKE_SLICE = 16;

/**
 * Wakes a batch's waiters 16 at a time, yielding to the event loop in between: 200 saves woken at once
 * would run 200 bots' replies back to back (tens of ms with no timer or socket served). The next batch
 * is already being written meanwhile, since this runs outside the file chain.
 */
async function resolveInSlices(batch: Pending[]): Promise<void> {
  for (let i = 0; i < batch.length; i += WAKE_SLICE) {
    if (i > 0) await new Promise((resolve) => setImmediate(resolve));
    for (const p of batch.slice(i, i + WAKE_SLICE)) p.resolve();
  }
}

interface Pending {
  line: string;
  onDurable: () => void;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * The append-only journal beside the snapshot: one JSON line per change, made durable with fdatasync
 * before the change is acknowledged. Group commit: lines appended while a write+sync is under way wait
 * and go out together in the next one, so 200 concurrent saves cost a handful of syncs, not 200.
 * All file work (batches, rotation, close) runs one at a time on one chain, in order.
 */
export class Journal {
  private pending: Pending[] = [];
  private scheduled = false;
  private chain: Promise<void> = Promise.resolve();
  /** A failed write may have left part of a batch on disk: cut back to `size` before the next one. */
  private needsRepair = false;
  /** A rotation failed after closing the file: it is opened again before the next write. */
  private needsReopen = false;
  /** Why the last batch was refused (naming the file and the error code); unset once one is written. */
  failure: string | undefined;

  private constructor(
    readonly path: string,
    private fh: FileHandle,
    /** Bytes in the journal file now (durable ones). */
    public size: number,
  ) {}

  static async open(path: string): Promise<Journal> {
    const fh = await open(path, 'a');
    // The journal may have just been created: its name must be durable before a line in it is.
    await fsyncDir(path);
    return new Journal(path, fh, (await fh.stat()).size);
  }

  /** Resolves once the line is on disk; `onDurable` runs first, in journal order. */
  append(line: string, onDurable: () => void): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ line, onDurable, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        this.enqueue(() => this.writeBatch());
      }
    });
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const run = this.chain.then(work);
    this.chain = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private async writeBatch(): Promise<void> {
    this.scheduled = false;
    const batch = this.pending;
    this.pending = [];
    const data = Buffer.from(batch.map((p) => p.line).join(''));
    let error: unknown;
    for (let attempt = 0; attempt <= RETRY_DELAYS_MS.length; attempt++) {
      if (attempt > 0) await sleep(RETRY_DELAYS_MS[attempt - 1]);
      error = await this.tryWrite(data);
      if (error === undefined) break;
    }
    if (error !== undefined) {
      const code = (error as NodeJS.ErrnoException).code ?? (error as Error).name;
      this.failure = `Journal ${this.path} could not be written (${code})`;
      const refused = new StoreWriteError(this.failure, { cause: error });
      for (const p of batch) p.reject(refused);
      return;
    }
    this.failure = undefined;
    this.size += data.length;
    for (const p of batch) p.onDurable();
    void resolveInSlices(batch);
  }

  /**
   * One attempt: repair what an earlier failure left, then write and sync. Resolves with the error, if
   * any. A later batch retries the repair, so saving resumes by itself once space or permission is back.
   */
  private async tryWrite(data: Buffer): Promise<unknown> {
    try {
      await this.repair();
      await writeAll(this.fh, data);
      await this.fh.datasync();
      return undefined;
    } catch (error) {
      // What reached the disk is unknown: everything after the last durable byte is cut off first.
      this.needsRepair = true;
      return error;
    }
  }

  /**
   * After a refused batch: repairs the journal and checks that its folder takes a block of data again
   * (a probe file, written, synced, removed). True once it does; `failure` is then cleared, so health
   * turns good without waiting for someone to save.
   */
  recover(): Promise<boolean> {
    return this.enqueue(async () => {
      if (this.failure === undefined) return true;
      try {
        await this.repair();
        await probeWrite(`${this.path}.probe`);
      } catch {
        return false;
      }
      this.failure = undefined;
      return true;
    });
  }

  /** Cuts off what a failed write may have left, so no refused line is ever replayed. */
  private async repair(): Promise<void> {
    if (this.needsReopen) {
      this.fh = await open(this.path, 'a');
      this.needsReopen = false;
      this.needsRepair = false;
      this.size = (await this.fh.stat()).size;
      await fsyncDir(this.path);
    }
    if (!this.needsRepair) return;
    await this.fh.truncate(this.size);
    this.needsRepair = false;
  }

  /** Moves the journal aside to `oldPath` (after the batches before it) and starts an empty one. */
  rotate(oldPath: string): Promise<void> {
    return this.enqueue(async () => {
      await this.repair();
      await this.fh.close();
      // Whatever fails from here, the next write opens the journal again (the old one or a new one).
      this.needsReopen = true;
      await rename(this.path, oldPath);
      this.fh = await open(this.path, 'a');
      this.needsReopen = false;
      this.size = 0;
      await fsyncDir(this.path);
    });
  }

  /** Waits for every line appended so far to be written (or refused). */
  drain(): Promise<void> {
    return this.enqueue(async () => undefined);
  }

  private closed: Promise<void> | undefined;

  close(): Promise<void> {
    this.closed ??= this.enqueue(async () => {
      if (this.needsReopen) return;
      await this.repair().finally(() => this.fh.close());
    });
    return this.closed;
  }
}
