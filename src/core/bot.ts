import {
  COMMAND_WORDS,
  type CommandWord,
  normalize,
  parseAction,
  parseText,
  type Vocabulary,
} from './commands.js';
import { newProgress, type Outcome, transition } from './engine.js';
import type { Flow } from './flow.js';
import { matchLanguage } from './languages.js';
import type { Clock, Logger, ProgressStore, Translator } from './ports.js';
import { createPresenter } from './present.js';
import type { IncomingEvent, Progress, Reply, UserKey } from './types.js';

export interface BotDeps {
  flow: Flow;
  store: ProgressStore;
  translator: Translator;
  clock: Clock;
  logger: Logger;
  /** Used when neither the person nor their platform names a language we have. */
  defaultLanguage: string;
}

export interface Bot {
  /** One event in, translated replies out. The change is saved before this resolves; it never throws. */
  handle(event: IncomingEvent): Promise<Reply[]>;
  /** The person's status (for a Home tab or a dashboard), without changing anything. */
  status(user: UserKey, locale?: string): Promise<Reply>;
  /** The language a person is spoken to in: their `lang` choice, else the platform's locale, else the default. */
  languageFor(user: UserKey, locale?: string): Promise<string>;
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

export function createBot(deps: BotDeps): Bot {
  const { flow, store, translator, clock, logger } = deps;
  const vocabulary = buildVocabulary(translator);
  const present = createPresenter(flow, translator);
  const queues = new Map<UserKey, Promise<unknown>>();

  const languageOf = (progress: Progress | undefined, locale?: string): string =>
    matchLanguage(progress?.locale, translator.languages) ??
    matchLanguage(locale, translator.languages) ??
    deps.defaultLanguage;

  /** One person's events run one after another; different people run side by side. */
  function serialize<T>(user: UserKey, work: () => Promise<T>): Promise<T> {
    const previous = queues.get(user) ?? Promise.resolve();
    const run = previous.then(work, work);
    const tail = run.catch(() => undefined);
    queues.set(user, tail);
    void tail.then(() => {
      if (queues.get(user) === tail) queues.delete(user);
    });
    return run;
  }

  async function process(event: IncomingEvent): Promise<Reply[]> {
    if (event.deliveryId && (await store.seen(event.deliveryId))) return [];
    const now = clock.now();
    const before = (await store.load(event.user)) ?? newProgress(flow, event.user, now);
    const command =
      event.action !== undefined ? parseAction(event.action) : parseText(event.text ?? '', vocabulary);
    const { progress, outcomes } = transition(flow, before, command, now, translator.languages);
    if (progress !== before || event.deliveryId) await store.save(progress, event.deliveryId);
    return present(outcomes, progress, languageOf(progress, event.locale));
  }

  return {
    async languageFor(user, locale) {
      return languageOf(await store.load(user), locale);
    },
    handle(event) {
      return serialize(event.user, () =>
        process(event).catch((error: unknown) => {
          logger.error({ err: describe(error), user: event.user }, 'event failed');
          return [
            {
              kind: 'warning',
              text: translator.t(languageOf(undefined, event.locale), 'common:errors.internal'),
            },
          ];
        }),
      );
    },
    async status(user, locale) {
      const progress = (await store.load(user)) ?? newProgress(flow, user, clock.now());
      const outcome: Outcome = { show: 'status' };
      return present([outcome], progress, languageOf(progress, locale))[0] as Reply;
    },
  };
}

/** An error's name, code and message, for logs: never the event's text. */
function describe(error: unknown): object {
  if (error instanceof Error) {
    return { name: error.name, message: error.message, code: (error as { code?: unknown }).code };
  }
  return { message: String(error) };
}
