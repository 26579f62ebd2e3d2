import { type FileHandle, open, rename } from 'node:fs/promises';
import { fsyncDir, writeAll } from './fs-durable.js';

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
  private broken: Error | undefined;

  private constructor(
    readonly path: string,
    private fh: FileHandle,
    /** Bytes in the journal file now (durable ones). */
    public size: number,
  ) {}

  static async open(path: string): Promise<Journal> {
    const fh = await open(path, 'a');
    return new Journal(path, fh, (await fh.stat()).size);
  }

  /** Resolves once the line is on disk; `onDurable` runs first, in journal order. */
  append(line: string, onDurable: () => void): Promise<void> {
    if (this.broken) return Promise.reject(this.broken);
    return new Promise((resolve, reject) => {
      this.pending.push({ line, onDurable, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        this.enqueue(() => this.writeBatch());
      }
    });
  }

  private enqueue(work: () => Promise<void>): Promise<void> {
    const run = this.chain.then(work);
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async writeBatch(): Promise<void> {
    this.scheduled = false;
    const batch = this.pending;
    this.pending = [];
    const data = Buffer.from(batch.map((p) => p.line).join(''));
    try {
      await writeAll(this.fh, data);
      await this.fh.datasync();
    } catch (error) {
      // What reached the disk is unknown: cut back to the last durable byte, or refuse all further saves.
      await this.fh.truncate(this.size).catch(() => {
        this.broken = new Error(`Journal ${this.path} could not be written or repaired; restart the bot`);
      });
      for (const p of batch) p.reject(error);
      return;
    }
    this.size += data.length;
    for (const p of batch) p.onDurable();
    void resolveInSlices(batch);
  }

  /** Moves the journal aside to `oldPath` (after the batches before it) and starts an empty one. */
  rotate(oldPath: string): Promise<void> {
    return this.enqueue(async () => {
      await this.fh.close();
      await rename(this.path, oldPath);
      this.fh = await open(this.path, 'a');
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
    this.closed ??= this.enqueue(() => this.fh.close());
    return this.closed;
  }
}
