import {
  type Bot,
  createBot,
  type Flow,
  type Logger,
  type ProgressStore,
  type Translator,
} from '../../src/core/index.js';
import { loadFlow } from '../../src/flows/load.js';
import { loadTranslator } from '../../src/i18n/translator.js';
import { createMemoryStore } from '../../src/store/memory.js';

export interface TestBot {
  bot: Bot;
  store: ProgressStore;
  translator: Translator;
  flow: Flow;
  /** Move the bot's clock: `clock.set(new Date(...))`. */
  clock: { now(): Date; set(at: Date): void };
  /** Every log line the bot wrote, to assert that nothing secret or typed was logged. */
  logs: { level: string; context: object; message: string }[];
}

/** The real bot (real flow, real locales) on a memory store and a fixed clock: Friday 27 Nov 2026, 10:00 UTC. */
export async function makeTestBot(options: { store?: ProgressStore; at?: Date } = {}): Promise<TestBot> {
  let now = options.at ?? new Date('2026-11-27T10:00:00Z');
  const clock = {
    now: () => now,
    set: (at: Date) => {
      now = at;
    },
  };
  const logs: TestBot['logs'] = [];
  const logger: Logger = {
    info: (context, message) => logs.push({ level: 'info', context, message }),
    warn: (context, message) => logs.push({ level: 'warn', context, message }),
    error: (context, message) => logs.push({ level: 'error', context, message }),
  };
  const [flow, translator] = await Promise.all([loadFlow(), loadTranslator()]);
  const store = options.store ?? createMemoryStore(() => now.getTime());
  const bot = createBot({ flow, store, translator, clock, logger, defaultLanguage: 'en' });
  return { bot, store, translator, flow, clock, logs };
}
