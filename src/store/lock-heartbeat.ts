import { stat, utimes } from 'node:fs/promises';
import { isCode } from './fs-durable.js';

/** How often an owner refreshes its lock file, and how long one nobody refreshes counts as left by the dead. */
export interface HeartbeatTiming {
  everyMs: number;
  staleMs: number;
}

export const DEFAULT_HEARTBEAT: HeartbeatTiming = { everyMs: 5_000, staleMs: 15_000 };

const mtimeOf = (path: string): Promise<number | undefined> =>
  stat(path).then(
    (s) => s.mtimeMs,
    (e: unknown) => (isCode(e, 'ENOENT') ? undefined : Promise.reject(e)),
  );

/**
 * Touches `path` every `everyMs` while the process runs (an unref'd timer: it never keeps it alive), so
 * processes on other hosts or in other containers, which cannot see ours, can tell it still runs.
 * Returns the function that stops it.
 */
export function startHeartbeat(path: string, timing: HeartbeatTiming): () => void {
  const timer = setInterval(() => {
    const now = new Date();
    utimes(path, now, now).catch(() => undefined);
  }, timing.everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * True when `path` is refreshed within `staleMs`: its owner is alive somewhere. A lock whose last refresh is
 * older than that answers at once; a younger one is watched until it would be that old (at most `staleMs`).
 * Clocks of two hosts may differ: an age below zero counts as zero, so the wait is never cut short.
 */
export async function refreshedWithin(path: string, timing: HeartbeatTiming): Promise<boolean> {
  const first = await mtimeOf(path);
  if (first === undefined) return false;
  const age = Math.max(0, Date.now() - first);
  if (age > timing.staleMs) return false;
  await new Promise((resolve) => setTimeout(resolve, timing.staleMs - age));
  const second = await mtimeOf(path);
  return second !== undefined && second !== first;
}
