import type { Logger } from '../../src/core/index.js';
import { createKeyedQueue, describeError } from '../kit/index.js';

/**
 * One person's Slack work runs in arrival order (look-up, bot, replies), so replies never overtake each
 * other; different people run side by side. Work never throws out of here: a failure is logged.
 */
export function createQueue(logger: Logger) {
  const queue = createKeyedQueue();

  const run = (key: string, work: () => Promise<void>): Promise<void> =>
    queue.run(key, work).catch((error: unknown) => {
      logger.error({ user: key, err: describeError(error) }, 'slack handler failed');
    });

  return { run, idle: queue.idle };
}

export type Queue = ReturnType<typeof createQueue>;
