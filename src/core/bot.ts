import { adminInput, createAdmin } from './admin/handle.js';
import type { Holidays } from './business-days.js';
import {
  COMMAND_WORDS,
  type CommandWord,
  normalize,
  parseAction,
  parseText,
  type Vocabulary,
} from './commands.js';
import { describeError } from './describe-error.js';
import { isStarted, newProgress, type Outcome, transition } from './engine.js';
import type { Flow } from './flow.js';
import { createKeyedQueue } from './keyed-queue.js';
import { matchLanguage } from './languages.js';
import { createNotices } from './notices.js';
import type { Clock, Handle, Logger, Notifier, ProgressStore, Translator } from './ports.js';
import { createPresenter } from './present.js';
import { afterDelivery, afterFailure } from './reminder-retry.js';
import { type Due, daysOverdue, dueFor } from './reminders.js';
import { StoreWriteError } from './store-error.js';
import { knownTimeZone } from './time-zone.js';
import { type IncomingEvent, inLanguage, type Progress, type Reply, type UserKey } from './types.js';

export interface BotDeps {
  flow: Flow;
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
}

export interface Bot {
  /**
   * One event in, translated replies out, each carrying its language. The change is saved before this
   * resolves; it never throws. An event with `view: 'status'` only looks: it saves nothing.
   */
  handle: Handle;
  /** Sends every reminder and staff notice due now; returns how many went out. Never throws (the scheduler's). */
  remind(): Promise<number>;
}

/** Words for commands in every language we speak, plus the English words that work everywhere. */
export function buildVocabulary(translator: Translator): Vocabulary {
  const words = new Map<string, CommandWord>();
  const all: CommandWord[] = [...COMMAND_WORDS, 'yes', 'no'];
  for (const word of all) words.set(word, word);
  for (const language of translator.languages) {
    for (const word of all) {
      for (const alias of translator.t(language, `common:words.${word}`).split('|')) {
        const clean = normalize(alias);
        if (clean && !words.has(clean)) words.set(clean, word);
      }
    }
  }
  return words;
}

const silentNotifier: Notifier = { notify: async () => false, notifyStaff: async () => undefined };

