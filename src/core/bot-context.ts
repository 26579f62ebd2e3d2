import type { Holidays } from './business-days.js';
import type { Vocabulary } from './commands.js';
import type { Flow } from './flow.js';
import { createFlowCatalogue, type FlowCatalogue } from './flow-catalogue.js';
import { createKeyedQueue } from './keyed-queue.js';
import { matchLanguage } from './languages.js';
import { createNotices, type Notices } from './notices.js';
import type { Clock, DashboardLinks, Logger, Notifier, ProgressStore, Translator } from './ports.js';
import { createPresenter } from './present.js';
import { stampingReminderTimes } from './reminder-stamp.js';
import type { ReminderSettings } from './reminders.js';
import type { Progress, UserKey } from './types.js';
import { buildVocabulary } from './vocabulary.js';

export interface BotDeps {
  /** Every flow the bot runs (one file each); people are in one at a time, and keep their place in each. */
  flows: readonly Flow[];
  /** The flow a new person starts (DEFAULT_FLOW); the first of `flows` when unset. */
  defaultFlow?: string;
  store: ProgressStore;
  translator: Translator;
  clock: Clock;
  logger: Logger;
  /** Used when neither the person nor their platform names a language we have. */
  defaultLanguage: string;
  /** Proactive messages; without one, reminders and staff notices go nowhere. */
  notifier?: Notifier;
  /** People who may use `admin` commands on every platform (ADMIN_IDS). */
  admins?: readonly UserKey[];
  /** Business days idle before a nudge (REMIND_AFTER_DAYS, default 3). */
  remindAfterDays?: number;
  holidays?: Holidays;
  /**
   * Lets the host's other work run (the host's event loop: `setImmediate`); the reminder sweep calls it
   * between people so a long sweep never holds events up. Unset, the sweep yields only when the store does.
   */
  yieldNow?: () => Promise<void>;
  /** Sign-in links for `admin dashboard`; unset, the command says the dashboard is off. */
  dashboard?: DashboardLinks;
}

/** What the bot's parts share: its deps with their defaults filled in, and the helpers built from them. */
export interface BotContext
  extends Pick<BotDeps, 'store' | 'translator' | 'clock' | 'logger' | 'defaultLanguage' | 'dashboard'> {
  flows: FlowCatalogue;
  notifier: Notifier;
  admins: readonly UserKey[];
  settings: ReminderSettings;
  vocabulary: Vocabulary;
  present: ReturnType<typeof createPresenter>;
  notices: Notices;
  /** Their own `lang` choice, else what their platform says now, else what it said last, else the default. */
  languageOf(progress: Progress | undefined, locale?: string): string;
  /**
   * One person's events run one after another in this process (so their replies and side effects come
   * out in arrival order); different people run side by side. Lost changes and repeated deliveries are
   * prevented by the store's `update`, not by this queue.
   */
  serialize<T>(user: UserKey, work: () => Promise<T>): Promise<T>;
}

const silentNotifier: Notifier = { notify: async () => false, notifyStaff: async () => undefined };

export function createBotContext(deps: BotDeps): BotContext {
  const { translator } = deps;
  const flows = createFlowCatalogue(deps.flows, deps.defaultFlow);
  const settings = {
    remindAfterDays: deps.remindAfterDays ?? 3,
    holidays: deps.holidays ?? new Set<string>(),
  };
  const queue = createKeyedQueue();
  return {
    flows,
    store: stampingReminderTimes(deps.store, flows, settings),
    translator,
    clock: deps.clock,
    logger: deps.logger,
    defaultLanguage: deps.defaultLanguage,
    ...(deps.dashboard ? { dashboard: deps.dashboard } : {}),
    notifier: deps.notifier ?? silentNotifier,
    admins: deps.admins ?? [],
    settings,
    vocabulary: buildVocabulary(translator),
    present: createPresenter(flows, translator, settings.holidays),
    notices: createNotices(flows, translator, settings.holidays),
    languageOf: (progress, locale) =>
      matchLanguage(progress?.locale, translator.languages) ??
      matchLanguage(locale, translator.languages) ??
      matchLanguage(progress?.platformLocale, translator.languages) ??
      deps.defaultLanguage,
    serialize: (user, work) => queue.run(user, work),
  };
}
