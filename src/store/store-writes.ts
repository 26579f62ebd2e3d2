import {
  type AuditDraft,
  type AuditEntry,
  AuditEntrySchema,
  type Progress,
  ProgressSchema,
} from '../core/index.js';
import type { RecoveryWatch } from './recovery-watch.js';
import { journalLine } from './replay.js';
import type { SnapshotSchedule } from './snapshot-schedule.js';
import type { StoreContext } from './store-context.js';

/** The write path: each change is one journal line, applied to the state once it is durable. */
export class StoreWrites {
  constructor(
    private readonly store: StoreContext,
    private readonly snapshots: SnapshotSchedule,
    private readonly recovery: RecoveryWatch,
    private readonly journalLimit: number,
  ) {}

  async save(progress: Progress, deliveryId?: string): Promise<void> {
    const { file, now, state, journal } = this.store;
    if (this.store.closing) throw new Error(`Store ${file} is closed`);
    const checked = ProgressSchema.safeParse(progress);
    if (!checked.success) throw new Error(`Refusing to save invalid progress: ${checked.error.message}`);
    const json = JSON.stringify(progress);
    const at = now();
    await this.#append(journalLine(json, deliveryId, at), () => {
      state.apply(progress, json, deliveryId, at);
      if (deliveryId !== undefined) state.prune(at);
    });
    // A failed rewrite leaves the journal and .old as they are (still a complete history), retried.
    if (journal.size >= this.journalLimit && this.snapshots.idle) this.snapshots.compactInBackground();
  }

  async record(draft: AuditDraft, progress?: Progress): Promise<AuditEntry> {
    const { file, now, state } = this.store;
    if (this.store.closing) throw new Error(`Store ${file} is closed`);
    const entry = AuditEntrySchema.parse({ ...draft, id: state.audit.reserve() });
    if (progress) {
      const checked = ProgressSchema.safeParse(progress);
      if (!checked.success) throw new Error(`Refusing to save invalid progress: ${checked.error.message}`);
    }
    const json = progress && JSON.stringify(progress);
    const at = now();
    await this.#append(journalLine(json, undefined, at, JSON.stringify(entry)), () => {
      if (progress && json) state.apply(progress, json, undefined, at);
      state.audit.put(entry);
    });
    return entry;
  }

  /** Appends one line; a refused one starts the recovery watch. */
  async #append(line: string, onDurable: () => void): Promise<void> {
    try {
      await this.store.journal.append(line, onDurable);
    } catch (error) {
      this.recovery.start();
      throw error;
    }
  }
}
