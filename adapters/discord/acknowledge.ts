import { withTimeout } from '../kit/index.js';

/**
 * Whether this instance owns an interaction. Several gateway sessions (several instances on one store)
 * may receive the same INTERACTION_CREATE; the core claims its id in the store and calls `claim` for the
 * one that won (handle's `claimed` hook). Until then the interaction may be another instance's.
 */
export interface Ownership {
  /** Resolves when the core says the interaction is ours; stays pending for a repeat. */
  readonly owned: Promise<void>;
  readonly isOwned: () => boolean;
  /** Given to `handle` as its `claimed` hook. */
  readonly claim: () => void;
}

export function createOwnership(): Ownership {
  let owned = false;
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return {
    owned: promise,
    isOwned: () => owned,
    claim: () => {
      owned = true;
      resolve();
    },
  };
}

/**
 * Whether to defer (Discord wants an answer within 3 s): not while the answer may still come within
 * `deferAfterMs` (0: no waiting), and never before the interaction is ours, since a second acknowledgement
 * of it would fail ("already acknowledged") and a repeat must send Discord nothing at all. A repeat
 * resolves `work` without ever being claimed, so it is never deferred. Rejects when `work` does.
 */
export async function mustDefer(
  work: Promise<unknown>,
  ownership: Ownership,
  deferAfterMs: number,
): Promise<boolean> {
  if (deferAfterMs > 0) {
    const inTime = await withTimeout(
      work.then(() => true),
      deferAfterMs,
      () => false,
    );
    if (inTime) return false;
  }
  await Promise.race([work, ownership.owned]);
  return ownership.isOwned();
}
