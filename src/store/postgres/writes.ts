import { createKeyedQueue, type Progress, type ProgressStore, type UpdateResult } from '../../core/index.js';
import { DELIVERY_TTL_MS } from '../file-schema.js';
import { insertAudit } from './audit-sql.js';
import { changeBatches } from './change-batch.js';
import { on, type PgContext } from './context.js';
import type { Queryable } from './db.js';
import { changeOutcome, claimOf, putPerson, putPersonStatement } from './person-row.js';

type Writes = Pick<ProgressStore, 'update' | 'save' | 'record'> & { idle(): Promise<void> };
type Change = Parameters<ProgressStore['update']>[1];

/**
 * Every write: a change is one transaction holding the person's row lock, so changes of one person made
 * by several instances run one after another, each on the record the last one committed; the delivery
 * id is checked under that lock and claimed in the same commit. Writes made inside a change (a staff
 * action's audit entry) join its transaction. In this process a queue per person comes first, so one
 * person's burst holds one connection, not all of them. Pure changes (a person's own event) are made
 * several people at a time (change-batch.ts).
 */
export function postgresWrites(ctx: PgContext): Writes {
  const { db, s, errors, ambient } = ctx;
  const queue = createKeyedQueue();
  const claim = (id: string | undefined) => claimOf(id, ctx.now());

  /** One change: the person locked and read with BEGIN, written with COMMIT (two round trips). */
  const change = (user: string, fn: Change, deliveryId?: string): Promise<UpdateResult> =>
    db.change<UpdateResult>(
      {
        text: `SELECT duplicate, progress FROM ${s.table('begin_change')}($1, $2, $3, $4)`,
        values: [user, deliveryId ?? null, ctx.now(), DELIVERY_TTL_MS],
      },
      async (rows, tx) => {
        const [row] = rows as { duplicate: boolean; progress: Progress | null }[];
        if (row?.duplicate) return { result: { duplicate: true } };
        const current = row?.progress ?? undefined;
        const next = await errors.theirs(() => ambient.run(tx, () => fn(current)));
        const { result, write } = changeOutcome(current, next, deliveryId);
        const last = write && putPersonStatement(s, write, { claim: claim(deliveryId), before: current });
        return { result, last };
      },
    );

  const alone = (user: string, fn: Change, deliveryId?: string) =>
    errors.writing(() => change(user, fn, deliveryId));
  const batched = changeBatches(ctx, alone);

  return {
    update: (user, fn, options = {}) =>
      queue.run(user, () => (options.pure ? batched : alone)(user, fn, options.deliveryId)),
    save: (progress, deliveryId) => errors.writing(() => putPerson(on(ctx), s, progress, claim(deliveryId))),
    record(draft, progress) {
      const write = async (tx: Queryable) => {
        // Outside a change of theirs, the person's row is locked first, as a change would.
        if (progress && tx !== ambient.getStore())
          await tx.query(`SELECT 1 FROM ${s.table('begin_change')}($1, NULL, 0, 0)`, [progress.user]);
        const entry = await insertAudit(tx, s, draft);
        if (progress) await putPerson(tx, s, progress);
        return entry;
      };
      const inChange = ambient.getStore();
      return errors.writing(() => (inChange ? write(inChange) : db.transaction(write)));
    },
    idle: () => queue.idle(),
  };
}
