import { DAY_MS, utcStartOf } from './business-days.js';
import { type Flow, findStep } from './flow.js';
import { thisVisit } from './history.js';
import { isFinished } from './progress.js';
import { lastActive, type ReminderSettings } from './reminders.js';
import { reviewWindow } from './review-window.js';
import type { Progress } from './types.js';

/** The furthest any zone is ahead of UTC: a local day can start this much before its UTC midnight. */
const MAX_ZONE_AHEAD_MS = 14 * 60 * 60 * 1000;
/**
 * After a look, the next is not sooner than this: quiet hours or a reminder already today are looked at
 * again a little later. The shortest retry back-off of an undelivered reminder (reminder-retry.ts).
 */
const RECHECK_MS = 15 * 60 * 1000;

/**
 * The earliest moment `dueFor` could have something for this person, or undefined when nothing can come
 * until they (or staff) change their record. Never later than the truth, so no reminder is missed; it
 * may be earlier (the sweep then looks, finds nothing, and looks again `RECHECK_MS` later).
 */
function reminderBound(flow: Flow, p: Progress, settings: ReminderSettings): number | undefined {
  const placed = findStep(flow, p.current);
  if (!placed || isFinished(p)) return undefined;
  if (placed.step.wait) {
    const asked = thisVisit(p, 'review-answer').length > 0 || thisVisit(p, 'review-check').length > 0;
    if (asked && thisVisit(p, 'staff-alert').length > 0) return undefined;
    const window = reviewWindow(placed.step, p, settings.holidays);
    // Due from the first local day after the window's last one.
    return window ? utcStartOf(window.to) + DAY_MS - MAX_ZONE_AHEAD_MS : undefined;
  }
  if (p.muted || thisVisit(p, 'idle-nudge').length > 0) return undefined;
  // N business days are at least N calendar days; the local day started at most a day before.
  return lastActive(p).getTime() + (settings.remindAfterDays - 1) * DAY_MS;
}

/** The record with `remindAt` set for the store's index (not before its last look plus `RECHECK_MS`). */
export function withReminderTime(flow: Flow, p: Progress, settings: ReminderSettings): Progress {
  const bound = reminderBound(flow, p, settings);
  const { remindAt: _old, ...rest } = p;
  if (bound === undefined) return rest;
  const floor = p.remindCheckedAt ? Date.parse(p.remindCheckedAt) + RECHECK_MS : bound;
  return { ...rest, remindAt: new Date(Math.max(bound, floor)).toISOString() };
}
