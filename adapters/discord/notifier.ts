import { type APIChannel, type REST, Routes } from 'discord.js';
import type { Bot, Logger, Notifier, Reply, Translator, UserKey } from '../../src/core/index.js';
import { describeError, isDmClosed } from './errors.js';
import { labelsIn, type OutgoingMessage, renderReplies } from './render.js';
import { discordUserId } from './user-key.js';

export interface NotifierDeps {
  /** The logged-in client's REST (same token, same rate limits). */
  rest: REST;
  bot: Bot;
  translator: Translator;
  logger: Logger;
  /** Staff notices are written in this language by the core; the adapter's headings follow it. */
  defaultLanguage: string;
  /** Where staff notices go (DISCORD_STAFF_CHANNEL_ID); without it they are dropped with a warning. */
  staffChannelId?: string | undefined;
}

/** A rendered message as a REST body (API field names); files go as multipart with `payload_json`. */
function restMessage(message: OutgoingMessage) {
  const files = message.files ?? [];
  return {
    body: {
      ...(message.content ? { content: message.content } : {}),
      embeds: message.embeds,
      components: message.components,
      allowed_mentions: { parse: [] },
      ...(files.length ? { attachments: files.map((f, id) => ({ id: String(id), filename: f.name })) } : {}),
    },
    ...(files.length
      ? {
          files: files.map((f) => ({
            name: f.name,
            data: Buffer.from(f.content, 'utf8'),
            contentType: f.mimeType,
          })),
        }
      : {}),
  };
}

/**
 * Proactive messages on Discord, laid out by the same render code as answers: to a person in their DMs
 * (opened with POST /users/@me/channels), and to the staff channel. Never throws.
 */
export function createDiscordNotifier(deps: NotifierDeps): Notifier {
  const { rest, bot, translator, logger } = deps;

  async function post(channelId: string, replies: Reply[], language: string): Promise<void> {
    const messages = renderReplies(replies, { labels: labelsIn(translator, language) });
    for (const message of messages) await rest.post(Routes.channelMessages(channelId), restMessage(message));
  }

  return {
    async notify(user: UserKey, replies: Reply[]): Promise<boolean> {
      const id = discordUserId(user);
      if (!id) {
        logger.warn({ user }, 'discord notifier asked to reach someone who is not on Discord');
        return false;
      }
      try {
        const language = await bot.languageFor(user).catch(() => deps.defaultLanguage);
        const channel = (await rest.post(Routes.userChannels(), {
          body: { recipient_id: id },
        })) as APIChannel;
        await post(channel.id, replies, language);
        return true;
      } catch (error) {
        if (isDmClosed(error)) logger.info({ user }, 'discord DMs closed, proactive message not delivered');
        else logger.warn({ user, err: describeError(error) }, 'discord proactive message failed');
        return false;
      }
    },

    async notifyStaff(about: UserKey, replies: Reply[]): Promise<void> {
      if (!deps.staffChannelId) {
        logger.warn({ about }, 'discord staff notice dropped: DISCORD_STAFF_CHANNEL_ID is not set');
        return;
      }
      try {
        await post(deps.staffChannelId, replies, deps.defaultLanguage);
      } catch (error) {
        logger.error(
          { about, channel: deps.staffChannelId, err: describeError(error) },
          'discord staff notice failed',
        );
      }
    },
  };
}
