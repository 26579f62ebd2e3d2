import { dirname, join, resolve } from 'node:path';
import { consoleConfigOf, discordConfigOf, slackConfigOf } from './adapter-configs.js';
import { adaptersFor, type Config, ConfigSchema, loadConfig } from './config.js';
import { consoleLogDestination } from './console-log.js';
import {
  type Adapter,
  type AdapterDeps,
  type Bot,
  createBot,
  createFlowCatalogue,
  type Flow,
  type Notifier,
  type ProgressStore,
  type RunningAdapter,
  type UserKey,
} from './core/index.js';
import { loadFlows } from './flows/load.js';
import { Connection } from './health/connection.js';
import { serveHealth } from './health/serve.js';
import { loadTranslator } from './i18n/translator.js';
import { type AppLogger, createLogger } from './logger.js';
import { routeNotifications } from './notifier-router.js';
import { SHUTDOWN_GRACE_MS, withinGrace } from './shutdown-grace.js';
import { aborted, shutdownSignal } from './shutdown-signal.js';
import { CONSOLE_ONLY_NOTICE } from './startup/console-only.js';
import { dashboardWiring } from './startup/dashboard.js';
import { migrateStoredProgress } from './startup/migrate-flows.js';
import { openConfiguredStore } from './startup/open-store.js';
import { terminalLook } from './startup/terminal-look.js';
import { warnUnknownSettings } from './startup/unknown-settings.js';
import { VERSION } from './version.js';

/** One adapter with its own settings; each adapter's module is loaded only when it is configured. */
async function loadAdapter(name: string, config: Config, storeFile: string): Promise<Adapter> {
  switch (name) {
    case 'slack':
      return (await import('../adapters/slack/index.js')).slackAdapter(slackConfigOf(config));
    case 'discord':
      return (await import('../adapters/discord/index.js')).discordAdapter(discordConfigOf(config));
    default: {
      const consoleConfig = consoleConfigOf(config, {
        input: process.stdin,
        output: process.stdout,
        interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
        look: terminalLook(),
        exportDir: join(dirname(storeFile), 'exports'),
        quietNotice: { text: CONSOLE_ONLY_NOTICE, errors: process.stderr },
      });
      return (await import('../adapters/console/index.js')).consoleAdapter(consoleConfig);
    }
  }
}

/** The composition root: the only place that reads the environment, wires the parts and exits. */
async function main(): Promise<number> {
  let stopLog: AppLogger | undefined;
  const signal = shutdownSignal(() => stopLog);
  const config = loadConfig();
  const storeFile = resolve(config.STORE_FILE);
  const names = adaptersFor(config);
  // In the terminal the chat owns the screen: logs go to a file beside the store, warnings as short lines.
  const logger = names.includes('console')
    ? createLogger(config.LOG_LEVEL, consoleLogDestination(storeFile, config.LOG_LEVEL))
    : createLogger(config.LOG_LEVEL);
  stopLog = logger;
  warnUnknownSettings(process.env, Object.keys(ConfigSchema.shape), logger);
  const [loaded, translator] = await Promise.all([loadFlows(), loadTranslator()]);
  const flows = createFlowCatalogue(loaded, config.DEFAULT_FLOW).all;
  const { store, toMove, probe, where } = await openConfiguredStore(
    { storeFile, databaseUrl: config.DATABASE_URL },
    logger,
    flows,
  );
  await migrateOrClose(store, flows, logger, toMove);
  const notifiers: Record<string, Notifier> = {};
  const connections = Object.fromEntries(names.map((name) => [name, new Connection()]));
  const health = await serveHealth({
    port: config.HEALTH_PORT,
    probe,
    store,
    adapters: connections,
    version: VERSION,
    logger,
  }).catch(async (error: unknown) => {
    await store.close();
    throw error;
  });
  const dashboard = await dashboardWiring(config, translator, logger);
  const bot = createBot({
    ...(dashboard ? { dashboard: dashboard.signIn } : {}),
    flows,
    defaultFlow: config.DEFAULT_FLOW,
    store,
    translator,
    clock: { now: () => new Date() },
    logger,
    defaultLanguage: config.DEFAULT_LANGUAGE,
    notifier: routeNotifications(notifiers),
    admins: config.ADMIN_IDS,
    remindAfterDays: config.REMIND_AFTER_DAYS,
    holidays: new Set(config.HOLIDAYS),
    yieldNow: () => new Promise((resolve) => setImmediate(resolve)),
  });
  const pages = await dashboard?.start(bot.views).catch(async (error: unknown) => {
    await Promise.all([store.close(), health?.close()]);
    throw error;
  });
  const sweeps = scheduleSweeps(bot, config.REMINDER_CHECK_MINUTES * 60_000, logger);
  logger.info(
    { version: VERSION, adapters: names, store: where, flows: flows.map((f) => f.id) },
    'guidepost started',
  );
  try {
    const adapters = await Promise.all(names.map((name) => loadAdapter(name, config, storeFile)));
    const deps = { handle: bot.handle, flows, translator, defaultLanguage: config.DEFAULT_LANGUAGE };
    await serve(adapters, { ...deps, logger, signal }, { connections, notifiers, sweeps });
  } finally {
    // Adapters have stopped taking events and finished what was in flight: write the snapshot, unlock.
    await sweeps.stop();
    await store.close();
    await health?.close();
    await pages?.close();
  }
  logger.info({}, 'guidepost stopped');
  return 0;
}

