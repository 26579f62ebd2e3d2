import { createBot, type Notifier } from '../../../src/core/index.js';
import { makeTestBot, type TestBot } from '../../helpers/bot.js';
import type { HarnessOptions } from './harness.js';

/**
 * The real bot (memory store, fake clock) with its proactive messages sent through the Discord adapter's
 * own notifier, as main wires it; `test.sent` still records what the core handed over.
 */
export async function botWithDiscordNotifier(options: HarnessOptions) {
  const made = await makeTestBot({
    ...(options.store ? { store: options.store } : {}),
    ...(options.at ? { at: options.at } : {}),
  });
  let discord: Notifier | undefined;
  const notifier: Notifier = {
    async notify(to, replies) {
      made.sent.push({ to, replies });
      return discord ? discord.notify(to, replies) : false;
    },
    async notifyStaff(staff, replies) {
      made.sent.push({ staff, replies });
      await discord?.notifyStaff(staff, replies);
    },
  };
  const record = (level: string) => (context: object, message: string) =>
    made.logs.push({ level, context, message });
  const bot = createBot({
    flows: made.flows,
    store: made.store,
    translator: made.translator,
    clock: made.clock,
    logger: { info: record('info'), warn: record('warn'), error: record('error') },
    defaultLanguage: 'en',
    notifier,
    admins: options.admins ?? [],
    remindAfterDays: 3,
    ...(options.dashboard ? { dashboard: options.dashboard } : {}),
  });
  const test: TestBot = { ...made, bot };
  return {
    test,
    connect: (n: Notifier) => {
      discord = n;
    },
  };
}
