import type { Logger } from '../../src/core/index.js';

/**
 * One person's Slack work runs in arrival order (look-up, bot, replies), so replies never overtake each
 * other; different people run side by side. Work never throws out of here: a failure is logged.
 */
export function createQueue(logger: Logger) {
  const tails = new Map<string, Promise<void>>();
  const running = new Set<Promise<void>>();

  function run(key: string, work: () => Promise<void>): Promise<void> {
    const next = (tails.get(key) ?? Promise.resolve()).then(work).catch((error: unknown) => {
      const e = error as { name?: unknown; code?: unknown };
      logger.error({ user: key, name: e?.name, code: e?.code }, 'slack handler failed');
    });
    tails.set(key, next);
    running.add(next);
    void next.then(() => {
      running.delete(next);
      if (tails.get(key) === next) tails.delete(key);
    });
    return next;
  }

  /** Resolves once no work is left (used when stopping). */
  async function idle(): Promise<void> {
    while (running.size > 0) await Promise.allSettled([...running]);
  }

  return { run, idle };
}

export type Queue = ReturnType<typeof createQueue>;
