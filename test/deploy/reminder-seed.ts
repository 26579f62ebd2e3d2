import type { Progress, UserKey } from '../../src/core/index.js';
import { STEPS } from './journeys.js';

/** Zones a few hours apart, each once: one of them is in working hours on a weekday, except at weekends. */
const ZONES = [
  'Pacific/Kiritimati',
  'Pacific/Auckland',
  'Asia/Tokyo',
  'Asia/Shanghai',
  'Asia/Kolkata',
  'Asia/Dubai',
  'Europe/Berlin',
  'Europe/London',
  'America/Sao_Paulo',
  'America/New_York',
  'America/Chicago',
  'America/Los_Angeles',
  'Pacific/Honolulu',
  'Pacific/Pago_Pago',
];

/**
 * A time zone where it is a weekday between 10:00 and 17:00 now (well clear of the 20:00-09:00 quiet
 * hours for the test's two minutes), or undefined when there is none (a weekend everywhere): reminders
 * go out on business days only.
 */
export function dueZone(now: Date): string | undefined {
  return ZONES.find((timeZone) => {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-US', {
        timeZone,
        weekday: 'short',
        hour: 'numeric',
        hourCycle: 'h23',
      })
        .formatToParts(now)
        .map((p) => [p.type, p.value] as const),
    );
    const hour = Number(parts.hour);
    return !['Sat', 'Sun'].includes(parts.weekday ?? '') && hour >= 10 && hour < 17;
  });
}

const DAY = 24 * 60 * 60 * 1000;

/**
 * Someone on the second step who has done nothing for ten days, as an older version left them (no
 * reminder time stamped yet): the store counts them due from their last activity, so the first sweep
 * nudges them.
 */
export function seededDuePerson(user: UserKey, timeZone: string | undefined): Progress {
  const [first, second] = STEPS as [(typeof STEPS)[number], (typeof STEPS)[number]];
  const at = (days: number) => new Date(Date.now() - days * DAY).toISOString();
  return {
    user,
    flowId: 'reseller',
    flowVersion: 1,
    current: second.id,
    steps: {
      [first.id]: { enteredAt: at(12), doneAt: at(10), ticked: [...first.items] },
      [second.id]: { enteredAt: at(10) },
    },
    ...(timeZone ? { timeZone } : {}),
    startedAt: at(12),
    activeAt: at(10),
    updatedAt: at(10),
  };
}
