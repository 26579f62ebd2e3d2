import { type PartFacts, personFacts } from '../../core/people-query.js';
import type { Progress } from '../../core/types.js';
import type { Queryable } from './db.js';
import type { SchemaName } from './schema.js';

/** One part (a flow the person is or was in) as the `parts` table holds it. */
const partRow = (p: PartFacts) => ({
  flow_id: p.flowId,
  reached: p.reached,
  took: p.took,
  started: p.started,
  finished: p.finished,
  week: p.week ?? null,
});

/**
 * Writes one person's record with the columns the queries read, their funnel parts (the parts of flows
 * they are no longer in go), and the delivery id claimed with it, in one statement. A reminder lease
 * ends with the write: the record now says what is due next.
 */
export async function putPerson(
  db: Queryable,
  s: SchemaName,
  progress: Progress,
  delivery?: { id: string; at: number; ttlMs: number },
): Promise<void> {
  const f = personFacts(progress);
  const parts = [f, ...(f.shelved ?? [])].map(partRow);
  await db.query(
    `WITH person AS (
       INSERT INTO ${s.table('people')} AS p (user_key, flow_id, current_step, platform, started, finished, muted,
         zone, entered_at, active_at, help_at, remind_at, lease_until, updated_at, progress)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, NULL, now(), $13::jsonb)
       ON CONFLICT (user_key) DO UPDATE SET flow_id = excluded.flow_id, current_step = excluded.current_step,
         platform = excluded.platform, started = excluded.started, finished = excluded.finished,
         muted = excluded.muted, zone = excluded.zone, entered_at = excluded.entered_at,
         active_at = excluded.active_at, help_at = excluded.help_at, remind_at = excluded.remind_at,
         lease_until = NULL, updated_at = now(), progress = excluded.progress
     ), new_parts AS (
       SELECT * FROM jsonb_to_recordset($14::jsonb) AS x(flow_id text, reached text[], took int[],
         started boolean, finished boolean, week text)
     ), gone AS (
       DELETE FROM ${s.table('parts')} WHERE user_key = $1 AND flow_id <> ALL (SELECT flow_id FROM new_parts)
     ), kept AS (
       INSERT INTO ${s.table('parts')} AS t (flow_id, user_key, reached, took, started, finished, week)
       SELECT flow_id, $1, reached, took, started, finished, week FROM new_parts
       ON CONFLICT (flow_id, user_key) DO UPDATE SET reached = excluded.reached, took = excluded.took,
         started = excluded.started, finished = excluded.finished, week = excluded.week
       -- Most changes leave the funnel as it was: those write nothing here.
       WHERE (t.reached, t.took, t.started, t.finished, t.week)
         IS DISTINCT FROM (excluded.reached, excluded.took, excluded.started, excluded.finished, excluded.week)
     ), claimed AS (
       INSERT INTO ${s.table('deliveries')} AS d (id, at) SELECT $15::text, $16::bigint WHERE $15::text IS NOT NULL
       ON CONFLICT (id) DO UPDATE SET at = excluded.at WHERE d.at < excluded.at - $17::bigint
     )
     SELECT 1`,
    [
      progress.user,
      f.flowId,
      f.current,
      f.platform,
      f.started,
      f.finished,
      f.muted,
      f.zone,
      f.enteredAt ?? null,
      f.activeAt,
      f.helpAt ?? null,
      f.remindAt ?? null,
      JSON.stringify(progress),
      JSON.stringify(parts),
      delivery?.id ?? null,
      delivery?.at ?? null,
      delivery?.ttlMs ?? 0,
    ],
    `gp-put-${s.tag}`,
  );
}
