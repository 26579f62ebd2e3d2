import { type PartFacts, personFacts } from '../../core/people-query.js';
import type { UpdateResult } from '../../core/ports.js';
import type { Progress } from '../../core/types.js';
import { DELIVERY_TTL_MS } from '../file-schema.js';
import type { Queryable, Statement } from './db.js';
import type { SchemaName } from './schema.js';

/** A delivery id to claim with a write: when, and how long ids are kept. */
export interface Claim {
  id: string;
  at: number;
  ttlMs: number;
}

/** The claim of a delivery id (if any) made at `at`, kept DELIVERY_TTL_MS. */
export const claimOf = (id: string | undefined, at: number): Claim | undefined =>
  id === undefined ? undefined : { id, at, ttlMs: DELIVERY_TTL_MS };

/**
 * What a change that ran leaves: the answer, and the record to write, if any (the new one when it
 * changed, or the old one to claim the delivery id with; else the commit writes nothing).
 */
export function changeOutcome(
  current: Progress | undefined,
  next: Progress | undefined,
  deliveryId: string | undefined,
): { result: UpdateResult; write?: Progress } {
  const kept = next ?? current;
  if (!kept) return { result: { duplicate: false } };
  const result: UpdateResult = { duplicate: false, progress: kept };
  return next !== undefined || deliveryId !== undefined ? { result, write: kept } : { result };
}

/** One part (a flow the person is or was in) as the `parts` table holds it. */
const partRow = (p: PartFacts) => ({
  flow_id: p.flowId,
  reached: p.reached,
  took: p.took,
  started: p.started,
  finished: p.finished,
  week: p.week ?? null,
});

/** A person's funnel parts as `put_person` takes them (the current flow's, then each shelved one's). */
const partsOf = (f: ReturnType<typeof personFacts>) => [f, ...(f.shelved ?? [])].map(partRow);

/**
 * One person as `put_people` takes them (see migrations.ts): the record, the columns the questions read,
 * the delivery id to claim. With `before` (the record it replaces), funnel parts that did not change are
 * left out, so not written again: most changes leave them.
 */
export function personRow(
  progress: Progress,
  options: { claim?: Claim | undefined; before?: Progress | undefined } = {},
) {
  const f = personFacts(progress);
  const parts = partsOf(f);
  const { claim, before } = options;
  const same = before !== undefined && JSON.stringify(partsOf(personFacts(before))) === JSON.stringify(parts);
  return {
    who: progress.user,
    flow: f.flowId,
    step: f.current ?? null,
    platform: f.platform,
    started: f.started,
    finished: f.finished,
    muted: f.muted,
    zone: f.zone,
    entered: whole(f.enteredAt),
    active: whole(f.activeAt),
    help: whole(f.helpAt),
    remind: whole(f.remindAt),
    record: progress,
    parts: same ? null : parts,
    delivery: claim?.id ?? null,
    delivery_at: claim?.at ?? null,
  };
}

/** The statement that writes one person (see `put_person` in migrations.ts). */
export function putPersonStatement(
  s: SchemaName,
  progress: Progress,
  options: { claim?: Claim | undefined; before?: Progress | undefined } = {},
): Statement {
  const row = personRow(progress, options);
  return {
    text: `SELECT ${s.table('put_person')}($1::text, $2::text, $3::text, $4::text, $5::boolean, $6::boolean,
      $7::boolean, $8::text, $9::bigint, $10::bigint, $11::bigint, $12::bigint, $13::jsonb, $14::jsonb, $15::text,
      $16::bigint, $17::bigint)`,
    values: [
      row.who,
      row.flow,
      row.step,
      row.platform,
      row.started,
      row.finished,
      row.muted,
      row.zone,
      row.entered,
      row.active,
      row.help,
      row.remind,
      JSON.stringify(progress),
      row.parts && JSON.stringify(row.parts),
      row.delivery,
      row.delivery_at,
      options.claim?.ttlMs ?? 0,
    ],
    name: `gp-put-${s.tag}`,
  };
}

/** An instant for a bigint column: a date that did not parse is no instant. */
const whole = (ms: number | undefined): number | null =>
  ms === undefined || !Number.isFinite(ms) ? null : Math.trunc(ms);

/** Writes one person, with the delivery id claimed in the same statement. */
export async function putPerson(
  db: Queryable,
  s: SchemaName,
  progress: Progress,
  claim?: Claim,
): Promise<void> {
  const st = putPersonStatement(s, progress, { claim });
  await db.query(st.text, st.values, st.name);
}
