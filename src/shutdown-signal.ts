/** What the composition root logs when a stop is asked for. */
export interface ShutdownLog {
  info(fields: Record<string, unknown>, message: string): void;
}

const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * Aborts on the first SIGINT or SIGTERM: stop taking events, finish what is in flight, save, exit 0.
 * Installed first thing, so a stop during start-up is not lost, and kept installed: a second signal
 * (npm passes a terminal's Ctrl-C on to a process that already got it from the terminal) must not kill
 * the process half-way through saving. As PID 1 in a container our own handlers are the only ones there are.
 */
export function shutdownSignal(log: () => ShutdownLog | undefined): AbortSignal {
  const controller = new AbortController();
  for (const name of STOP_SIGNALS) {
    process.on(name, () => {
      if (controller.signal.aborted) return;
      log()?.info({ signal: name }, 'stopping');
      controller.abort();
    });
  }
  handOverFromPreload();
  return controller.signal;
}

/** Removes the stop-at-once handlers of `src/stop-before-start.mjs`, when it was preloaded. */
function handOverFromPreload(): void {
  const handOver = (globalThis as Record<symbol, unknown>)[Symbol.for('guidepost.handOverStopSignals')];
  if (typeof handOver === 'function') handOver();
}

/** Resolves once the signal aborts, including when it already has. */
export function aborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}
