import {
  type AuditDraft,
  type AuditEntry,
  AuditEntrySchema,
  type AuditQuery,
  auditNumber,
} from '../../core/index.js';
import type { Queryable } from './db.js';
import type { SchemaName } from './schema.js';

/** Keeps one staff action with the next id of the database's sequence (taken now; never reused). */
export async function insertAudit(tx: Queryable, s: SchemaName, draft: AuditDraft): Promise<AuditEntry> {
  const [row] = await tx.query<{ seq: string }>(
    `SELECT nextval('${s.table('audit_ids')}')::text AS seq`,
    [],
    `gp-audit-id-${s.tag}`,
  );
  const entry = AuditEntrySchema.parse({ ...draft, id: `A${row?.seq}` });
  await putAudit(tx, s, entry);
  return entry;
}

/** Keeps an entry under its own id (start-up's move from a JSON store keeps every id). */
export async function putAudit(tx: Queryable, s: SchemaName, entry: AuditEntry): Promise<void> {
  await tx.query(
    `INSERT INTO ${s.table('audit')} (seq, target, undoes, entry) VALUES ($1, $2, $3, $4::jsonb)
     ON CONFLICT (seq) DO NOTHING`,
    [auditNumber(entry.id), entry.target ?? null, entry.undoes ?? null, JSON.stringify(entry)],
    `gp-audit-put-${s.tag}`,
  );
}

/** Staff actions, newest first, narrowed by the query, from the indexes on target and undoes. */
export async function queryAudit(db: Queryable, s: SchemaName, q: AuditQuery = {}): Promise<AuditEntry[]> {
  if (q.id !== undefined) {
    const seq = auditNumber(q.id);
    if (seq === 0) return [];
    const rows = await db.query<{ entry: AuditEntry }>(
      `SELECT entry FROM ${s.table('audit')} WHERE seq = $1`,
      [seq],
    );
    return rows.map((r) => r.entry);
  }
  const values: unknown[] = [];
  const where: string[] = [];
  if (q.target !== undefined) where.push(`target = $${values.push(q.target)}`);
  if (q.undoes !== undefined) where.push(`undoes = $${values.push(q.undoes)}`);
  const limit = q.limit === undefined ? '' : ` LIMIT $${values.push(q.limit)}`;
  const rows = await db.query<{ entry: AuditEntry }>(
    `SELECT entry FROM ${s.table('audit')} ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY seq DESC${limit}`,
    values,
  );
  return rows.map((r) => r.entry);
}
