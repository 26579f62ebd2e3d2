import { notFromTheFuture, withHistory } from './history.js';
import type { Due } from './reminders.js';
import type { Progress, Undelivered } from './types.js';

const MINUTE = 60 * 1000;
/** The wait after the 1st, 2nd and 3rd failed delivery; the 4th failure gives up for this visit of the step. */
const RETRY_AFTER_MS = [15 * MINUTE, 60 * MINUTE, 240 * MINUTE];
const MAX_ATTEMPTS = RETRY_AFTER_MS.length + 1;

type Kind = Undelivered['kind'];

/** The failed attempts at this reminder on this visit of its step (older visits do not count). */
function pending(p: Progress, kind: Kind, stepId: string): Undelivered | undefined {
  const u = p.undelivered;
  if (!u || u.kind !== kind || u.stepId !== stepId || p.current !== stepId) return undefined;
  const entered = Date.parse(p.steps[stepId]?.enteredAt ?? '');
  return Number.isNaN(entered) || Date.parse(u.lastAt) >= entered ? u : undefined;
}

/** False while a failed reminder waits out its back-off, and for good once it was given up. */
export function retryAllowed(p: Progress, kind: Due['kind'], stepId: string, now: Date): boolean {
  if (kind === 'staff-alert') return true;
  const u = pending(p, kind, stepId);
  if (!u) return true;
  if (u.attempts >= MAX_ATTEMPTS) return false;
  const wait = RETRY_AFTER_MS[u.attempts - 1] ?? 0;
  return !notFromTheFuture(u.lastAt, now) || now.getTime() >= Date.parse(u.lastAt) + wait;
}

/** The record after a failed delivery, and whether that was the last try for this visit. */
export function afterFailure(
  p: Progress,
  kind: Kind,
  stepId: string,
  now: Date,
): { progress: Progress; gaveUp: boolean } {
  const attempts = (pending(p, kind, stepId)?.attempts ?? 0) + 1;
  const undelivered = { kind, stepId, attempts, lastAt: now.toISOString() };
  return { progress: { ...p, undelivered, updatedAt: now.toISOString() }, gaveUp: attempts >= MAX_ATTEMPTS };
}

/** The record once a reminder or staff alert went out: in the history, and nothing left to retry. */
export function afterDelivery(p: Progress, kind: Due['kind'], stepId: string, now: Date): Progress {
  const at = now.toISOString();
  const cleared = kind === 'staff-alert' ? p : { ...p, undelivered: undefined };
  return withHistory({ ...cleared, updatedAt: at }, { at, kind, stepId });
}
