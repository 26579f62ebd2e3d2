import {
  addBusinessDays,
  businessDaysBetween,
  type CalendarDay,
  type Holidays,
  localDay,
  utcStartOf,
} from './business-days.js';
import { type Flow, placedSteps } from './flow.js';
import type { PeopleQuery, StuckBounds } from './people-query.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** How far back a search for a day may go (a year of holidays would still end well before). */
const MAX_DAYS_BACK = 400;

/**
 * "Stuck" (`isStuck` in reminders.ts) as a store query: on an ordinary step, idle `days` business days
 * in the person's own calendar; on a review step, at least one business day past the window's last day.
 * Both depend on one instant per zone (the person's activity, or when they entered the review), and both
 * only grow with time, so each zone gets the instant before which a person is stuck. `zones` are the
 * flow's people's zones (`FlowCounts.zones`).
 */
export function stuckQuery(
  flow: Flow,
  zones: readonly string[],
  now: Date,
  days: number,
  holidays: Holidays,
): PeopleQuery {
  const steps = placedSteps(flow).map((p) => p.step);
  const reviews = steps.flatMap((s) => (s.wait ? [{ id: s.id, maxDays: s.wait.maxDays }] : []));
  const idleBefore: Record<string, number> = {};
  const enteredBefore: Record<string, Record<string, number>> = Object.fromEntries(
    reviews.map((r) => [r.id, {}]),
  );
  for (const zone of zones) {
    const today = localDay(now, zone || undefined);
    const idleDay = latestDay(today, (d) => businessDaysBetween(d, today, holidays) >= days);
    // Zero days: everyone on an ordinary step, even with activity stamped in the future.
    idleBefore[zone] = days <= 0 ? Number.MAX_SAFE_INTEGER : dayStart((idleDay + 1) as CalendarDay, zone);
    for (const { id, maxDays } of reviews) {
      const late = (d: CalendarDay) =>
        businessDaysBetween(addBusinessDays(d, maxDays, holidays), today, holidays) >= 1;
      const lastDay = latestDay(today, late);
      (enteredBefore[id] as Record<string, number>)[zone] = dayStart((lastDay + 1) as CalendarDay, zone);
    }
  }
  const stuck: StuckBounds = { idleBefore, enteredBefore };
  return { flowId: flow.id, at: steps.map((s) => s.id), stuck };
}

/** The latest day up to `today` for which `holds` is true (it holds for every earlier day too). */
function latestDay(today: CalendarDay, holds: (day: CalendarDay) => boolean): CalendarDay {
  let day = today;
  for (let back = 0; back < MAX_DAYS_BACK && !holds(day); back++) day = (day - 1) as CalendarDay;
  return day;
}

/** The first instant of `day` in `zone` (`''`: UTC), to the minute: zones are at most 14 hours off UTC. */
function dayStart(day: CalendarDay, zone: string): number {
  let low = utcStartOf(day) - 15 * HOUR;
  let high = utcStartOf(day) + 15 * HOUR;
  while (high - low > MINUTE) {
    const mid = low + Math.floor((high - low) / 2 / MINUTE) * MINUTE;
    if (localDay(new Date(mid), zone || undefined) >= day) high = mid;
    else low = mid;
  }
  return high;
}
