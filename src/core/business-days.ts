import { knownTimeZone } from './time-zone.js';

export const DAY_MS = 24 * 60 * 60 * 1000;

/** Days off besides weekends, as `YYYY-MM-DD` (from configuration). */
export type Holidays = ReadonlySet<string>;
const NONE: Holidays = new Set();

/**
 * A calendar day, e.g. Thursday 3 Dec 2026, as the count of days since 1970-01-01: no time of day and no
 * zone. An instant (`Date`) becomes a day once, in one person's zone, through `localDay`; a day is never
 * localised again (doing so moved days one back west of UTC). The brand keeps the two apart in types.
 */
export type CalendarDay = number & { readonly __calendarDay: true };

const asDay = (n: number): CalendarDay => n as CalendarDay;
/** The instant a calendar day starts in UTC (it starts earlier in zones ahead of UTC). */
export const utcStartOf = (day: CalendarDay): number => day * DAY_MS;

const isoDay = (day: CalendarDay): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** Intl formatters are costly to build: one per kind and zone or language, kept. */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let f = formatters.get(key);
  if (!f) {
    f = make();
    formatters.set(key, f);
  }
  return f;
}

/** The calendar day the instant `at` falls on in `timeZone` (UTC when absent or not a zone Intl knows). */
export function localDay(at: Date, timeZone?: string): CalendarDay {
  const zone = knownTimeZone(timeZone);
  if (!zone || zone === 'UTC') return asDay(Math.floor(at.getTime() / DAY_MS));
  const days = formatter(`day:${zone}`, () => new Intl.DateTimeFormat('en-CA', { timeZone: zone }));
  const [y, m, d] = days.format(at).split('-').map(Number);
  return asDay(Date.UTC(y as number, (m as number) - 1, d as number) / DAY_MS);
}

/** The hour (0-23) it is at `at` in `timeZone` (UTC when absent or not a zone Intl knows). */
export function localHour(at: Date, timeZone?: string): number {
  const zone = knownTimeZone(timeZone);
  if (!zone || zone === 'UTC') return at.getUTCHours();
  const hours = formatter(
    `hour:${zone}`,
    () => new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', hourCycle: 'h23' }),
  );
  return Number(hours.format(at));
}

/** A weekday that is not a holiday. */
export function isBusinessDay(day: CalendarDay, holidays: Holidays = NONE): boolean {
  const weekday = (((day + 4) % 7) + 7) % 7; // 1 Jan 1970 was a Thursday; 0 is Sunday
  return weekday !== 0 && weekday !== 6 && !holidays.has(isoDay(day));
}

/** The calendar day `days` business days after `from` (weekends and holidays skipped). */
export function addBusinessDays(from: CalendarDay, days: number, holidays: Holidays = NONE): CalendarDay {
  let d: number = from;
  let left = days;
  while (left > 0) {
    d += 1;
    if (isBusinessDay(asDay(d), holidays)) left -= 1;
  }
  return asDay(d);
}

/** Business days that passed from one day to another: Friday to next Wednesday is 3. */
export function businessDaysBetween(from: CalendarDay, to: CalendarDay, holidays: Holidays = NONE): number {
  let count = 0;
  for (let d = from + 1; d <= to; d += 1) if (isBusinessDay(asDay(d), holidays)) count += 1;
  return count;
}

/** A day as the person's language writes it, e.g. "Wed, Dec 2" or "12月2日周三". */
export function formatDay(day: CalendarDay, language: string): string {
  const f = formatter(
    `show:${language}`,
    () =>
      new Intl.DateTimeFormat(language, {
        weekday: 'short',
        month: 'short',
        day: 'numeric',
        timeZone: 'UTC',
      }),
  );
  return f.format(new Date(day * DAY_MS));
}
