import type { AddressInfo } from 'node:net';
import { App, SocketModeReceiver } from '@slack/bolt';
import type { Config } from '../../src/config.js';
import type { Bot, Logger, Notifier, Translator } from '../../src/core/index.js';
import type { ConnectionReporter } from '../../src/health/connection.js';
import { SHUTDOWN_GRACE_MS, withinGrace } from '../../src/shutdown-grace.js';
import { portError } from '../../src/startup/port.js';
import { boltLogger } from './bolt-logger.js';
import { createDelivery } from './deliver.js';
import { createFileDelivery } from './files.js';
import { createHttpReceiver, slowRequestLimits } from './http-receiver.js';
import { registerListeners } from './listeners.js';
import { createDmLookup, createProfileLookup } from './lookups.js';
import { createSlackNotifier } from './notifier.js';
import { createQueue } from './queue.js';
import { slackStartError } from './start-errors.js';
import { createWeb } from './web.js';

export interface SlackDeps {
  bot: Bot;
  translator: Translator;
  config: Config;
  logger: Logger;
  /** HTTP mode: the interface to listen on (all of them when unset; tests use 127.0.0.1). */
  host?: string;
  /** Told when the adapter can take events and when it cannot (for /healthz). */
  connection?: ConnectionReporter;
}

export interface RunningSlack {
  mode: 'http' | 'socket';
  /** HTTP mode: the port `/slack/events` is served on (useful with PORT=0). */
  port?: number;
  /** Resolves once the work accepted so far (bot, look-ups, replies) is done. */
  idle(): Promise<void>;
  /** Stops taking requests, then waits for the work already accepted. */
  stop(): Promise<void>;
  /** Proactive messages to Slack people (their DM) and to staff (SLACK_STAFF_CHANNEL). */
  notifier: Notifier;
}

/** A start-up problem with a code and a message for people; it names settings, never their values. */
export class SlackStartError extends Error {
  readonly code = 'SLACK_START_FAILED';
  constructor(message: string) {
    super(message);
    this.name = 'SlackStartError';
  }
}

/** Web API client settings: explicit retries and a timeout, so a dead API never hangs the process. */
export function webClientOptions(config: Pick<Config, 'SLACK_API_URL'>) {
  const url = config.SLACK_API_URL;
  return {
    ...(url ? { slackApiUrl: url.endsWith('/') ? url : `${url}/` } : {}),
    retryConfig: { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 5_000 },
    timeout: 10_000,
  };
}

/**
 * Starts the Slack adapter: Socket Mode when SLACK_APP_TOKEN is set, otherwise Bolt's HTTP receiver on
 * PORT serving `/slack/events` with signature verification, a body limit and a time limit (see
 * http-receiver.ts). Resolves once Slack accepted the bot token.
 */
export async function startSlack(deps: SlackDeps): Promise<RunningSlack> {
  const { bot, translator, config, logger } = deps;
  const token = config.SLACK_BOT_TOKEN;
  if (!token) throw new SlackStartError('SLACK_BOT_TOKEN: required for the Slack adapter');
  const socket = config.SLACK_APP_TOKEN !== undefined;
  if (!socket && !config.SLACK_SIGNING_SECRET)
    throw new SlackStartError('SLACK_SIGNING_SECRET: required in HTTP mode (or set SLACK_APP_TOKEN)');

  const boltLog = boltLogger(logger);
  const app = new App({
    token,
    deferInitialization: true,
    logger: boltLog,
    clientOptions: webClientOptions(config),
    convoStore: false,
    receiver: socket
      ? socketReceiver(config.SLACK_APP_TOKEN as string, boltLog, config, deps.connection)
      : createHttpReceiver(config.SLACK_SIGNING_SECRET as string, boltLog, logger),
  });
  app.error(async (error) => {
    logger.error({ name: error.name, code: error.code }, 'slack listener failed');
  });
  let workspace: string | undefined;
  try {
    await app.init();
    // The workspace the app is installed in: only its own admins and owners are staff.
    workspace = (await app.client.auth.test()).team_id;
  } catch (error) {
    throw slackStartError('SLACK_BOT_TOKEN', 'auth.test', config, error);
  }

  const web = createWeb(app.client, logger);
  const queue = createQueue(logger);
  const deliver = createDelivery(web, translator);
  const profileOf = createProfileLookup(web, workspace);
  const dmOf = createDmLookup(web);
  registerListeners(app, {
    bot,
    translator,
    logger,
    web,
    queue,
    deliver,
    profileOf,
    dmOf,
    withFiles: createFileDelivery(web, dmOf, translator),
  });
  const notifier = createSlackNotifier({
    bot,
    deliver,
    dmOf,
    profileOf,
    logger,
    staffChannel: config.SLACK_STAFF_CHANNEL,
    defaultLanguage: config.DEFAULT_LANGUAGE,
  });

  const mode = socket ? 'socket' : 'http';
  let port: number | undefined;
  if (socket) {
    await app.start().catch((error: unknown) => {
      throw slackStartError('SLACK_APP_TOKEN', 'apps.connections.open', config, error);
    });
  } else {
    const listen = { port: config.PORT, ...(deps.host ? { host: deps.host } : {}) };
    const server = await app
      .start(listen, slowRequestLimits(config.REQUEST_TIMEOUT_SECONDS))
      .catch((error) => {
        throw portError('PORT', config.PORT, error);
      });
    port = (server.address() as AddressInfo).port;
    // HTTP mode takes events while it listens.
    deps.connection?.up();
  }
  logger.info({ mode, ...(port ? { port } : {}) }, 'slack adapter started');
  return {
    mode,
    ...(port ? { port } : {}),
    notifier,
    idle: () => queue.idle(),
    async stop() {
      // Replies queued behind an unresponsive Slack API (10 s timeouts, retries) must not hold the exit.
      const stopped = (async () => {
        await app.stop();
        deps.connection?.down();
        await queue.idle();
      })();
      if (await withinGrace(stopped, SHUTDOWN_GRACE_MS)) logger.info({ mode }, 'slack adapter stopped');
      else
        logger.warn(
          { mode, graceMs: SHUTDOWN_GRACE_MS },
          'slack adapter stopped; work still waiting on Slack was dropped',
        );
    },
  };
}

/**
 * Bolt's Socket Mode receiver, made here (not by `socketMode: true`) so that its client's connection
 * events reach /healthz: connected means Slack delivers events; reconnecting or disconnected, not.
 */
function socketReceiver(
  appToken: string,
  logger: ReturnType<typeof boltLogger>,
  config: Config,
  connection: ConnectionReporter | undefined,
): SocketModeReceiver {
  const receiver = new SocketModeReceiver({
    appToken,
    logger,
    installerOptions: { clientOptions: webClientOptions(config) },
  });
  if (connection) {
    receiver.client.on('connected', () => connection.up());
    for (const state of ['reconnecting', 'disconnecting', 'disconnected'])
      receiver.client.on(state, () => connection.down());
  }
  return receiver;
}
