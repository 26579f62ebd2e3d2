import { isDeepStrictEqual } from 'node:util';
import type { Progress } from '../../core/index.js';
import type { StoreState } from '../state.js';
import { putAudit } from './audit-sql.js';
import type { Db } from './db.js';
import { putPerson } from './person-row.js';
import type { SchemaName } from './schema.js';

/** Records written per transaction. */
const BATCH = 500;

export interface CopyResult {
  people: number;
  audit: number;
  deliveries: number;
  /** People PostgreSQL already held with another record (changed there since): left as they are. */
  differing: string[];
  /** Every flow anybody in the file is or was in. */
  flows: string[];
}

/**
 * Copies a JSON store's state into PostgreSQL: each person not there yet, every staff action under its
 * own id (the sequence then continues after the highest), and the delivery ids still in their time.
 * Idempotent: what is there already is left, so a second run changes nothing, and a record PostgreSQL
 * holds in another version (the bot ran on it since) is never overwritten but reported.
 */
export async function copyJsonState(db: Db, s: SchemaName, state: StoreState): Promise<CopyResult> {
  const users = [...state.users.keys()];
  const differing: string[] = [];
  const flows = new Set<string>();
  for (let i = 0; i < users.length; i += BATCH) {
    const batch = users.slice(i, i + BATCH).map((user) => JSON.parse(state.text(user) as string) as Progress);
    await db.transaction(async (tx) => {
      const rows = await tx.query<{ user_key: string; progress: Progress }>(
        `SELECT user_key, progress FROM ${s.table('people')} WHERE user_key = ANY ($1::text[])`,
        [batch.map((p) => p.user)],
      );
      const held = new Map(rows.map((r) => [r.user_key, r.progress]));
      for (const p of batch) {
        for (const flowId of [p.flowId, ...Object.keys(p.shelved ?? {})]) flows.add(flowId);
        const there = held.get(p.user);
        if (there === undefined) await putPerson(tx, s, p);
        else if (!isDeepStrictEqual(there, p)) differing.push(p.user);
      }
    });
  }
  const audit = [...state.audit.values()];
  await db.transaction(async (tx) => {
    for (const entry of audit) await putAudit(tx, s, entry);
    // New staff actions continue after the highest id either side holds.
    await tx.query(
      `SELECT setval('${s.table('audit_ids')}', GREATEST((SELECT coalesce(max(seq), 0) FROM ${s.table('audit')}), 1),
         (SELECT count(*) > 0 FROM ${s.table('audit')}))`,
    );
  });
  const deliveries = [...state.deliveries];
  await db.query(
    `INSERT INTO ${s.table('deliveries')} AS d (id, at) SELECT * FROM unnest($1::text[], $2::bigint[])
     ON CONFLICT (id) DO UPDATE SET at = GREATEST(d.at, excluded.at)`,
    [deliveries.map(([id]) => id), deliveries.map(([, at]) => at)],
  );
  return {
    people: users.length,
    audit: audit.length,
    deliveries: deliveries.length,
    differing,
    flows: [...flows].sort(),
  };
}
