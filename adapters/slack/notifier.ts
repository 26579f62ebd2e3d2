import type { Logger, Notifier, UserKey } from '../../src/core/index.js';
import { describeError, parseUserKey } from '../kit/index.js';
import { createNotifier } from '../kit/notifier.js';
import { createChannelPace, type Rate } from '../kit/pace.js';
import type { Delivery } from './deliver.js';

export interface NotifierDeps {
  deliver: Delivery;
  dmOf: (userId: string) => Promise<string | undefined>;
  logger: Logger;
  /** SLACK_STAFF_CHANNEL: where staff notices go (the bot must be a member). */
  staffChannel: string | undefined;
  /** For layout words when a batch carries no reply of the core's. */
  defaultLanguage: string;
}

/**
 * chat.postMessage "generally allows posting one message per second per channel" (Slack's Web API
 * rate limits, docs.slack.dev/apis/web-api/rate-limits, and the method's page): proactive posts to one
 * channel (a DM, the staff channel) start at least a second apart.
 */
const PER_CHANNEL: Rate = { count: 1, perMs: 1_000 };
/**
 * Slack also keeps a workspace-wide limit on chat.postMessage whose figure it does not publish: a
 * modest ten proactive posts a second for the whole workspace, well clear of it; answers are not paced.
 */
const PER_WORKSPACE: Rate = { count: 10, perMs: 1_000 };

/** The Slack user id in a `slack:<team>:<user>` key; undefined for other platforms. */
const slackUserId = (user: UserKey): string | undefined => {
  const parts = parseUserKey(user);
  return parts?.platform === 'slack' ? parts.id : undefined;
};

/** Name, code, message and stack: a Web API failure's message is Slack's error code, never a person's words. */
const describe = (error: unknown) => ({ err: describeError(error) });

/**
 * Proactive messages on Slack, through the same delivery code as answers: reminders and admin news to
 * the person's DM, staff notices to SLACK_STAFF_CHANNEL, paced to Slack's posting limits (`PER_CHANNEL`,
 * `PER_WORKSPACE`) so a sweep does not provoke 429s. Failures are logged (the Web API failure with its
 * Slack error code, by `web`) and never thrown.
 */
export function createSlackNotifier(deps: NotifierDeps): Notifier {
  const { logger } = deps;
  const paced = createChannelPace(PER_WORKSPACE, PER_CHANNEL);
  return createNotifier({
    userId: slackUserId,
    openDm: deps.dmOf,
    // One chat.postMessage per reply, each taking its turn (a reminder is one reply).
    async post(channel, replies, language) {
      let all = true;
      for (const reply of replies)
        all = (await paced(channel, () => deps.deliver.post(channel, [reply], language))) && all;
      return all;
    },
    staffChannel: deps.staffChannel,
    defaultLanguage: deps.defaultLanguage,
    logger,
    log: {
      failed: (user, error) => logger.error({ user, ...describe(error) }, 'slack notify failed'),
      staffUnset: 'SLACK_STAFF_CHANNEL is not set: a staff notice was not posted',
      staffNotPosted: 'a staff notice was not posted',
      staffFailed: 'slack staff notice failed',
      describe,
    },
  });
}
