import { withTimeout } from '../adapters/kit/timeout.js';

/**
 * How long an adapter's work in flight may take to finish once the bot is told to stop. A few seconds:
 * then the snapshot is written and the process exits, well inside the 10 s `docker stop` and systemd
 * allow before they kill it.
 */
export const SHUTDOWN_GRACE_MS = 5_000;

/** Waits for `work`, but no longer than `ms`. Resolves true when it finished (or failed) in time. */
export function withinGrace(work: Promise<unknown>, ms: number): Promise<boolean> {
  const done = work.then(
    () => true,
    () => true,
  );
  return withTimeout(done, ms, () => false);
}
