import { once } from 'node:events';
import { Client, Events, GatewayIntentBits } from 'discord.js';
import type {
  Adapter,
  AdapterDeps,
  ConnectionReporter,
  Flow,
  Logger,
  Notifier,
  RunningAdapter,
} from '../../src/core/index.js';
import { GuidepostError } from '../../src/core/index.js';
import { withTimeout } from '../kit/index.js';
import type { DiscordConfig, DiscordTuning } from './config.js';
import { describeError } from './errors.js';
import { createInteractionHandler } from './handle.js';
import { createDiscordNotifier } from './notifier.js';
import { clearStaleCommands, registerCommands } from './register.js';
import { NO_MENTIONS } from './respond.js';
import { discordStartError } from './start-errors.js';

export type { DiscordConfig, DiscordTuning } from './config.js';

const DEFAULTS: DiscordTuning = {
  restRetries: 3,
  restTimeoutMs: 15_000,
  readyTimeoutMs: 60_000,
  deferAfterMs: 1_500,
  stopGraceMs: 5_000,
};

/** A start-up problem with a message for people; it names settings, never their values. */
export class DiscordStartError extends GuidepostError {
  readonly code = 'DISCORD_START_FAILED';
}

/** A started adapter: `stop()` and the notifier for proactive messages (reminders, staff notices). */
export interface RunningDiscord extends RunningAdapter {
  notifier: Notifier;
}

/** The Discord adapter with its settings, for the composition root. */
export const discordAdapter = (config: DiscordConfig): Adapter<RunningDiscord> => ({
  name: 'discord',
  start: (deps) => startDiscord(config, deps),
});

/**
 * Logs in over the gateway with no privileged intents, waits until the client is ready, registers the
 * command set, then answers interactions. `stop()` waits for answers in flight and destroys the client.
 */
export async function startDiscord(config: DiscordConfig, deps: AdapterDeps): Promise<RunningDiscord> {
  const { translator, logger } = deps;
  const tuning = { ...DEFAULTS, ...config.tuning };
  const token = config.token;
  if (!token) throw new DiscordStartError('DISCORD_TOKEN: required to start the Discord adapter');
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: NO_MENTIONS,
    rest: {
      ...(config.apiUrl ? { api: config.apiUrl } : {}),
      version: '10',
      retries: tuning.restRetries,
      timeout: tuning.restTimeoutMs,
    },
  });
  client.on(Events.Error, (error) => logger.error({ err: describeError(error) }, 'discord client error'));
  client.on(Events.Warn, (message) => logger.warn({ detail: message }, 'discord client warning'));
  reportConnection(client, deps.connection);

  const onInteraction = createInteractionHandler({
    handle: deps.handle,
    translator,
    logger,
    defaultLanguage: deps.defaultLanguage,
    staffServers: config.staffServers,
    deferAfterMs: tuning.deferAfterMs,
  });
  const inFlight = new Set<Promise<void>>();
  client.on(Events.InteractionCreate, (interaction) => {
    const answering = onInteraction(interaction).finally(() => inFlight.delete(answering));
    inFlight.add(answering);
  });

  await login(client, token, config, deps, tuning.readyTimeoutMs);
  warnMissingSettings(config, logger);
  const notifier = createDiscordNotifier({
    rest: client.rest,
    translator,
    logger,
    defaultLanguage: deps.defaultLanguage,
    staffChannelId: config.staffChannelId,
  });

  return {
    notifier,
    async stop() {
      await withTimeout(Promise.allSettled(inFlight), tuning.stopGraceMs, () => undefined);
      await client.destroy();
      deps.connection.down();
    },
  };
}

/** Logs in, waits for READY, then registers the command set; on any failure destroys the client. */
async function login(
  client: Client,
  token: string,
  config: DiscordConfig,
  deps: AdapterDeps,
  readyTimeoutMs: number,
): Promise<void> {
  try {
    const ready = once(client, Events.ClientReady, { signal: AbortSignal.timeout(readyTimeoutMs) });
    await client.login(token);
    await ready;
    const applicationId = config.applicationId ?? client.application?.id;
    if (!applicationId)
      throw new DiscordStartError('DISCORD_APPLICATION_ID: not set and not sent by Discord');
    await register(client, { applicationId, guildId: config.guildId }, deps.flows, deps);
  } catch (error) {
    await client.destroy();
    throw discordStartError(config.apiUrl, error);
  }
}

/** Puts our command set where the settings ask, and empties the sets they no longer ask for. */
async function register(
  client: Client,
  target: { applicationId: string; guildId: string | undefined },
  flows: readonly Flow[],
  deps: Pick<AdapterDeps, 'translator' | 'logger'>,
): Promise<void> {
  const count = await registerCommands(client.rest, target, deps.translator, flows);
  const cleared = await clearStaleCommands(client.rest, target, [...client.guilds.cache.keys()]);
  deps.logger.info(
    {
      application: target.applicationId,
      scope: target.guildId ? `guild ${target.guildId}` : 'global',
      commands: count,
      cleared,
    },
    'discord ready',
  );
}

function warnMissingSettings(config: DiscordConfig, logger: Logger): void {
  if (config.staffServers.guildIds.size === 0)
    logger.warn(
      {},
      'no Discord server vouches for staff: set DISCORD_GUILD_ID or DISCORD_STAFF_GUILD_IDS to let its managers use /onboard-admin (ADMIN_IDS work everywhere)',
    );
  if (!config.staffChannelId)
    logger.warn(
      {},
      'DISCORD_STAFF_CHANNEL_ID is not set: staff notices (escalations, late reviews) are dropped',
    );
}

/** The gateway is up from READY (or a resumed session) until the shard disconnects or reconnects. */
function reportConnection(client: Client, connection: ConnectionReporter) {
  for (const up of [Events.ClientReady, Events.ShardReady, Events.ShardResume] as const)
    client.on(up, () => connection.up());
  for (const down of [Events.ShardDisconnect, Events.ShardReconnecting] as const)
    client.on(down, () => connection.down());
}
