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
 * Busy answers are bounded too, or under a flood they would become the load: at most this many on their
 * way at once, across everyone, and one per person in TELL_AGAIN_AFTER_MS however often they try. A
 * refusal past either is only counted in the log, never queued.
 */
const MAX_BUSY_ANSWERS = 16;
const TELL_AGAIN_AFTER_MS = 10_000;

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
  let inFlight = 0;
  /** When each person was last told, oldest first (only the last TELL_AGAIN_AFTER_MS are kept). */
  const told = new Map<string, number>();
  let lastWarning = Number.NEGATIVE_INFINITY;
  let refused = 0;
  let unanswered = 0;

  /** True (and noted) when the person may be told now. */
  function mayTell(user: string, now: number): boolean {
    for (const [key, at] of told) {
      if (now - at < TELL_AGAIN_AFTER_MS) break;
      told.delete(key);
    }
    if (told.has(user) || inFlight >= MAX_BUSY_ANSWERS) return false;
    told.set(user, now);
    return true;
  }

  function count(kind: string, answered: boolean, now: number) {
    refused += 1;
    if (!answered) unanswered += 1;
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
    const now = Date.now();
    const answers = target !== undefined && mayTell(who.user, now);
    count(kind, answers, now);
    if (!answers) return;
    inFlight += 1;
    void answer(who, target)
      .catch((error: unknown) => {
        logger.error({ user: who.user, err: describeError(error) }, 'slack busy answer failed');
      })
      .finally(() => {
        inFlight -= 1;
      });
  };
}

export type BusyAnswers = ReturnType<typeof createBusyAnswers>;
