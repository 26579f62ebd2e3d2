import { once } from 'node:events';
import { Client, Events, GatewayIntentBits } from 'discord.js';
import { type Config, discordStaffGuilds } from '../../src/config.js';
import type { Bot, Flow, Logger, Notifier, Translator } from '../../src/core/index.js';
import { loadFlow } from '../../src/flows/load.js';
import type { ConnectionReporter } from '../../src/health/connection.js';
import { describeError } from './errors.js';
import { createInteractionHandler } from './handle.js';
import { createDiscordNotifier } from './notifier.js';
import { clearStaleCommands, registerCommands } from './register.js';
import { NO_MENTIONS } from './respond.js';
import { discordStartError } from './start-errors.js';

export interface DiscordDeps {
  bot: Bot;
  translator: Translator;
  config: Config;
  logger: Logger;
  /** The flow the bot runs (for `/onboard-admin move`'s step choices); the reseller flow when absent. */
  flow?: Flow;
  /** Timings; the defaults suit Discord itself. Tests shorten them. */
  tuning?: Partial<DiscordTuning>;
  /** Told when the gateway is ready and when it is lost (for /healthz). */
  connection?: ConnectionReporter;
}

export interface DiscordTuning {
  /** REST retries on 5xx and network errors. */
  restRetries: number;
  /** REST request timeout. */
  restTimeoutMs: number;
  /** How long to wait for the gateway's READY (and the guilds) before giving up at start-up. */
  readyTimeoutMs: number;
  /** Defer an interaction whose answer is not ready after this long (Discord allows 3 s); 0 always defers. */
  deferAfterMs: number;
  /** How long `stop()` lets answers in flight finish before destroying the client. */
  stopGraceMs: number;
}

const DEFAULTS: DiscordTuning = {
  restRetries: 3,
  restTimeoutMs: 15_000,
  readyTimeoutMs: 60_000,
  deferAfterMs: 1_500,
  stopGraceMs: 5_000,
};

export class DiscordStartError extends Error {
  readonly code = 'DISCORD_START';
  constructor(message: string) {
    super(message);
    this.name = 'DiscordStartError';
  }
}

/** A started adapter: `stop()` and the notifier for proactive messages (reminders, staff notices). */
export interface RunningDiscord {
  stop(): Promise<void>;
  notifier: Notifier;
}

/**
 * Logs in over the gateway with no privileged intents, waits until the client is ready, registers the
 * command set, then answers interactions. `stop()` waits for answers in flight and destroys the client.
 */
export async function startDiscord(deps: DiscordDeps): Promise<RunningDiscord> {
  const { bot, translator, config, logger } = deps;
  const tuning = { ...DEFAULTS, ...deps.tuning };
  const token = config.DISCORD_TOKEN;
  if (!token) throw new DiscordStartError('DISCORD_TOKEN: required to start the Discord adapter');
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: NO_MENTIONS,
    rest: {
      ...(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}),
      version: '10',
      retries: tuning.restRetries,
      timeout: tuning.restTimeoutMs,
    },
  });
  client.on(Events.Error, (error) => logger.error({ err: describeError(error) }, 'discord client error'));
  client.on(Events.Warn, (message) => logger.warn({ detail: message }, 'discord client warning'));
  if (deps.connection) reportConnection(client, deps.connection);

  const onInteraction = createInteractionHandler({
    bot,
    translator,
    logger,
    defaultLanguage: config.DEFAULT_LANGUAGE,
    staffServers: { guildIds: discordStaffGuilds(config), adminRoleId: config.DISCORD_ADMIN_ROLE_ID },
    deferAfterMs: tuning.deferAfterMs,
  });
  const inFlight = new Set<Promise<void>>();
  client.on(Events.InteractionCreate, (interaction) => {
    const answering = onInteraction(interaction).finally(() => inFlight.delete(answering));
    inFlight.add(answering);
  });

  try {
    const ready = once(client, Events.ClientReady, { signal: AbortSignal.timeout(tuning.readyTimeoutMs) });
    await client.login(token);
    await ready;
    const applicationId = config.DISCORD_APPLICATION_ID ?? client.application?.id;
    if (!applicationId)
      throw new DiscordStartError('DISCORD_APPLICATION_ID: not set and not sent by Discord');
    const guildId = config.DISCORD_GUILD_ID;
    const flow = deps.flow ?? (await loadFlow());
    const target = { applicationId, guildId };
    const count = await registerCommands(client.rest, target, translator, flow);
    const cleared = await clearStaleCommands(client.rest, target, [...client.guilds.cache.keys()]);
    logger.info(
      {
        application: applicationId,
        scope: guildId ? `guild ${guildId}` : 'global',
        commands: count,
        cleared,
      },
      'discord ready',
    );
  } catch (error) {
    await client.destroy();
    throw discordStartError(config, error);
  }

  if (discordStaffGuilds(config).size === 0)
    logger.warn(
      {},
      'no Discord server vouches for staff: set DISCORD_GUILD_ID or DISCORD_STAFF_GUILD_IDS to let its managers use /onboard-admin (ADMIN_IDS work everywhere)',
    );
  if (!config.DISCORD_STAFF_CHANNEL_ID)
    logger.warn(
      {},
      'DISCORD_STAFF_CHANNEL_ID is not set: staff notices (escalations, late reviews) are dropped',
    );
  const notifier = createDiscordNotifier({
    rest: client.rest,
    bot,
    translator,
    logger,
    defaultLanguage: config.DEFAULT_LANGUAGE,
    staffChannelId: config.DISCORD_STAFF_CHANNEL_ID,
  });

  return {
    notifier,
    async stop() {
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, tuning.stopGraceMs);
      });
      await Promise.race([Promise.allSettled(inFlight), grace]);
      clearTimeout(timer);
      await client.destroy();
      deps.connection?.down();
    },
  };
}

/** The gateway is up from READY (or a resumed session) until the shard disconnects or reconnects. */
function reportConnection(client: Client, connection: ConnectionReporter) {
  for (const up of [Events.ClientReady, Events.ShardReady, Events.ShardResume] as const)
    client.on(up, () => connection.up());
  for (const down of [Events.ShardDisconnect, Events.ShardReconnecting] as const)
    client.on(down, () => connection.down());
}
