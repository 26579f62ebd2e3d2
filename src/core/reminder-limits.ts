import { localDay } from './business-days.js';
import type { HistoryEntry, Progress } from './types.js';

/** Messages that land in a person's DM without them asking: one a day at most, whoever sends it. */
const PERSONAL: readonly HistoryEntry['kind'][] = ['review-check', 'idle-nudge', 'staff-nudge'];

/** True when the person already got a reminder (from the bot or from staff) on today's date where they are. */
export function remindedToday(p: Progress, now: Date): boolean {
  const today = localDay(now, p.timeZone).getTime();
  return (p.history ?? []).some(
    (h) => PERSONAL.includes(h.kind) && localDay(new Date(h.at), p.timeZone).getTime() === today,
  );
}
