import { type AuditEntry, type AuditQuery, auditNumber, type Progress, type UserKey } from '../core/index.js';

/**
 * Staff actions, oldest first, apart from people's records. Entries are never removed, so the highest id
 * ever seen only grows: `reserve` hands out the next one at once (two callers in the same moment get
 * different ids) and an id whose write failed is simply skipped, never reused.
 */
export class AuditLog {
  private readonly entries = new Map<string, AuditEntry>();
  private highest = 0;

  get size(): number {
    return this.entries.size;
  }

  /** The next id, taken now. */
  reserve(): string {
    this.highest += 1;
    return `A${this.highest}`;
  }

  put(entry: AuditEntry): void {
    this.entries.set(entry.id, entry);
    this.highest = Math.max(this.highest, auditNumber(entry.id));
  }

  clear(): void {
    this.entries.clear();
    this.highest = 0;
  }

  values(): IterableIterator<AuditEntry> {
    return this.entries.values();
  }

  /** Newest first. */
  query(q: AuditQuery = {}): AuditEntry[] {
    if (q.id !== undefined) {
      const one = this.entries.get(q.id);
      return one ? [one] : [];
    }
    const found: AuditEntry[] = [];
    const all = [...this.entries.values()];
    for (let i = all.length - 1; i >= 0 && found.length < (q.limit ?? Number.POSITIVE_INFINITY); i--) {
      const e = all[i] as AuditEntry;
      if (q.target !== undefined && e.target !== q.target) continue;
      if (q.undoes !== undefined && e.undoes !== q.undoes) continue;
      found.push(e);
    }
    return found;
  }

  /**
   * A record written before the store kept the log may carry its own `audit`: those entries move here
   * (ids kept) and the record comes back without them. Returns the record unchanged when it has none.
   */
  adopt(progress: Progress): Progress {
    if (!progress.audit) return progress;
    for (const legacy of progress.audit) {
      if (this.entries.has(legacy.id) || auditNumber(legacy.id) === 0) continue;
      const target: UserKey | undefined = legacy.action === 'export' ? undefined : progress.user;
      const undoes = legacy.action === 'undo' ? legacy.detail : undefined;
      this.put({
        ...legacy,
        ...(target ? { target } : {}),
        ...(undoes ? { undoes } : {}),
      });
    }
    const { audit: _legacy, ...rest } = progress;
    return rest;
  }
}
