import type { Progress, ProgressChange, UpdateResult } from '../../core/index.js';
import { DELIVERY_TTL_MS } from '../file-schema.js';
import type { PgContext } from './context.js';
import { changeOutcome, claimOf, personRow } from './person-row.js';

/** One pure change waiting for the next batch. */
interface Waiting {
  user: string;
  change: ProgressChange;
  deliveryId: string | undefined;
  done: (outcome: Outcome) => void;
}

type Outcome = { result: UpdateResult } | { error: unknown };

/** A change made alone (the fallback when a batch fails): the way an impure change is always made. */
export type Single = (user: string, change: ProgressChange, deliveryId?: string) => Promise<UpdateResult>;

export interface BatchLimits {
  /** Batches in flight at once, each on a connection of its own. */
  inFlight: number;
  /** People in one batch at most. */
  size: number;
  /** People waiting at least, for a batch to start while another runs. */
  alongside: number;
}

/**
 * Two batches in flight leave the pool's other connections to reads and single changes. The second
 * starts only when a quarter of a batch waits: at a moderate rate the events that arrive while a batch
 * runs then go together in the next one, not in transactions of one or two people each (measured in
 * bench/RESULTS.md, 2026-12-08: a lower p99 and less of PostgreSQL's CPU an event at 2,000 events/s).
 */
const LIMITS: BatchLimits = { inFlight: 2, size: 100, alongside: 25 };

/**
 * Pure changes (`update(…, { pure: true })`: a person's own event) made together: the people waiting when
 * a connection is free are locked in one round trip, their changes computed, and all written with one
 * COMMIT in a second: one transaction and one WAL flush for many events. A batch starts as soon as a
 * slot is free and LIMITS allow it; what arrives meanwhile gathers for the next. Each person still gets
 * exactly what a change of their own would (their row locked, their delivery id checked under the lock
 * and claimed in the commit), and a change that throws fails alone. When the batch's transaction fails
 * (the server, or one record it refuses), each of its people is made again alone, so one bad record
 * fails only its own event.
 *
 * The caller makes sure no person is twice among the waiting (the store's queue per person).
 */
export function changeBatches(ctx: PgContext, single: Single, limits: BatchLimits = LIMITS) {
  const waiting: Waiting[] = [];
  let running = 0;
  let scheduled = false;

  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    // Events that arrive together (one socket read) join the same batch.
    setImmediate(pump);
  };
  // A batch starts on a free slot: at once when none runs, alongside one only with enough people waiting.
  const due = () => running < limits.inFlight && waiting.length >= (running === 0 ? 1 : limits.alongside);
  const pump = () => {
    scheduled = false;
    while (due()) {
      const batch = waiting.splice(0, limits.size);
      running++;
      void run(batch).finally(() => {
        running--;
        if (waiting.length > 0) schedule();
      });
    }
  };
  const run = async (batch: Waiting[]) => {
    let outcomes: Outcome[];
    try {
      outcomes = await ctx.errors.writing(() => together(ctx, batch));
    } catch (error) {
      if (batch.length === 1) outcomes = [{ error }];
      else {
        // Made again, each alone: changes are pure, so running one again on the fresh record is safe.
        outcomes = await Promise.all(
          batch.map((w) =>
            single(w.user, w.change, w.deliveryId).then(
              (result) => ({ result }),
              (e: unknown) => ({ error: e }),
            ),
          ),
        );
      }
    }
    for (const [i, w] of batch.entries()) w.done(outcomes[i] ?? { error: new Error('no outcome') });
  };

  return (user: string, change: ProgressChange, deliveryId?: string): Promise<UpdateResult> =>
    new Promise((resolve, reject) => {
      waiting.push({
        user,
        change,
        deliveryId,
        done: (o) => ('result' in o ? resolve(o.result) : reject(o.error)),
      });
      schedule();
    });
}

/** One batch: every person locked and read, each change computed, every write and COMMIT together. */
function together(ctx: PgContext, batch: Waiting[]): Promise<Outcome[]> {
  const { s } = ctx;
  const at = ctx.now();
  const asked = batch.map((w) => ({ who: w.user, delivery: w.deliveryId ?? null }));
  return ctx.db.change<Outcome[]>(
    {
      text: `SELECT who, duplicate, progress FROM ${s.table('begin_changes')}($1::jsonb, $2::bigint, $3::bigint)`,
      values: [JSON.stringify(asked), at, DELIVERY_TTL_MS],
    },
    async (rows) => {
      const found = new Map(
        (rows as { who: string; duplicate: boolean; progress: Progress | null }[]).map((r) => [r.who, r]),
      );
      const writes: ReturnType<typeof personRow>[] = [];
      const outcomes: Outcome[] = [];
      for (const w of batch) {
        const row = found.get(w.user);
        if (!row) throw new Error(`begin_changes did not answer for one person of ${batch.length}`);
        if (row.duplicate) {
          outcomes.push({ result: { duplicate: true } });
          continue;
        }
        const current = row.progress ?? undefined;
        let next: Progress | undefined;
        try {
          next = await w.change(current);
        } catch (error) {
          // Theirs alone: the others' changes go on, and nothing of this person's is written.
          outcomes.push({ error });
          continue;
        }
        const { result, write } = changeOutcome(current, next, w.deliveryId);
        outcomes.push({ result });
        if (write) writes.push(personRow(write, { claim: claimOf(w.deliveryId, at), before: current }));
      }
      const last =
        writes.length === 0
          ? undefined
          : {
              text: `SELECT ${s.table('put_people')}($1::jsonb, $2::bigint)`,
              values: [JSON.stringify(writes), DELIVERY_TTL_MS],
            };
      return { result: outcomes, last };
    },
  );
}
