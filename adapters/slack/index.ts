import type { AddressInfo } from 'node:net';
import { App, SocketModeReceiver } from '@slack/bolt';
import type {
  Adapter,
  AdapterDeps,
  ConnectionReporter,
  Logger,
  Notifier,
  RunningAdapter,
} from '../../src/core/index.js';
import { GuidepostError } from '../../src/core/index.js';
import { SHUTDOWN_GRACE_MS, withinGrace } from '../../src/shutdown-grace.js';
import { portError } from '../../src/startup/port.js';
import { boltLogger } from './bolt-logger.js';
import { createBusyAnswers } from './busy.js';
import type { SlackConfig } from './config.js';
import { createDelivery } from './deliver.js';
import { createFileDelivery } from './files.js';
import { createHttpReceiver, slowRequestLimits } from './http-receiver.js';
import { registerListeners } from './listeners.js';
import { createDmLookup, createProfileLookup } from './lookups.js';
import { createSlackNotifier } from './notifier.js';
import { createQueue, type Queue } from './queue.js';
import { slackStartError } from './start-errors.js';
import { createWeb } from './web.js';

export type { SlackConfig } from './config.js';

export interface RunningSlack extends RunningAdapter {
  mode: 'http' | 'socket';
  /** HTTP mode: the port `/slack/events` is served on (useful with PORT=0). */
  port?: number;
  /** Resolves once the work accepted so far (bot, look-ups, replies) is done. */
  idle(): Promise<void>;
  /** Proactive messages to Slack people (their DM) and to staff (SLACK_STAFF_CHANNEL). */
  notifier: Notifier;
}

/** A start-up problem with a code and a message for people; it names settings, never their values. */
export class SlackStartError extends GuidepostError {
  readonly code = 'SLACK_START_FAILED';
}

/** The Slack adapter with its settings, for the composition root. */
export const slackAdapter = (config: SlackConfig): Adapter<RunningSlack> => ({
  name: 'slack',
  start: (deps) => startSlack(config, deps),
});

/** Web API client settings: explicit retries and a timeout, so a dead API never hangs the process. */
export function webClientOptions(apiUrl: string | undefined) {
  return {
    ...(apiUrl ? { slackApiUrl: apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/` } : {}),
    retryConfig: { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 5_000 },
    timeout: 10_000,
  };
}

/**
 * Starts the Slack adapter: Socket Mode when SLACK_APP_TOKEN is set, otherwise Bolt's HTTP receiver on
 * PORT serving `/slack/events` with signature verification, a body limit and a time limit (see
 * http-receiver.ts). Resolves once Slack accepted the bot token.
 */
export async function startSlack(config: SlackConfig, deps: AdapterDeps): Promise<RunningSlack> {
  const { app, workspace } = await connect(config, deps);
  const { logger, translator } = deps;
  const web = createWeb(app.client, logger);
  const queue = createQueue(logger, config.queueLimit);
  const deliver = createDelivery(web, translator);
  const profileOf = createProfileLookup(web, workspace);
  const dms = createDmLookup(web);
  const dmOf = dms.forAnswer;
  const { defaultLanguage } = deps;
  registerListeners(app, {
    handle: deps.handle,
    translator,
    defaultLanguage,
    logger,
    web,
    queue,
    busy: createBusyAnswers({ queue, deliver, profileOf, dmOf, translator, defaultLanguage, logger }),
    deliver,
    profileOf,
    dmOf,
    withFiles: createFileDelivery(web, dmOf, translator),
  });
  const notifier = createSlackNotifier({
    deliver,
    dmOf: dms.forReminder,
    logger,
    staffChannel: config.staffChannel,
    defaultLanguage: deps.defaultLanguage,
  });
  const mode = config.appToken !== undefined ? 'socket' : 'http';
  const port = await listen(app, config, deps.connection);
  logger.info({ mode, ...(port ? { port } : {}) }, 'slack adapter started');
  return {
    mode,
    ...(port ? { port } : {}),
    notifier,
    idle: () => queue.idle(),
    stop: () => stopSlack(app, queue, mode, deps),
  };
}

/** Builds Bolt's App on the right receiver and checks the bot token; the workspace it is installed in. */
async function connect(config: SlackConfig, deps: AdapterDeps) {
  const { logger } = deps;
  const token = config.botToken;
  if (!token) throw new SlackStartError('SLACK_BOT_TOKEN: required for the Slack adapter');
  const socket = config.appToken !== undefined;
  if (!socket && !config.signingSecret)
    throw new SlackStartError('SLACK_SIGNING_SECRET: required in HTTP mode (or set SLACK_APP_TOKEN)');
  const boltLog = boltLogger(logger);
  const app = new App({
    token,
    deferInitialization: true,
    logger: boltLog,
    clientOptions: webClientOptions(config.apiUrl),
    convoStore: false,
    receiver: socket
      ? socketReceiver(config.appToken as string, boltLog, config.apiUrl, deps.connection)
      : createHttpReceiver(config.signingSecret as string, boltLog, logger),
  });
  app.error(async (error) => {
    logger.error({ name: error.name, code: error.code }, 'slack listener failed');
  });
  try {
    await app.init();
    // The workspace the app is installed in: only its own admins and owners are staff.
    return { app, workspace: (await app.client.auth.test()).team_id };
  } catch (error) {
    throw slackStartError('SLACK_BOT_TOKEN', 'auth.test', config.apiUrl, error);
  }
}

/** Opens the socket, or listens on PORT; the port served in HTTP mode. */
async function listen(app: App, config: SlackConfig, connection: ConnectionReporter) {
  if (config.appToken !== undefined) {
    await app.start().catch((error: unknown) => {
      throw slackStartError('SLACK_APP_TOKEN', 'apps.connections.open', config.apiUrl, error);
    });
    return undefined;
  }
  const at = { port: config.port, ...(config.host ? { host: config.host } : {}) };
  const server = await app.start(at, slowRequestLimits(config.requestTimeoutSeconds)).catch((error) => {
    throw portError('PORT', config.port, error);
  });
  // HTTP mode takes events while it listens.
  connection.up();
  return (server.address() as AddressInfo).port;
}

/** Stops taking requests, then waits (bounded) for the work already accepted. */
async function stopSlack(
  app: App,
  queue: Queue,
  mode: string,
  deps: { logger: Logger; connection: ConnectionReporter },
) {
  const { logger } = deps;
  // Replies queued behind an unresponsive Slack API (10 s timeouts, retries) must not hold the exit.
  const stopped = (async () => {
    await app.stop();
    deps.connection.down();
    await queue.idle();
  })();
  if (await withinGrace(stopped, SHUTDOWN_GRACE_MS)) logger.info({ mode }, 'slack adapter stopped');
  else
    logger.warn(
      { mode, graceMs: SHUTDOWN_GRACE_MS },
      'slack adapter stopped; work still waiting on Slack was dropped',
    );
}

/**
 * Bolt's Socket Mode receiver, made here (not by `socketMode: true`) so that its client's connection
 * events reach /healthz: connected means Slack delivers events; reconnecting or disconnected, not.
 */
function socketReceiver(
  appToken: string,
  logger: ReturnType<typeof boltLogger>,
  apiUrl: string | undefined,
  connection: ConnectionReporter,
): SocketModeReceiver {
  const receiver = new SocketModeReceiver({
    appToken,
    logger,
    installerOptions: { clientOptions: webClientOptions(apiUrl) },
  });
  receiver.client.on('connected', () => connection.up());
  for (const state of ['reconnecting', 'disconnecting', 'disconnected'])
    receiver.client.on(state, () => connection.down());
  return receiver;
}