export function createBot(deps: BotDeps): Bot {
  const { flow, store, translator, clock, logger } = deps;
  const notifier = deps.notifier ?? silentNotifier;
  const admins = deps.admins ?? [];
  const settings = {
    remindAfterDays: deps.remindAfterDays ?? 3,
    holidays: deps.holidays ?? new Set<string>(),
  };
  const vocabulary = buildVocabulary(translator);
  const present = createPresenter(flow, translator, settings.holidays);
  const notices = createNotices(flow, translator, settings.holidays);
  const queue = createKeyedQueue();

  /** Their own `lang` choice, else what their platform says now, else what it said last, else the default. */
  const languageOf = (progress: Progress | undefined, locale?: string): string =>
    matchLanguage(progress?.locale, translator.languages) ??
    matchLanguage(locale, translator.languages) ??
    matchLanguage(progress?.platformLocale, translator.languages) ??
    deps.defaultLanguage;

  const admin = createAdmin({
    flow,
    store,
    translator,
    notifier,
    notices,
    logger,
    present: (outcomes, p) => present(outcomes, p, languageOf(p)),
    languageOf: (p) => languageOf(p),
    update: (user, change, staff) => {
      const work = async () => {
        const fresh = await store.load(user);
        const next = fresh && (await change(fresh));
        if (!next) return undefined;
        const entry = await store.record(next.audit, next.progress);
        return { progress: next.progress, entry };
      };
      // The staff member's own record is already theirs to change: their queue is the one running.
      return user === staff ? work() : serialize(user, work);
    },
    view: (staff, everyone, now, language) => ({
      flow,
      people: everyone.filter(isStarted),
      now,
      staff,
      t: (key, vars) => translator.t(language, key, vars),
      stepTitle: (stepId) => translator.t(language, `${flow.id}:steps.${stepId}.title`),
      ...settings,
    }),
  });

  /** One person's events run one after another; different people run side by side. */
  function serialize<T>(user: UserKey, work: () => Promise<T>): Promise<T> {
    return queue.run(user, work);
  }

  /** A look (`view: 'status'`): the person's status in their language; nothing saved, no activity. */
  async function look(event: IncomingEvent): Promise<Reply[]> {
    const progress = (await store.load(event.user)) ?? newProgress(flow, event.user, clock.now());
    const language = languageOf(progress, event.locale);
    return inLanguage(present([{ show: 'status' }], progress, language), language);
  }

  async function process(event: IncomingEvent): Promise<Reply[]> {
    if (event.view === 'status') return look(event);
    if (event.deliveryId && (await store.seen(event.deliveryId))) return [];
    const now = clock.now();
    const loaded = (await store.load(event.user)) ?? newProgress(flow, event.user, now);
    const before = withPlatformFacts(loaded, event);
    const command =
      event.action !== undefined ? parseAction(event.action) : parseText(event.text ?? '', vocabulary);
    const language = languageOf(before, event.locale);
    const input = adminInput(event, command, before);

    if (input) {
      if (!admins.includes(event.user) && event.staff !== true) {
        logger.warn({ user: event.user }, 'admin command refused: not staff');
        return [{ kind: 'warning', text: translator.t(language, 'admin:refused'), language }];
      }
      if (event.deliveryId || before !== loaded) await store.save(before, event.deliveryId);
      return inLanguage(await admin(before, input, now, language), language);
    }

    const { progress, outcomes } = transition(flow, before, command, now, translator.languages);
    if (progress !== loaded || event.deliveryId) await store.save(progress, event.deliveryId);
    if (outcomes.some((o) => o.show === 'escalated' && !o.already)) {
      await notifier.notifyStaff(progress.user, [
        notices.staffNotice(progress, deps.defaultLanguage, 'escalation'),
      ]);
    }
    const answerLanguage = languageOf(progress, event.locale);
    return inLanguage(present(outcomes, progress, answerLanguage), answerLanguage);
  }

  /** What the platform told us about the person (time zone, language), kept for proactive messages. */
  function withPlatformFacts(p: Progress, event: IncomingEvent): Progress {
    const platformLocale = matchLanguage(event.locale, translator.languages);
    const zone = knownTimeZone(event.timeZone);
    const timeZone = zone && zone !== p.timeZone ? zone : undefined;
    const locale = platformLocale && platformLocale !== p.platformLocale ? platformLocale : undefined;
    if (!timeZone && !locale) return p;
    return { ...p, ...(timeZone ? { timeZone } : {}), ...(locale ? { platformLocale: locale } : {}) };
  }

  /**
   * Sends what is due for one person; each message is marked sent only once it was delivered, and saved
   * right after. A crash between a delivery and its save sends that message again on the next sweep: at
   * least once, at most one duplicate per crash. A failed delivery is not marked: it is retried with
   * back-off (reminder-retry.ts), the attempts kept on the record so a restart does not reset them.
   */
  async function remindOne(user: UserKey): Promise<number> {
    let p = await store.load(user);
    if (!p) return 0;
    const now = clock.now();
    let sent = 0;
    for (const d of dueFor(flow, p, now, settings)) {
      const delivered = await deliver(p, d, now);
      if (delivered) {
        p = afterDelivery(p, d.kind, d.stepId, now);
        sent += 1;
      } else if (d.kind !== 'staff-alert') {
        const failed = afterFailure(p, d.kind, d.stepId, now);
        p = failed.progress;
        const context = { user, kind: d.kind, attempts: p.undelivered?.attempts };
        logger.warn(context, 'reminder could not be delivered');
        if (failed.gaveUp)
          logger.warn(context, 'reminder given up for this step: the person cannot be reached');
      }
      await store.save(p);
    }
    return sent;
  }

  /** One reminder or staff alert out; false when the person could not be reached. */
  async function deliver(p: Progress, d: Due, now: Date): Promise<boolean> {
    if (d.kind === 'staff-alert') {
      const days = daysOverdue(flow, p, now, settings.holidays);
      await notifier.notifyStaff(p.user, [notices.staffNotice(p, deps.defaultLanguage, 'late', days)]);
      return true;
    }
    const language = languageOf(p);
    const reply =
      d.kind === 'review-check' ? notices.reviewCheck(p, language) : notices.idleNudge(p, language);
    return notifier.notify(p.user, [reply]);
  }

  return {
    handle(event) {
      return serialize(event.user, () =>
        process(event).catch((error: unknown): Reply[] => {
          logger.error({ err: describe(error), user: event.user }, 'event failed');
          const language = languageOf(undefined, event.locale);
          return [{ kind: 'warning', text: translator.t(language, failureKey(error)), language }];
        }),
      );
    },
    async remind() {
      let everyone: Progress[];
      try {
        everyone = await store.all();
      } catch (error) {
        logger.error({ err: describe(error) }, 'reminder run failed: the store could not be read');
        return 0;
      }
      const now = clock.now();
      let sent = 0;
      // One person at a time, each on their own: one person's failure never stops the others' reminders.
      for (const p of everyone) {
        try {
          if (dueFor(flow, p, now, settings).length > 0)
            sent += await serialize(p.user, () => remindOne(p.user));
        } catch (error) {
          logger.error({ err: describe(error), user: p.user }, 'reminders for one person failed');
        }
      }
      return sent;
    },
  };
}

/** A save the store refused changed nothing: the person is told so, not that all is well. */
const failureKey = (error: unknown) =>
  error instanceof StoreWriteError ? 'common:errors.not-saved' : 'common:errors.internal';

/** An error's name, code, message and stack, for logs: never the event's text. */
const describe = describeError;
