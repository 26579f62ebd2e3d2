import { type APIChannel, type REST, Routes } from 'discord.js';
import type { Logger, Notifier, Translator } from '../../src/core/index.js';
import { createNotifier } from '../kit/notifier.js';
import { describeError, isDmClosed } from './errors.js';
import { labelsIn, type OutgoingMessage, packFiles, renderReplies } from './render.js';
import { discordUserId } from './user-key.js';

export interface NotifierDeps {
  /** The logged-in client's REST (same token, same rate limits). */
  rest: REST;
  translator: Translator;
  logger: Logger;
  /** For layout words when a batch carries no reply of the core's (replies carry their language). */
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
            data: f.data,
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
  const { rest, translator, logger } = deps;
  return createNotifier({
    userId: discordUserId,
    async openDm(id) {
      const channel = (await rest.post(Routes.userChannels(), { body: { recipient_id: id } })) as APIChannel;
      return channel.id;
    },
    async post(channelId, replies, language) {
      const messages = renderReplies(await packFiles(replies), { labels: labelsIn(translator, language) });
      for (const message of messages)
        await rest.post(Routes.channelMessages(channelId), restMessage(message));
      return true;
    },
    staffChannel: deps.staffChannelId,
    defaultLanguage: deps.defaultLanguage,
    logger,
    log: {
      notMine: 'discord notifier asked to reach someone who is not on Discord',
      failed(user, error) {
        if (isDmClosed(error)) logger.info({ user }, 'discord DMs closed, proactive message not delivered');
        else logger.warn({ user, err: describeError(error) }, 'discord proactive message failed');
      },
      staffUnset: 'discord staff notice dropped: DISCORD_STAFF_CHANNEL_ID is not set',
      staffNotPosted: 'discord staff notice not posted',
      staffFailed: 'discord staff notice failed',
      describe: (error) => ({ err: describeError(error) }),
    },
  });
}
