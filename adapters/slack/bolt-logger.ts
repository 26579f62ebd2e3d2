import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../../src/core/index.js';

/** Only the words of a Bolt log line: errors by name and message, never request bodies or objects. */
const words = (parts: unknown[]): string =>
  parts
    .map((p) => (typeof p === 'string' ? p : p instanceof Error ? `${p.name}: ${p.message}` : ''))
    .filter(Boolean)
    .join(' ')
    .slice(0, 500);

/**
 * Bolt's and the Slack SDKs' logs into ours. Debug is dropped: at that level the SDKs print whole
 * payloads (what people type) and Socket Mode frames.
 */
export function boltLogger(logger: Logger): BoltLogger {
  return {
    debug: () => {},
    info: (...parts) => logger.info({ source: 'slack-sdk' }, words(parts)),
    warn: (...parts) => logger.warn({ source: 'slack-sdk' }, words(parts)),
    error: (...parts) => logger.error({ source: 'slack-sdk' }, words(parts)),
    setLevel: () => {},
    getLevel: () => LogLevel.INFO,
    setName: () => {},
  };
}
