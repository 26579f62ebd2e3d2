/**
 * Work under one key (one person) runs in arrival order, each piece after the previous one settled;
 * different keys run side by side. A failure rejects only its own caller's promise, never the next piece.
 */
export interface KeyedQueue {
  run<T>(key: string, work: () => Promise<T>): Promise<T>;
  /** Resolves once no work is queued or running under any key (used when stopping). */
  idle(): Promise<void>;
}

export function createKeyedQueue(): KeyedQueue {
  const tails = new Map<string, Promise<unknown>>();
  const running = new Set<Promise<unknown>>();

  function run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const result = (tails.get(key) ?? Promise.resolve()).then(work, work);
    const tail = result.catch(() => undefined);
    tails.set(key, tail);
    running.add(tail);
    void tail.then(() => {
      running.delete(tail);
      if (tails.get(key) === tail) tails.delete(key);
    });
    return result;
  }

  async function idle(): Promise<void> {
    while (running.size > 0) await Promise.allSettled([...running]);
  }

  return { run, idle };
}
