import type { Logger, Notifier, UserKey } from '../../src/core/index.js';
import { describeError, parseUserKey } from '../kit/index.js';
import { createNotifier } from '../kit/notifier.js';
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

/** The Slack user id in a `slack:<team>:<user>` key; undefined for other platforms. */
const slackUserId = (user: UserKey): string | undefined => {
  const parts = parseUserKey(user);
  return parts?.platform === 'slack' ? parts.id : undefined;
};

/** Name, code, message and stack: a Web API failure's message is Slack's error code, never a person's words. */
const describe = (error: unknown) => ({ err: describeError(error) });

/**
 * Proactive messages on Slack, through the same delivery code as answers: reminders and admin news to
 * the person's DM, staff notices to SLACK_STAFF_CHANNEL. Failures are logged (the Web API failure with
 * its Slack error code, by `web`) and never thrown.
 */
export function createSlackNotifier(deps: NotifierDeps): Notifier {
  const { logger } = deps;
  return createNotifier({
    userId: slackUserId,
    openDm: deps.dmOf,
    post: (channel, replies, language) => deps.deliver.post(channel, replies, language),
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
