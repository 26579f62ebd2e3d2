import type { RespondFn } from '@slack/bolt';
import { adapterLanguage, type Logger, type Translator } from '../../src/core/index.js';
import { describeError } from '../kit/index.js';
import type { Delivery } from './deliver.js';
import type { ProfileLookup } from './lookups.js';
import type { Who } from './parse.js';
import type { Queue } from './queue.js';

/**
 * Where a refused request is answered: its response_url (only the person sees it), the DM it was typed
 * in, or (a click on the Home tab, which has no response_url) the app's DM with them.
 */
export type BusyTarget = { respond: RespondFn } | { channel: string } | 'dm';

/**
 * Busy answers on their way at once, across everyone. They are bounded too: past this (or while the
 * same person already has one on its way) a refusal is only counted in the log, never queued.
 */
const MAX_BUSY_ANSWERS = 50;

/** While the queue stays full, one warning this often, with how many were refused since the last one. */
const WARN_EVERY_MS = 10_000;

export interface BusyDeps {
  queue: Queue;
  deliver: Delivery;
  profileOf: ProfileLookup;
  dmOf: (userId: string) => Promise<string | undefined>;
  translator: Translator;
  defaultLanguage: string;
  logger: Logger;
}

/**
 * Tells a person whose request the full queue refused that the bot is busy and to try again in a moment,
 * in their Slack language (the bot is not asked: that is the work that could not be queued).
 */
export function createBusyAnswers(deps: BusyDeps) {
  const { logger, queue } = deps;
  const answering = new Set<string>();
  let lastWarning = Number.NEGATIVE_INFINITY;
  let refused = 0;
  let unanswered = 0;

  function count(kind: string, answered: boolean) {
    refused += 1;
    if (!answered) unanswered += 1;
    const now = Date.now();
    if (now - lastWarning < WARN_EVERY_MS) return;
    lastWarning = now;
    logger.warn(
      { kind, queued: queue.size(), limit: queue.limit, refused, unanswered },
      'slack queue full: answered that the bot is busy',
    );
    refused = 0;
    unanswered = 0;
  }

  async function answer(who: Who, target: BusyTarget) {
    const { locale } = await deps.profileOf(who.userId);
    const language = adapterLanguage([], locale, deps.translator.languages, deps.defaultLanguage);
    const text = deps.translator.t(language, 'slack:busy');
    if (target !== 'dm' && 'respond' in target) {
      await deps.deliver.notice(target.respond, text, language);
      return;
    }
    const channel = target === 'dm' ? await deps.dmOf(who.userId) : target.channel;
    if (channel) await deps.deliver.post(channel, [{ kind: 'info', text, language }], language);
  }

  /** Called when `queue.accept` refused; `target` is undefined when there is nobody to answer. */
  return (kind: string, who: Who, target: BusyTarget | undefined) => {
    const answers = target !== undefined && !answering.has(who.user) && answering.size < MAX_BUSY_ANSWERS;
    count(kind, answers);
    if (!answers) return;
    answering.add(who.user);
    void answer(who, target)
      .catch((error: unknown) => {
        logger.error({ user: who.user, err: describeError(error) }, 'slack busy answer failed');
      })
      .finally(() => answering.delete(who.user));
  };
}

export type BusyAnswers = ReturnType<typeof createBusyAnswers>;
