/**
 * How long an adapter's work in flight may take to finish once the bot is told to stop. A few seconds:
 * then the snapshot is written and the process exits, well inside the 10 s `docker stop` and systemd
 * allow before they kill it.
 */
export const SHUTDOWN_GRACE_MS = 5_000;

/** Waits for `work`, but no longer than `ms`. Resolves true when it finished (or failed) in time. */
export async function withinGrace(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  const done = work.then(
    () => true,
    () => true,
  );
  try {
    return await Promise.race([done, late]);
  } finally {
    clearTimeout(timer);
  }
}
