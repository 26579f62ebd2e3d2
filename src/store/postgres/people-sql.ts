import type { PeopleQuery } from '../../core/people-query.js';
import type { SchemaName } from './schema.js';

/** A people query as SQL: the WHERE clause over `p` (people) and `f` (the part in the query's flow). */
export interface PeopleSql {
  from: string;
  where: string;
  values: unknown[];
  order: string;
}

/**
 * The same test as the memory index's `matcher`, on the indexed columns: a flow narrows to people with
 * a part in it (the one they are in or one they shelved); where they are now and whether they are stuck
 * are about the flow they are in. Stuck compares each person's time against the bound for their zone
 * (a zone missing from the bounds matches nobody), a review step against the time they entered it.
 */
export function peopleSql(s: SchemaName, q: PeopleQuery): PeopleSql {
  const values: unknown[] = [];
  const $ = (v: unknown) => {
    values.push(v);
    return `$${values.length}`;
  };
  const where: string[] = [];
  let from = `${s.table('people')} p`;
  const part = q.flowId === undefined ? 'p' : 'f';
  if (q.flowId !== undefined) {
    from += ` JOIN ${s.table('parts')} f ON f.user_key = p.user_key AND f.flow_id = ${$(q.flowId)}`;
    if (q.at !== undefined || q.stuck !== undefined) where.push(`p.flow_id = ${$(q.flowId)}`);
  }
  if (q.at !== undefined) where.push(`p.current_step = ANY (${$(q.at)}::text[])`);
  if (q.started !== undefined) where.push(`${part}.started = ${$(q.started)}`);
  if (q.finished !== undefined) where.push(`${part}.finished = ${$(q.finished)}`);
  if (q.muted !== undefined) where.push(`p.muted = ${$(q.muted)}`);
  if (q.platform !== undefined) where.push(`p.platform = ${$(q.platform)}`);
  if (q.needsHelp !== undefined) where.push(`(p.help_at IS NOT NULL) = ${$(q.needsHelp)}`);
  if (q.activeBefore !== undefined) where.push(`p.active_at < ${$(Date.parse(q.activeBefore))}`);
  if (q.stuck !== undefined) {
    const review = $(JSON.stringify(q.stuck.enteredBefore));
    const idle = $(JSON.stringify(q.stuck.idleBefore));
    where.push(`p.current_step IS NOT NULL AND NOT p.finished AND CASE
      WHEN ${review}::jsonb ? p.current_step
        THEN p.entered_at < ((${review}::jsonb -> p.current_step) ->> p.zone)::bigint
      ELSE p.active_at < ((${idle}::jsonb) ->> p.zone)::bigint END`);
  }
  const order = q.order === 'idle' ? 'p.active_at, p.user_key' : 'p.user_key';
  if (q.order !== 'idle' && q.after !== undefined) where.push(`p.user_key > ${$(q.after)}`);
  return { from, where: where.length > 0 ? where.join(' AND ') : 'true', values, order };
}
