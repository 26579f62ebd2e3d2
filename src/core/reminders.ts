import { businessDaysBetween, type Holidays, isBusinessDay, localDay, localHour } from './business-days.js';
import { isFinished } from './engine.js';
import { type Flow, findStep } from './flow.js';
import { notFromTheFuture, thisVisit } from './history.js';
import { retryAllowed } from './reminder-retry.js';
import { reviewWindow } from './review-window.js';
import { knownTimeZone } from './time-zone.js';
import type { HistoryEntry, Progress } from './types.js';

export interface ReminderSettings {
  /** Business days idle on an ordinary step before one gentle nudge. */
  remindAfterDays: number;
  holidays: Holidays;
}

export type Due = { kind: 'review-check' | 'idle-nudge' | 'staff-alert'; stepId: string };

const QUIET_FROM = 20;
const QUIET_UNTIL = 9;

/** When the person last did something themselves. */
export const lastActive = (p: Progress): Date => new Date(p.activeAt ?? p.updatedAt);

/**
 * Business days a person on a review step is past its window's last day (0 = within the window), both
 * days in the person's own calendar: asked on the first business day after the window, never on its last.
 */
export function daysOverdue(flow: Flow, p: Progress, now: Date, holidays: Holidays): number {
  const placed = findStep(flow, p.current);
  const window = placed && reviewWindow(placed.step, p, holidays);
  return window ? businessDaysBetween(window.to, localDay(now, p.timeZone), holidays) : 0;
}

/** Business days since the person last did something, counted in their calendar. */
export const idleDays = (p: Progress, now: Date, holidays: Holidays): number =>
  businessDaysBetween(localDay(lastActive(p), p.timeZone), localDay(now, p.timeZone), holidays);

/**
 * What is due for one person now, if anything: pure, so a fake clock drives it in tests.
 * - A review past its window: ask the person once (on a business day, outside quiet hours), and tell
 *   staff once when it is a further business day late.
 * - Idle on an ordinary step for `remindAfterDays` business days: one gentle nudge.
 * People get at most one reminder a day, none between 20:00 and 09:00 in their time zone, none when muted;
 * a reminder that could not be delivered waits out its back-off before it is tried again.
 */
export function dueFor(flow: Flow, p: Progress, now: Date, settings: ReminderSettings): Due[] {
  const placed = findStep(flow, p.current);
  if (!placed || isFinished(p)) return [];
  const stepId = placed.step.id;
  const due: Due[] = [];
  if (!isBusinessDay(localDay(now, p.timeZone), settings.holidays)) return [];

  if (placed.step.wait) {
    const late = daysOverdue(flow, p, now, settings.holidays);
    if (late >= 2 && thisVisit(p, 'staff-alert').length === 0) due.push({ kind: 'staff-alert', stepId });
    const answered = thisVisit(p, 'review-answer').length > 0 || thisVisit(p, 'review-check').length > 0;
    if (late >= 1 && !answered) due.push({ kind: 'review-check', stepId });
  } else {
    const nudged = thisVisit(p, 'idle-nudge').length > 0;
    if (idleDays(p, now, settings.holidays) >= settings.remindAfterDays && !nudged)
      due.push({ kind: 'idle-nudge', stepId });
  }
  return due.filter(
    (d) => d.kind === 'staff-alert' || (mayRemindPerson(p, now) && retryAllowed(p, d.kind, d.stepId, now)),
  );
}

/**
 * Not muted, not in quiet hours, and nothing personal sent yet today. Entries dated in the future (written
 * while the clock ran ahead) do not count: they would otherwise silence the person every day until real
 * time caught up; at worst the day the clock is corrected brings one reminder more.
 */
function mayRemindPerson(p: Progress, now: Date): boolean {
  if (p.muted) return false;
  const zone = knownTimeZone(p.timeZone);
  const hour = localHour(now, zone);
  if (zone && (hour >= QUIET_FROM || hour < QUIET_UNTIL)) return false;
  return !remindedToday(p, now);
}

/** Messages that land in a person's DM without them asking: one a day at most, whoever sends them. */
const PERSONAL: readonly HistoryEntry['kind'][] = ['review-check', 'idle-nudge', 'staff-nudge'];

/** True when the person already got a reminder (from the bot or from staff) on today's date where they are. */
export function remindedToday(p: Progress, now: Date): boolean {
  const zone = knownTimeZone(p.timeZone);
  const today = localDay(now, zone);
  return (p.history ?? []).some(
    (h) =>
      PERSONAL.includes(h.kind) && notFromTheFuture(h.at, now) && localDay(new Date(h.at), zone) === today,
  );
}

/** True when a person is stuck: idle `days`+ business days on an ordinary step, or overdue on a review. */
export function isStuck(flow: Flow, p: Progress, now: Date, days: number, holidays: Holidays): boolean {
  const placed = findStep(flow, p.current);
  if (!placed || isFinished(p)) return false;
  if (placed.step.wait) return daysOverdue(flow, p, now, holidays) >= 1;
  return idleDays(p, now, holidays) >= days;
}
