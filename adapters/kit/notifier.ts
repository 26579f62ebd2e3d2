import {
  adapterLanguage,
  type Logger,
  type Notifier,
  type Reply,
  type UserKey,
} from '../../src/core/index.js';

/** What a platform plugs into the shared notifier: how to find a person, open their DM and post there. */
export interface NotifierPlatform {
  /** The platform's own id in a user key of this platform; undefined for anyone else's key. */
  userId(user: UserKey): string | undefined;
  /** The DM channel with this person, opened if need be; undefined when there is none. May throw. */
  openDm(userId: string): Promise<string | undefined>;
  /** Lays ready replies out and posts them; false when the platform did not take them. May throw. */
  post(channel: string, replies: Reply[], language: string): Promise<boolean>;
  /** Where staff notices go; unset, they are dropped with a warning. */
  staffChannel: string | undefined;
  /** For layout words when a batch carries no reply (it always does in practice). */
  defaultLanguage: string;
  logger: Logger;
  log: NotifierLog;
}

/** What the shared notifier logs, in the platform's own words (operators search their logs for them). */
export interface NotifierLog {
  /** Warned when asked to reach someone on another platform; silent when absent. */
  notMine?: string;
  /** A message to a person failed (DMs closed, an API error): the platform logs it as it sees fit. */
  failed(user: UserKey, error: unknown): void;
  /** Warned when a staff notice arrives and no staff channel is set (names the setting). */
  staffUnset: string;
  /** Warned when the platform did not take a staff notice. */
  staffNotPosted: string;
  /** Logged as an error, with `describe(error)`, when posting a staff notice threw. */
  staffFailed: string;
  describe(error: unknown): object;
}

/**
 * Proactive messages, the same on every platform: ready replies (each with its language) go to the
 * person's DM, staff notices to the staff channel. Only delivers: never asks the bot anything. Never throws.
 */
export function createNotifier(platform: NotifierPlatform): Notifier {
  const { logger, log } = platform;
  const languageOf = (replies: Reply[]) => adapterLanguage(replies, undefined, [], platform.defaultLanguage);

  return {
    async notify(user, replies) {
      const id = platform.userId(user);
      if (!id) {
        if (log.notMine) logger.warn({ user }, log.notMine);
        return false;
      }
      try {
        const dm = await platform.openDm(id);
        return dm !== undefined && (await platform.post(dm, replies, languageOf(replies)));
      } catch (error) {
        log.failed(user, error);
        return false;
      }
    },

    async notifyStaff(about, replies) {
      const channel = platform.staffChannel;
      if (!channel) {
        logger.warn({ about }, log.staffUnset);
        return;
      }
      try {
        if (!(await platform.post(channel, replies, languageOf(replies))))
          logger.warn({ about, channel }, log.staffNotPosted);
      } catch (error) {
        logger.error({ about, channel, ...log.describe(error) }, log.staffFailed);
      }
    },
  };
}
