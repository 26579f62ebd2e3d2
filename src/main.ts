import { dirname, join, resolve } from 'node:path';
import { runConsole } from '../adapters/console/index.js';
import { createConsoleNotifier } from '../adapters/console/notifier.js';
import { adaptersFor, type Config, ConfigSchema, loadConfig } from './config.js';
import { consoleLogDestination } from './console-log.js';
import { type Bot, createBot, type Notifier, type Platform, type Translator } from './core/index.js';
import { loadFlow } from './flows/load.js';
import { Connection } from './health/connection.js';
import { serveHealth } from './health/serve.js';
import { loadTranslator } from './i18n/translator.js';
import { type AppLogger, createLogger } from './logger.js';
import { routeNotifications } from './notifier-router.js';
import { SHUTDOWN_GRACE_MS, withinGrace } from './shutdown-grace.js';
import { aborted, shutdownSignal } from './shutdown-signal.js';
import { CONSOLE_ONLY_NOTICE } from './startup/console-only.js';
import { storeFileError } from './startup/store-file.js';
import { warnUnknownSettings } from './startup/unknown-settings.js';
import { openStore } from './store/journal-store.js';
import { VERSION } from './version.js';

/** A started platform adapter: stops cleanly, and may send proactive messages (reminders, staff notices). */
export interface RunningAdapter {
  stop(): Promise<void>;
  notifier?: Notifier;
}

type PlatformAdapter = 'slack' | 'discord';

/** Starts one platform adapter; each adapter's module is loaded only when it is configured. */
async function startPlatform(
  name: PlatformAdapter,
  bot: Bot,
  config: Config,
  logger: AppLogger,
  translator: Translator,
  connection: Connection,
): Promise<RunningAdapter> {
  const deps = { bot, translator, config, logger, connection };
  switch (name) {
    case 'slack':
      return (await import('../adapters/slack/index.js')).startSlack(deps);
    case 'discord':
      return (await import('../adapters/discord/index.js')).startDiscord(deps);
  }
}

/** The composition root: the only place that reads the environment, wires the parts and exits. */
async function main(): Promise<number> {
  let stopLog: AppLogger | undefined;
  const signal = shutdownSignal(() => stopLog);
  const config = loadConfig();
  const storeFile = resolve(config.STORE_FILE);
  const adapters = adaptersFor(config);
  // In the terminal the chat owns the screen: logs go to a file beside the store, warnings as short lines.
  const logger = adapters.includes('console')
    ? createLogger(config.LOG_LEVEL, consoleLogDestination(storeFile, config.LOG_LEVEL))
    : createLogger(config.LOG_LEVEL);
  stopLog = logger;
  warnUnknownSettings(process.env, Object.keys(ConfigSchema.shape), logger);
  const [flow, translator] = await Promise.all([loadFlow(), loadTranslator()]);
  const store = await openStore(storeFile, {
    onSnapshot: (info) => logger.info(info, 'store snapshot written'),
    onSnapshotFailed: (error, retryInMs) =>
      logger.error(
        { message: error.message, code: (error as { code?: unknown }).code, retryInMs },
        'store snapshot failed',
      ),
  }).catch((error: unknown) => {
    throw storeFileError(storeFile, error);
  });
  const notifiers: Partial<Record<Platform, Notifier>> = {};
  const connections = Object.fromEntries(adapters.map((name) => [name, new Connection()]));
  const health = await serveHealth({
    port: config.HEALTH_PORT,
    storeFile,
    store,
    adapters: connections,
    version: VERSION,
    logger,
  }).catch(async (error: unknown) => {
    await store.close();
    throw error;
  });
  const bot = createBot({
    flow,
    store,
    translator,
    clock: { now: () => new Date() },
    logger,
    defaultLanguage: config.DEFAULT_LANGUAGE,
    notifier: routeNotifications(notifiers),
    admins: config.ADMIN_IDS,
    remindAfterDays: config.REMIND_AFTER_DAYS,
    holidays: new Set(config.HOLIDAYS),
  });
  const reminders = setInterval(() => void bot.remind(), config.REMINDER_CHECK_MINUTES * 60_000);
  reminders.unref();
  logger.info({ version: VERSION, adapters, store: storeFile, flow: flow.id }, 'guidepost started');
  try {
    if (adapters.includes('console')) {
      notifiers.console = createConsoleNotifier(process.stdout, config.CONSOLE_USER);
      connections.console?.up();
      const { linesRead } = await runConsole({
        bot,
        userName: config.CONSOLE_USER,
        input: process.stdin,
        output: process.stdout,
        interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
        signal,
        exportDir: join(dirname(storeFile), 'exports'),
        translator,
      });
      if (linesRead === 0 && !signal.aborted) process.stderr.write(CONSOLE_ONLY_NOTICE);
    } else {
      await servePlatforms(adapters as PlatformAdapter[], {
        bot,
        config,
        logger,
        translator,
        notifiers,
        connections,
        signal,
      });
    }
  } finally {
    // Adapters have stopped taking events and finished what was in flight: write the snapshot, unlock.
    clearInterval(reminders);
    await store.close();
    await health?.close();
  }
  logger.info({}, 'guidepost stopped');
  return 0;
}

interface Wiring {
  bot: Bot;
  config: Config;
  logger: AppLogger;
  translator: Translator;
  notifiers: Partial<Record<Platform, Notifier>>;
  connections: Record<string, Connection>;
  signal: AbortSignal;
}

/** Starts every configured platform, serves until SIGINT/SIGTERM, then stops them all. */
async function servePlatforms(names: PlatformAdapter[], w: Wiring): Promise<void> {
  const running: RunningAdapter[] = [];
  try {
    for (const name of names) {
      const connection = w.connections[name] ?? new Connection();
      const adapter = await startPlatform(name, w.bot, w.config, w.logger, w.translator, connection);
      running.push(adapter);
      if (adapter.notifier) w.notifiers[name] = adapter.notifier;
    }
    await aborted(w.signal);
  } finally {
    // Each adapter bounds its own stop; this bounds any that does not, so the snapshot is always written.
    const stopped = Promise.allSettled(running.map((adapter) => adapter.stop()));
    if (!(await withinGrace(stopped, SHUTDOWN_GRACE_MS + 1_000)))
      w.logger.warn({}, 'an adapter did not stop in time; saving and exiting anyway');
  }
}

main().then(
  (code) => {
    // Everything is saved and closed by now; an open stdin (a pipe nobody closed) must not keep us alive.
    process.exit(code);
  },
  (error: unknown) => {
    // Known errors (bad settings, unreadable store or flow) carry a code and a message meant for people.
    const known = error instanceof Error && 'code' in error;
    process.stderr.write(
      `guidepost: ${known ? (error as Error).message : String((error as Error)?.stack ?? error)}\n`,
    );
    process.exit(1);
  },
);
