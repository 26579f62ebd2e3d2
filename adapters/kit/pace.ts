import { createRequire } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';

// p-queue 6 (the queue @slack/web-api runs its own calls through) is CommonJS: Node's ESM loader and
// Vitest disagree on what its default import is, so it is required as CommonJS.
const { default: PQueue } = createRequire(import.meta.url)('p-queue') as typeof import('p-queue');
type Queue = InstanceType<typeof PQueue>;

/** At most `count` starts in any `perMs` milliseconds. */
export interface Rate {
  count: number;
  perMs: number;
}

/** Runs work no faster than a rate; work waits its turn in arrival order, and runs once. */
export interface Pace {
  run<T>(work: () => Promise<T>): Promise<T>;
}

/**
 * A rate as `count` slots: work starts in a free slot and holds it until `perMs` after its start (or
 * until it ends, if later), so no window of `perMs` ever sees more than `count` starts; with `fromEnd`,
 * until `perMs` after it ended. Slots are taken in arrival order. p-queue's own `interval` option is not used: in
 * version 6 it forgets the window once its queue runs empty, and a burst arriving just after gets
 * through uncapped (twelve DM opens within 50 ms at "five a second").
 */
function inSlot<T>(queue: Queue, rate: Rate, work: () => Promise<T>, fromEnd = false): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    void queue.add(async () => {
      const done = Promise.resolve().then(work);
      done.then(resolve, reject);
      if (fromEnd) await Promise.allSettled([done]);
      await Promise.allSettled([done, sleep(rate.perMs)]);
    });
  });
}

/** At most `count` pieces of work running at once; the rest start in arrival order as others end. */
export function createLimit(count: number): <T>(work: () => Promise<T>) => Promise<T> {
  const queue = new PQueue({ concurrency: count });
  return (work) => queue.add(work);
}

/** One pace for everything that goes through it. */
export function createPace(rate: Rate): Pace {
  const queue = new PQueue({ concurrency: rate.count });
  return { run: (work) => inSlot(queue, rate, work) };
}

/**
 * One pace per key (a channel), keys not waiting for each other: each key's work starts `perMs` after
 * the previous one for that key ended (`count` at a time). A key's queue is dropped once idle, so a sweep
 * over 100,000 DMs does not keep 100,000 queues; an idle queue's last slot was freed a window ago.
 */
function createKeyedPace(rate: Rate) {
  const queues = new Map<string, Queue>();
  return async <T>(key: string, work: () => Promise<T>): Promise<T> => {
    let queue = queues.get(key);
    if (!queue) {
      const created = new PQueue({ concurrency: rate.count });
      created.on('idle', () => {
        if (queues.get(key) === created) queues.delete(key);
      });
      queues.set(key, created);
      queue = created;
    }
    return inSlot(queue, rate, work, true);
  };
}

/**
 * Each channel's pace around a pace for all channels: a post waits for its channel, then for its turn
 * overall. Two posts to one channel are at least `perChannel.perMs` apart (counted from the end of the
 * first); posts waiting for a busy channel hold none of the overall turns.
 */
export function createChannelPace(all: Rate, perChannel: Rate) {
  const overall = createPace(all);
  const channels = createKeyedPace(perChannel);
  return <T>(channel: string, work: () => Promise<T>): Promise<T> =>
    channels(channel, () => overall.run(work));
}
