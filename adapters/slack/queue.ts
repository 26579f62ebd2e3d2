import type { Logger } from '../../src/core/index.js';
import { createKeyedQueue, describeError } from '../kit/index.js';

/**
 * One person's Slack work runs in arrival order (look-up, bot, replies), so replies never overtake each
 * other; different people run side by side. At most `limit` (SLACK_QUEUE_LIMIT) pieces of work are accepted and not yet
 * finished, across everyone: past that, `accept` refuses at once (the caller tells the person the bot is
 * busy) instead of letting a backlog grow until Slack's 3-second deadline can no longer be met. Work
 * never throws out of here: a failure is logged.
 */
export function createQueue(logger: Logger, limit: number) {
  const queue = createKeyedQueue();
  let pending = 0;

  /** Queues the work behind the person's earlier work; false (and nothing queued) when full. */
  const accept = (key: string, work: () => Promise<void>): boolean => {
    if (pending >= limit) return false;
    pending += 1;
    void queue
      .run(key, work)
      .catch((error: unknown) => {
        logger.error({ user: key, err: describeError(error) }, 'slack handler failed');
      })
      .finally(() => {
        pending -= 1;
      });
    return true;
  };

  return { accept, idle: queue.idle, size: () => pending, limit };
}

export type Queue = ReturnType<typeof createQueue>;
