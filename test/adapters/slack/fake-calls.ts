/** One request the app made: a Web API method (`chat.postMessage`), a `response_url` post or a file upload. */
export interface Call {
  method: string;
  args: Record<string, unknown>;
  /** The bearer token sent (Web API only): to check which token each call used. */
  token?: string;
  /** When the fake received it (`Date.now()`): to check the app's pacing. */
  at?: number;
}

const WAIT_MS = 5_000;

/** The fake's record of calls, and a bounded wait for one of them. */
export function createCallLog() {
  const calls: Call[] = [];
  const waiters = new Set<() => void>();

  const record = (call: Call) => {
    calls.push({ ...call, at: Date.now() });
    for (const wake of waiters) wake();
  };

  /** Resolves with the first call at or after `since` that matches; rejects after a few seconds. */
  function waitFor(match: (c: Call) => boolean, since = 0, what = 'a matching call'): Promise<Call> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = calls.slice(since).find(match);
        if (!found) return;
        cleanup();
        resolve(found);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`fake Slack: no ${what} within ${WAIT_MS} ms`));
      }, WAIT_MS);
      const cleanup = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
    });
  }

  return { calls, record, waitFor };
}
