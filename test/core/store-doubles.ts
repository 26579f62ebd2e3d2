import type { ProgressStore } from '../../src/core/index.js';
import { atomicUpdate } from '../../src/store/atomic-update.js';

/**
 * The store with some of its parts replaced (a read that fails, a write that is slow), and `update` built
 * over them the way the real stores build theirs (atomic-update.ts), so `update` reads and writes
 * through the replacements too.
 */
export function withPort(store: ProgressStore, parts: Partial<ProgressStore>): ProgressStore {
  const port = { ...store, ...parts };
  return { ...port, update: atomicUpdate(port) };
}

/** The store with its write (`save`) replaced (see `withPort`). */
export const withSave = (store: ProgressStore, save: ProgressStore['save']): ProgressStore =>
  withPort(store, { save });

/** A store whose writes, after `hold()`, wait until `release()`, as on a disk that is slow right now. */
export interface HeldStore extends ProgressStore {
  hold(): void;
  release(): void;
  /** Writes waiting now. */
  waiting(): number;
}

export function heldWrites(store: ProgressStore): HeldStore {
  let gate: { opened: Promise<void>; open(): void } | undefined;
  let waiting = 0;
  const held = withSave(store, async (progress, deliveryId) => {
    const current = gate;
    if (current) {
      waiting += 1;
      await current.opened;
      waiting -= 1;
    }
    return store.save(progress, deliveryId);
  });
  return {
    ...held,
    hold() {
      let open = () => {};
      const opened = new Promise<void>((resolve) => {
        open = resolve;
      });
      gate = { opened, open };
    },
    release() {
      gate?.open();
      gate = undefined;
    },
    waiting: () => waiting,
  };
}

/** Lets pending promise callbacks and short timers run. */
export const settle = (ms = 20) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits (bounded, generously) until `check` holds. */
export async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await settle(10);
  if (!check()) throw new Error('the condition never held');
}
