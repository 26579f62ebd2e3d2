import type { Bot, Logger, Notifier, Reply, UserKey } from '../../src/core/index.js';
import type { Delivery } from './deliver.js';
import type { ProfileLookup } from './lookups.js';

export interface NotifierDeps {
  bot: Bot;
  deliver: Delivery;
  dmOf: (userId: string) => Promise<string | undefined>;
  profileOf: ProfileLookup;
  logger: Logger;
  /** SLACK_STAFF_CHANNEL: where staff notices go (the bot must be a member). */
  staffChannel: string | undefined;
  /** The language of staff notices' layout words (the core already translated their text). */
  defaultLanguage: string;
}

/** The Slack user id in a `slack:<team>:<user>` key; undefined for other platforms. */
const slackUserId = (user: UserKey): string | undefined => {
  const [platform, , id] = user.split(':');
  return platform === 'slack' ? id : undefined;
};

const describe = (error: unknown) => {
  const e = error as { name?: unknown; code?: unknown };
  return { name: e?.name, code: e?.code };
};

/**
 * Proactive messages on Slack, through the same delivery code as answers: reminders and admin news to
 * the person's DM, staff notices to SLACK_STAFF_CHANNEL. Failures are logged (the Web API failure with
 * its Slack error code, by `web`) and never thrown.
 */
export function createSlackNotifier(deps: NotifierDeps): Notifier {
  const { bot, deliver, dmOf, profileOf, logger, staffChannel } = deps;

  async function notify(user: UserKey, replies: Reply[]): Promise<boolean> {
    const userId = slackUserId(user);
    if (!userId) return false;
    try {
      const dm = await dmOf(userId);
      if (!dm) return false;
      const language = await bot.languageFor(user, (await profileOf(userId)).locale);
      return await deliver.post(dm, replies, language);
    } catch (error) {
      logger.error({ user, ...describe(error) }, 'slack notify failed');
      return false;
    }
  }

  async function notifyStaff(about: UserKey, replies: Reply[]): Promise<void> {
    if (!staffChannel) {
      logger.warn({ about }, 'SLACK_STAFF_CHANNEL is not set: a staff notice was not posted');
      return;
    }
    try {
      const posted = await deliver.post(staffChannel, replies, deps.defaultLanguage);
      if (!posted) logger.warn({ about, channel: staffChannel }, 'a staff notice was not posted');
    } catch (error) {
      logger.error({ about, ...describe(error) }, 'slack staff notice failed');
    }
  }

  return { notify, notifyStaff };
}
