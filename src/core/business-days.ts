const DAY_MS = 24 * 60 * 60 * 1000;

/** Days off besides weekends, as `YYYY-MM-DD` (from configuration). */
export type Holidays = ReadonlySet<string>;
const NONE: Holidays = new Set();

const isoDay = (d: Date): string => d.toISOString().slice(0, 10);

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

/** Midnight UTC of the calendar day `d` falls on in `timeZone` (UTC when unknown). */
export function localDay(d: Date, timeZone?: string): Date {
  if (!timeZone || timeZone === 'UTC')
    return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const days = formatter(`day:${timeZone}`, () => new Intl.DateTimeFormat('en-CA', { timeZone }));
  const [y, m, day] = days.format(d).split('-').map(Number);
  return new Date(Date.UTC(y as number, (m as number) - 1, day as number));
}

/** The hour (0-23) it is at `d` in `timeZone` (UTC when unknown). */
export function localHour(d: Date, timeZone?: string): number {
  if (!timeZone || timeZone === 'UTC') return d.getUTCHours();
  const hours = formatter(
    `hour:${timeZone}`,
    () => new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }),
  );
  return Number(hours.format(d));
}

/** A weekday that is not a holiday. `day` is a calendar day as from `localDay`. */
export function isBusinessDay(day: Date, holidays: Holidays = NONE): boolean {
  const weekday = day.getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidays.has(isoDay(day));
}

/** The calendar day `days` business days after `from`'s day (weekends and holidays skipped). */
export function addBusinessDays(
  from: Date,
  days: number,
  holidays: Holidays = NONE,
  timeZone?: string,
): Date {
  let d = localDay(from, timeZone);
  let left = days;
  while (left > 0) {
    d = new Date(d.getTime() + DAY_MS);
    if (isBusinessDay(d, holidays)) left -= 1;
  }
  return d;
}

/** Business days that passed from `from`'s day to `to`'s day: Friday to next Wednesday is 3. */
export function businessDaysBetween(
  from: Date,
  to: Date,
  holidays: Holidays = NONE,
  timeZone?: string,
): number {
  const end = localDay(to, timeZone).getTime();
  let d = localDay(from, timeZone).getTime();
  let count = 0;
  while (d < end) {
    d += DAY_MS;
    if (isBusinessDay(new Date(d), holidays)) count += 1;
  }
  return count;
}

/** A date as the person's language writes it, e.g. "Wed, Dec 2" or "12月2日周三". */
export function formatDay(day: Date, language: string): string {
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
  return f.format(day);
}
