import type { BotContext } from './bot-context.js';
import { describeError } from './describe-error.js';
import { afterDelivery, afterFailure } from './reminder-retry.js';
import { type Due, daysOverdue, dueFor } from './reminders.js';
import type { Progress, UserKey } from './types.js';

/** Sends every reminder and staff notice due now; returns how many went out. Never throws. */
export async function remind(ctx: BotContext): Promise<number> {
  const { flow, logger, settings } = ctx;
  let everyone: Progress[];
  try {
    everyone = await ctx.store.all();
  } catch (error) {
    logger.error({ err: describeError(error) }, 'reminder run failed: the store could not be read');
    return 0;
  }
  const now = ctx.clock.now();
  let sent = 0;
  // One person at a time, each on their own: one person's failure never stops the others' reminders.
  for (const p of everyone) {
    try {
      if (dueFor(flow, p, now, settings).length > 0)
        sent += await ctx.serialize(p.user, () => remindOne(ctx, p.user));
    } catch (error) {
      logger.error({ err: describeError(error), user: p.user }, 'reminders for one person failed');
    }
  }
  return sent;
}

/**
 * Sends what is due for one person; each message is marked sent only once it was delivered, and saved
 * right after. A crash between a delivery and its save sends that message again on the next sweep: at
 * least once, at most one duplicate per crash. A failed delivery is not marked: it is retried with
 * back-off (reminder-retry.ts), the attempts kept on the record so a restart does not reset them.
 */
async function remindOne(ctx: BotContext, user: UserKey): Promise<number> {
  const { store, logger } = ctx;
  let p = await store.load(user);
  if (!p) return 0;
  const now = ctx.clock.now();
  let sent = 0;
  for (const d of dueFor(ctx.flow, p, now, ctx.settings)) {
    const delivered = await deliver(ctx, p, d, now);
    if (delivered) {
      p = afterDelivery(p, d.kind, d.stepId, now);
      sent += 1;
    } else if (d.kind !== 'staff-alert') {
      const failed = afterFailure(p, d.kind, d.stepId, now);
      p = failed.progress;
      const context = { user, kind: d.kind, attempts: p.undelivered?.attempts };
      logger.warn(context, 'reminder could not be delivered');
      if (failed.gaveUp)
        logger.warn(context, 'reminder given up for this step: the person cannot be reached');
    }
    await store.save(p);
  }
  return sent;
}

/** One reminder or staff alert out; false when the person could not be reached. */
async function deliver(ctx: BotContext, p: Progress, d: Due, now: Date): Promise<boolean> {
  const { notices, notifier } = ctx;
  if (d.kind === 'staff-alert') {
    const days = daysOverdue(ctx.flow, p, now, ctx.settings.holidays);
    await notifier.notifyStaff(p.user, [notices.staffNotice(p, ctx.defaultLanguage, 'late', days)]);
    return true;
  }
  const language = ctx.languageOf(p);
  const reply = d.kind === 'review-check' ? notices.reviewCheck(p, language) : notices.idleNudge(p, language);
  return notifier.notify(p.user, [reply]);
}
