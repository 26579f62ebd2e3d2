import type { ConsoleConfig } from '../adapters/console/index.js';
import type { DiscordConfig } from '../adapters/discord/config.js';
import type { SlackConfig } from '../adapters/slack/config.js';
import { type Config, discordStaffGuilds } from './config.js';

/** The Slack adapter's own settings, from the app's. */
export const slackConfigOf = (config: Config): SlackConfig => ({
  botToken: config.SLACK_BOT_TOKEN,
  appToken: config.SLACK_APP_TOKEN,
  signingSecret: config.SLACK_SIGNING_SECRET,
  apiUrl: config.SLACK_API_URL,
  staffChannel: config.SLACK_STAFF_CHANNEL,
  port: config.PORT,
  requestTimeoutSeconds: config.REQUEST_TIMEOUT_SECONDS,
  queueLimit: config.SLACK_QUEUE_LIMIT,
});

/** The Discord adapter's own settings, from the app's. */
export const discordConfigOf = (config: Config): DiscordConfig => ({
  token: config.DISCORD_TOKEN,
  applicationId: config.DISCORD_APPLICATION_ID,
  guildId: config.DISCORD_GUILD_ID,
  apiUrl: config.DISCORD_API_URL,
  staffServers: { guildIds: discordStaffGuilds(config), adminRoleId: config.DISCORD_ADMIN_ROLE_ID },
  staffChannelId: config.DISCORD_STAFF_CHANNEL_ID,
});

/** The terminal chat's own settings: who types, and the streams it talks on. */
export const consoleConfigOf = (
  config: Config,
  streams: Pick<ConsoleConfig, 'input' | 'output' | 'interactive' | 'look' | 'exportDir' | 'quietNotice'>,
): ConsoleConfig => ({ userName: config.CONSOLE_USER, ...streams });
