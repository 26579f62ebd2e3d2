import {
  type Bot,
  createBot,
  type DashboardLinks,
  type Flow,
  type Logger,
  type Notifier,
  type ProgressStore,
  type Reply,
  type Translator,
  type UserKey,
} from '../../src/core/index.js';
import { loadFlows } from '../../src/flows/load.js';
import { loadTranslator } from '../../src/i18n/translator.js';
import { createMemoryStore } from '../../src/store/memory.js';

export interface TestBot {
  bot: Bot;
  store: ProgressStore;
  translator: Translator;
  /** The reseller flow, where new people start. */
  flow: Flow;
  /** Every shipped flow (the reseller flow first). */
  flows: Flow[];
  /** Move the bot's clock: `clock.set(new Date(...))`. */
  clock: { now(): Date; set(at: Date): void };
  /** Every log line the bot wrote, to assert that nothing secret or typed was logged. */
  logs: { level: string; context: object; message: string }[];
  /** What the bot sent on its own: to people (`to`) and to staff channels (`staff`, about whom). */
  sent: { to?: UserKey; staff?: UserKey; replies: Reply[] }[];
}

export interface TestBotOptions {
  store?: ProgressStore;
  at?: Date;
  admins?: UserKey[];
  remindAfterDays?: number;
  holidays?: string[];
  /** People the recording notifier cannot reach (DMs closed). */
  unreachable?: UserKey[];
  /** A notifier of the test's own instead of the recording one (`sent` then stays empty). */
  notifier?: Notifier;
  /** How the reminder sweep lets other work in; `yieldToLoop` is what main.ts gives it. */
  yieldNow?: () => Promise<void>;
  /** Sign-in links for `admin dashboard` (a dashboard's `createSignIn`). */
  dashboard?: DashboardLinks;
}

/** A turn of the event loop, as src/main.ts gives the bot for its reminder sweep. */
export const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** The real bot (real flow, real locales) on a memory store and a fixed clock: Friday 27 Nov 2026, 10:00 UTC. */
export async function makeTestBot(options: TestBotOptions = {}): Promise<TestBot> {
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
  const [loaded, translator] = await Promise.all([loadFlows(), loadTranslator()]);
  const flow = loaded.find((f) => f.id === 'reseller') as Flow;
  const flows = [flow, ...loaded.filter((f) => f !== flow)];
  const store = options.store ?? createMemoryStore(() => now.getTime());
  const sent: TestBot['sent'] = [];
  const recording: Notifier = {
    async notify(to, replies) {
      if (options.unreachable?.includes(to)) return false;
      sent.push({ to, replies });
      return true;
    },
    async notifyStaff(staff, replies) {
      sent.push({ staff, replies });
    },
  };
  const bot = createBot({
    flows,
    store,
    translator,
    clock,
    logger,
    defaultLanguage: 'en',
    notifier: options.notifier ?? recording,
    admins: options.admins ?? [],
    remindAfterDays: options.remindAfterDays ?? 3,
    holidays: new Set(options.holidays ?? []),
    ...(options.yieldNow ? { yieldNow: options.yieldNow } : {}),
    ...(options.dashboard ? { dashboard: options.dashboard } : {}),
  });
  return { bot, store, translator, flow, flows, clock, logs, sent };
}
