import { businessDaysBetween, type Holidays, isBusinessDay, localDay, localHour } from './business-days.js';
import { isFinished } from './engine.js';
import { type Flow, findStep } from './flow.js';
import { reviewWindow } from './review-window.js';
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

/** History entries about this visit of the current step (a step entered again starts afresh). */
function thisVisit(p: Progress, kind: HistoryEntry['kind']): HistoryEntry[] {
  const entered = p.current ? Date.parse(p.steps[p.current]?.enteredAt ?? p.updatedAt) : 0;
  return (p.history ?? []).filter(
    (h) => h.kind === kind && h.stepId === p.current && Date.parse(h.at) >= entered,
  );
}

/** Business days a person on a review step is past its window's upper bound (0 = within the window). */
export function daysOverdue(flow: Flow, p: Progress, now: Date, holidays: Holidays): number {
  const placed = findStep(flow, p.current);
  const window = placed && reviewWindow(placed.step, p, holidays);
  return window ? businessDaysBetween(window.to, now, holidays, p.timeZone) : 0;
}

/**
 * What is due for one person now, if anything: pure, so a fake clock drives it in tests.
 * - A review past its window: ask the person once (on a business day, outside quiet hours), and tell
 *   staff once when it is a further business day late.
 * - Idle on an ordinary step for `remindAfterDays` business days: one gentle nudge.
 * People get at most one reminder a day, none between 20:00 and 09:00 in their time zone, none when muted.
 */
export function dueFor(flow: Flow, p: Progress, now: Date, settings: ReminderSettings): Due[] {
  const placed = findStep(flow, p.current);
  if (!placed || isFinished(p)) return [];
  const stepId = placed.step.id;
  const due: Due[] = [];
  const today = localDay(now, p.timeZone);
  if (!isBusinessDay(today, settings.holidays)) return [];

  if (placed.step.wait) {
    const late = daysOverdue(flow, p, now, settings.holidays);
    if (late >= 2 && thisVisit(p, 'staff-alert').length === 0) due.push({ kind: 'staff-alert', stepId });
    const answered = thisVisit(p, 'review-answer').length > 0 || thisVisit(p, 'review-check').length > 0;
    if (late >= 1 && !answered) due.push({ kind: 'review-check', stepId });
  } else {
    const idle = businessDaysBetween(lastActive(p), now, settings.holidays, p.timeZone);
    const nudged = thisVisit(p, 'idle-nudge').length > 0;
    if (idle >= settings.remindAfterDays && !nudged) due.push({ kind: 'idle-nudge', stepId });
  }
  return due.filter((d) => d.kind === 'staff-alert' || mayRemindPerson(p, now));
}

function mayRemindPerson(p: Progress, now: Date): boolean {
  if (p.muted) return false;
  const hour = localHour(now, p.timeZone);
  if (p.timeZone && (hour >= QUIET_FROM || hour < QUIET_UNTIL)) return false;
  const today = localDay(now, p.timeZone).getTime();
  const personal = ['review-check', 'idle-nudge', 'staff-nudge'];
  return !(p.history ?? []).some(
    (h) => personal.includes(h.kind) && localDay(new Date(h.at), p.timeZone).getTime() === today,
  );
}

/** True when a person is stuck: idle `days`+ business days on an ordinary step, or overdue on a review. */
export function isStuck(flow: Flow, p: Progress, now: Date, days: number, holidays: Holidays): boolean {
  const placed = findStep(flow, p.current);
  if (!placed || isFinished(p)) return false;
  if (placed.step.wait) return daysOverdue(flow, p, now, holidays) >= 1;
  return businessDaysBetween(lastActive(p), now, holidays, p.timeZone) >= days;
}
