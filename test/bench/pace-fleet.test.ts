import type { ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { InstanceAsk } from '../../bench/bot-instance.js';
import { paceFleet } from '../../bench/fleet-drive.js';

/** A bot instance as the driver sees it: it answers each event it is sent, now or when released. */
class FakeInstance extends EventEmitter {
  received = 0;
  private held: number[] = [];
  constructor(private readonly holding = false) {
    super();
  }
  send(ask: InstanceAsk): boolean {
    if (!('event' in ask)) return true;
    this.received++;
    if (this.holding) this.held.push(ask.n);
    else queueMicrotask(() => this.emit('message', { n: ask.n, replyBytes: 1 }));
    return true;
  }
  release(): void {
    for (const n of this.held.splice(0)) this.emit('message', { n, replyBytes: 1 });
  }
}

const fleet = (...instances: FakeInstance[]) => instances as unknown as ChildProcess[];

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the paced bench driver', () => {
  it('sends at the steady rate, in turn over the instances, and times every event', async () => {
    const instances = [new FakeInstance(), new FakeInstance(), new FakeInstance()];
    const t0 = performance.now();
    const run = await paceFleet(fleet(...instances), 1_000, 99, 500, 200, 'pace-test');
    const elapsed = performance.now() - t0;
    // Event 98 is due at 196 ms: not sooner, whatever answers at once.
    expect(elapsed).toBeGreaterThanOrEqual(190);
    expect(run.eps).toBeLessThan(520);
    expect(run.latencies).toHaveLength(99);
    expect(instances.map((i) => i.received)).toEqual([33, 33, 33]);
  });

  it('keeps one wake-up pending at a time, however many answers come back', async () => {
    const realSetTimeout = globalThis.setTimeout;
    let pending = 0;
    let most = 0;
    vi.spyOn(globalThis, 'setTimeout').mockImplementation(((fn: () => void, ms?: number) => {
      pending++;
      most = Math.max(most, pending);
      return realSetTimeout(() => {
        pending--;
        fn();
      }, ms);
    }) as typeof setTimeout);
    await paceFleet(fleet(new FakeInstance(), new FakeInstance()), 1_000, 300, 2_000, 200, 'pace-test');
    expect(most).toBe(1);
  });

  it('holds events at the in-flight limit and counts their wait from when each was due', async () => {
    const instance = new FakeInstance(true);
    const done = paceFleet(fleet(instance), 1_000, 20, 1_000, 5, 'pace-test');
    await sleep(60);
    // Twenty were due by 19 ms; five may be out.
    expect(instance.received).toBe(5);
    let finished = false;
    void done.then(() => {
      finished = true;
    });
    while (!finished) {
      instance.release();
      await sleep(1);
    }
    const run = await done;
    expect(run.latencies).toHaveLength(20);
    expect(run.peakInFlight).toBe(5);
    // The first five waited 60 ms for their answers; the last was due at 19 ms and sent after 60.
    expect(run.latencies[0]).toBeGreaterThanOrEqual(40);
  });
});
