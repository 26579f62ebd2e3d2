import { type APIChannel, type REST, Routes } from 'discord.js';
import type { Logger, Notifier, Translator } from '../../src/core/index.js';
import { createNotifier } from '../kit/notifier.js';
import { createPace, type Rate } from '../kit/pace.js';
import { describeError, isDmClosed } from './errors.js';
import { stableNonce } from './nonce.js';
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

/**
 * Discord's global REST limit is 50 requests a second per bot (discord.com/developers/docs/topics/
 * rate-limits, "Global Rate Limit"); discord.js already queues every request under it and per route.
 * Proactive messages take at most ten a second and DM opens five (`DM_OPENS`): under a third of the
 * limit together, so answers never queue behind a sweep.
 */
const PROACTIVE_POSTS: Rate = { count: 10, perMs: 1_000 };
/**
 * Opening many new DMs quickly is answered with error 40003 ("opening direct messages too fast") and can
 * get a bot quarantined (no new DMs, no new servers); Discord publishes no figure. Each reminder opens
 * the person's DM (POST /users/@me/channels) before its message: at most five opens a second.
 */
const DM_OPENS: Rate = { count: 5, perMs: 1_000 };

/**
 * A rendered message as a REST body (API field names), carrying a nonce Discord enforces (`stableNonce`):
 * the same message to the same channel sent again is not posted twice. Files go as multipart with
 * `payload_json`.
 */
function restMessage(channelId: string, index: number, message: OutgoingMessage) {
  const files = message.files ?? [];
  const body = {
    ...(message.content ? { content: message.content } : {}),
    embeds: message.embeds,
    components: message.components,
    allowed_mentions: { parse: [] },
    ...(files.length ? { attachments: files.map((f, id) => ({ id: String(id), filename: f.name })) } : {}),
  };
  return {
    body: { ...body, nonce: stableNonce({ channelId, index, body, files }), enforce_nonce: true },
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
 * (opened with POST /users/@me/channels), and to the staff channel, paced (`PROACTIVE_POSTS`,
 * `DM_OPENS`) so a sweep over many people neither crowds out answers nor opens DMs in a burst. Never throws.
 */
export function createDiscordNotifier(deps: NotifierDeps): Notifier {
  const { rest, translator, logger } = deps;
  const posts = createPace(PROACTIVE_POSTS);
  const opens = createPace(DM_OPENS);
  return createNotifier({
    userId: discordUserId,
    async openDm(id) {
      const open = () => rest.post(Routes.userChannels(), { body: { recipient_id: id } });
      const channel = (await opens.run(open)) as APIChannel;
      return channel.id;
    },
    async post(channelId, replies, language) {
      const messages = renderReplies(await packFiles(replies), { labels: labelsIn(translator, language) });
      for (const [index, message] of messages.entries())
        await posts.run(() =>
          rest.post(Routes.channelMessages(channelId), restMessage(channelId, index, message)),
        );
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