/**
 * How long a stop waits for the sweep to finish the person it is on: a paced post waits at most a
 * second for its turn, then one API call. Kept short, so the sweep and the adapters' own grace together
 * stay inside the 10 s `docker stop` and systemd allow.
 */
const SWEEP_STOP_MS = 3_000;

/**
 * Runs the reminder sweep every `everyMs`, one at a time. `stop()` (idempotent) lets the running sweep
 * finish and save the person it is on, takes nobody else, and waits for it (at most `SWEEP_STOP_MS`).
 */
function scheduleSweeps(bot: Bot, everyMs: number, logger: AppLogger) {
  const stopping = new AbortController();
  let running: Promise<number> = Promise.resolve(0);
  let stopped: Promise<void> | undefined;
  const timer = setInterval(() => {
    running = bot.remind({ signal: stopping.signal });
  }, everyMs);
  timer.unref();
  const stop = async () => {
    clearInterval(timer);
    stopping.abort();
    if (!(await withinGrace(running, SWEEP_STOP_MS)))
      logger.warn({}, 'the reminder sweep did not stop in time; whoever is still due is reminded later');
  };
  return { stop: (): Promise<void> => (stopped ??= stop()) };
}

/** Everyone moved to the flows' current versions before anyone is answered; the store closed on refusal. */
async function migrateOrClose(
  store: ProgressStore,
  flows: readonly Flow[],
  logger: AppLogger,
  toMove: ReadonlySet<UserKey>,
) {
  const moved = await migrateStoredProgress(store, flows, new Date(), toMove).catch(
    async (error: unknown) => {
      await store.close();
      throw error;
    },
  );
  if (moved > 0) logger.info({ moved }, 'people moved to the current versions of their flows');
}

/**
 * Starts every configured adapter through the one port, serves until SIGINT/SIGTERM (or until one ends
 * by itself: the console's input closed), then stops them all. Each started adapter's notifier is
 * registered under its name, which is the platform part of the user keys it hands the core.
 */
async function serve(
  adapters: Adapter[],
  deps: Omit<AdapterDeps, 'connection'>,
  wiring: {
    connections: Record<string, Connection>;
    notifiers: Record<string, Notifier>;
    sweeps: { stop(): Promise<void> };
  },
): Promise<void> {
  const running: RunningAdapter[] = [];
  try {
    for (const adapter of adapters) {
      const connection = wiring.connections[adapter.name] ?? new Connection();
      const started = await adapter.start({ ...deps, connection });
      running.push(started);
      if (started.notifier) wiring.notifiers[adapter.name] = started.notifier;
    }
    const ended = running.flatMap((adapter) => (adapter.ended ? [adapter.ended] : []));
    await Promise.race([aborted(deps.signal), ...ended]);
  } finally {
    // The sweep delivers through the adapters: it ends (after the person it is on) before they stop.
    await wiring.sweeps.stop();
    // Each adapter bounds its own stop; this bounds any that does not, so the snapshot is always written.
    const stopped = Promise.allSettled(running.map((adapter) => adapter.stop()));
    if (!(await withinGrace(stopped, SHUTDOWN_GRACE_MS + 1_000)))
      deps.logger.warn({}, 'an adapter did not stop in time; saving and exiting anyway');
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
