const DAY_MS = 24 * 60 * 60 * 1000;

const isWeekend = (d: Date): boolean => d.getUTCDay() === 0 || d.getUTCDay() === 6;

/** The calendar day `days` business days after `from` (weekends skipped), in UTC. */
export function addBusinessDays(from: Date, days: number): Date {
  let d = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate()));
  let left = days;
  while (left > 0) {
    d = new Date(d.getTime() + DAY_MS);
    if (!isWeekend(d)) left -= 1;
  }
  return d;
}

/** A date as the person's language writes it, e.g. "Wed, Dec 2" or "12月2日周三". */
export function formatDay(day: Date, language: string): string {
  return new Intl.DateTimeFormat(language, {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  }).format(day);
}
