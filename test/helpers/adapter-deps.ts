import type { AdapterDeps, ConnectionReporter, Logger } from '../../src/core/index.js';
import type { TestBot } from './bot.js';

const unwatched: ConnectionReporter = { up: () => undefined, down: () => undefined };

/**
 * What main hands an adapter, for the test bot: its `handle` (and nothing else of the bot), its flow and
 * words, English as the default, and a stop signal nobody pulls unless a test passes its own.
 */
export function adapterDeps(
  tb: Pick<TestBot, 'bot' | 'flow' | 'translator'>,
  logger: Logger,
  extra: Partial<AdapterDeps> = {},
): AdapterDeps {
  return {
    handle: tb.bot.handle,
    flows: [tb.flow],
    translator: tb.translator,
    defaultLanguage: 'en',
    logger,
    connection: unwatched,
    signal: new AbortController().signal,
    ...extra,
  };
}
