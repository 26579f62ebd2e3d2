import type { Logger } from '../../../src/core/index.js';

interface LogEntry {
  level: string;
  context: Record<string, unknown>;
  message: string;
}

/** A logger that keeps every line and lets a test wait (bounded) for what it logs. */
export function recordingLogger() {
  const entries: LogEntry[] = [];
  const waiters = new Set<() => void>();
  const log = (level: string) => (context: object, message: string) => {
    entries.push({ level, context: context as Record<string, unknown>, message });
    for (const wake of waiters) wake();
  };
  const logger: Logger = { info: log('info'), warn: log('warn'), error: log('error') };
  /** Resolves once `condition` holds, re-checking after every log line; fails after `timeoutMs`. */
  function until(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const wake = () => {
        if (!condition()) return;
        clearTimeout(timer);
        waiters.delete(wake);
        resolve();
      };
      const timer = setTimeout(() => {
        waiters.delete(wake);
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      waiters.add(wake);
      wake();
    });
  }
  return { logger, entries, until };
}

export type RecordingLogger = ReturnType<typeof recordingLogger>;
