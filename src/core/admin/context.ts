import type { Holidays } from '../business-days.js';
import type { Flow } from '../flow.js';
import type { UserKey } from '../types.js';
import { parseUserKey } from '../user-key.js';

/** What every admin view needs: the flow, the clock, and words in the staff member's language. */
export interface AdminView {
  flow: Flow;
  now: Date;
  /** Staff's words (`admin:` keys) and the flow's words, in the staff member's language. */
  t: (key: string, vars?: Record<string, unknown>) => string;
  stepTitle: (stepId: string) => string;
  remindAfterDays: number;
  holidays: Holidays;
  staff: UserKey;
}

const HOUR = 60 * 60 * 1000;

/** "3d 4h", "5h", "12m" in the staff member's language. */
export function duration(ms: number, t: AdminView['t']): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 60) return t('admin:duration.m', { m: minutes });
  const hours = Math.round(ms / HOUR);
  if (hours < 24) return t('admin:duration.h', { h: hours });
  return t('admin:duration.dh', { d: Math.floor(hours / 24), h: hours % 24 });
}

/** Minutes precision, UTC, the same in every language: `2026-11-27 10:00 UTC`. */
export const stamp = (iso: string): string => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

export const platformName = (user: UserKey): string => parseUserKey(user)?.platform ?? '';

/** A bar of up to `width` blocks for `value` out of `max`. */
export const bar = (value: number, max: number, width = 12): string =>
  '█'.repeat(max === 0 ? 0 : Math.round((value / max) * width)).padEnd(width, ' ');
