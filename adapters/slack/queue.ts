import type { Logger } from '../../src/core/index.js';
import { createKeyedQueue, describeError } from '../kit/index.js';
import { createLimit } from '../kit/pace.js';

/**
 * Pieces of work running at once, across everyone; the rest wait their turn in arrival order. Acks and
 * work share one event loop: with hundreds running, Web API answers on a fast network come back in
 * bursts that hold the loop for seconds, and the requests waiting for their ack with them. Against the
 * loopback fake Slack from 1,000 people, on a shared 2-core machine: at 300 DMs/s (load 11 to 14)
 * uncapped, 88 to 146 of 3,000 acks took over 3 s; capped at 128, 349 in one run and none in another; at
 * 64 or 32, none (slowest 1.7 s and under 1 s). With 32 (load about 3), none at 800/s (old: 614 of
 * 6,000) or 1,500/s (old: 3,724 of 9,000; here the slowest took 1.1 s and ~900 were answered busy).
 * At ~300 ms a piece against slack.com, 32 at once still finish ~100 a second, above what Slack's rate
 * limits let an app keep up (users.info is Tier 4, 100+ a minute; posts are capped per workspace).
 */
const RUNNING_AT_ONCE = 32;

/**
 * One person's Slack work runs in arrival order (look-up, bot, replies), so replies never overtake each
 * other; different people run side by side, at most RUNNING_AT_ONCE of them. At most `limit`
 * (SLACK_QUEUE_LIMIT) pieces of work are accepted and not yet finished, across everyone: past that,
 * `accept` refuses at once (the caller tells the person the bot is busy) rather than let a backlog grow
 * without end. Work never throws out of here: a failure is logged.
 */
export function createQueue(logger: Logger, limit: number) {
  const queue = createKeyedQueue();
  const inSlot = createLimit(RUNNING_AT_ONCE);
  let pending = 0;

  /** Queues the work behind the person's earlier work; false (and nothing queued) when full. */
  const accept = (key: string, work: () => Promise<void>): boolean => {
    if (pending >= limit) return false;
    pending += 1;
    void queue
      .run(key, () => inSlot(work))
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
