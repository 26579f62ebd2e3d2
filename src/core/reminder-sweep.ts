import type { BotContext } from './bot-context.js';
import { describeError } from './describe-error.js';
import { afterDelivery, afterFailure } from './reminder-retry.js';
import { type Due, daysOverdue, dueFor } from './reminders.js';
import type { Progress, UserKey } from './types.js';

/** People looked at per question to the store's index. */
const BATCH = 200;
/**
 * How long a store shared by several instances keeps a batch for this one: long enough for 200 people
 * (a message each at the platforms' pace), short enough that a batch left by a dead instance is soon
 * taken up. Each person's lease ends as their record is written.
 */
const LEASE_MS = 5 * 60 * 1000;

/** How a sweep is run: when to stop taking people, and how to let other work in between them. */
export interface SweepControl {
  /** Once aborted, the person being reminded is finished and saved, and nobody else is taken. */
  signal?: AbortSignal;
  /** Lets the process's other work (events, timers) run between two people. */
  yieldNow(): Promise<void>;
}

/**
 * Sends every reminder and staff notice due now; returns how many went out. Never throws. Asks the
 * store's index who may be due (never reads everyone), a batch at a time; each person looked at is
 * marked, so a person with nothing to send is not looked at again for a quarter of an hour. Stopped
 * (`signal`), it ends after the person it is on: whoever is still due is found by the next sweep, even
 * after a restart, since each delivery is saved as it goes out.
 */
export async function remind(ctx: BotContext, control: SweepControl): Promise<number> {
  const now = ctx.clock.now();
  const looked = new Set<UserKey>();
  let sent = 0;
  // Looked-at people the index still names (nothing could be saved for them): skipped, asked past.
  let stuck = 0;
  for (;;) {
    const limit = BATCH + stuck;
    let batch: UserKey[];
    let full: boolean;
    try {
      const due = await ctx.store.due(now, limit, LEASE_MS);
      batch = due.filter((user) => !looked.has(user));
      stuck = due.length - batch.length;
      full = due.length === limit;
    } catch (error) {
      ctx.logger.error({ err: describeError(error) }, 'reminder run failed: the store could not be read');
      return sent;
    }
    if (batch.length === 0 && !full) return sent;
    // One person at a time, each on their own: one person's failure never stops the others' reminders.
    for (const user of batch) {
      await control.yieldNow();
      if (control.signal?.aborted) return sent;
      looked.add(user);
      try {
        sent += await ctx.serialize(user, () => remindOne(ctx, user, now));
      } catch (error) {
        ctx.logger.error({ err: describeError(error), user }, 'reminders for one person failed');
      }
    }
  }
}

/** At most this many messages for one person in one sweep (a review check and a staff alert). */
const MAX_DUE = 3;

/**
 * Sends what is due for one person, one message per atomic store update: the fresh record says what is
 * due, the message goes out, and the record marks it sent (or its failed attempt) in the same write. A
 * crash between a delivery and its write sends that message again on the next sweep: at least once, at
 * most one duplicate per crash. A failed delivery is retried with back-off (reminder-retry.ts), the
 * attempts kept on the record so a restart does not reset them. A change of the person's own, or of
 * staff, made meanwhile is never written over.
 */
async function remindOne(ctx: BotContext, user: UserKey, now: Date): Promise<number> {
  let sent = 0;
  let written = false;
  // Each write says it was looked at now, so the store puts the next look no sooner than RECHECK_MS
  // later: a process stopped between two writes leaves nobody due again at once (and, with several
  // instances, due with no lease).
  const looked = (p: Progress): Progress => {
    written = true;
    return { ...p, remindCheckedAt: now.toISOString() };
  };
  for (let round = 0; round < MAX_DUE; round++) {
    let acted = false;
    await ctx.store.update(user, async (p) => {
      const d = p && dueFor(ctx.flows.of(p), p, now, ctx.settings)[0];
      if (!p || !d) return undefined;
      acted = true;
      if (await deliver(ctx, p, d, now)) {
        sent += 1;
        return looked(afterDelivery(p, d.kind, d.stepId, now));
      }
      // A staff alert goes to the staff channel, which never refuses: nothing to count.
      const { kind, stepId } = d;
      return kind === 'staff-alert' ? undefined : looked(failedOnce(ctx, p, { kind, stepId }, now));
    });
    if (!acted) break;
  }
  if (!written) await ctx.store.update(user, (p) => p && looked(p));
  return sent;
}

/** The record with a failed delivery counted (and given up on, after the last attempt); logged. */
function failedOnce(
  ctx: BotContext,
  p: Progress,
  d: { kind: Exclude<Due['kind'], 'staff-alert'>; stepId: string },
  now: Date,
): Progress {
  const failed = afterFailure(p, d.kind, d.stepId, now);
  const context = { user: p.user, kind: d.kind, attempts: failed.progress.undelivered?.attempts };
  ctx.logger.warn(context, 'reminder could not be delivered');
  if (failed.gaveUp)
    ctx.logger.warn(context, 'reminder given up for this step: the person cannot be reached');
  return failed.progress;
}

/** One reminder or staff alert out; false when the person could not be reached. */
async function deliver(ctx: BotContext, p: Progress, d: Due, now: Date): Promise<boolean> {
  const { notices, notifier } = ctx;
  if (d.kind === 'staff-alert') {
    const days = daysOverdue(ctx.flows.of(p), p, now, ctx.settings.holidays);
    await notifier.notifyStaff(p.user, [notices.staffNotice(p, ctx.defaultLanguage, 'late', days)]);
    return true;
  }
  const language = ctx.languageOf(p);
  const reply = d.kind === 'review-check' ? notices.reviewCheck(p, language) : notices.idleNudge(p, language);
  return notifier.notify(p.user, [reply]);
}
