import { type RunningSlack, startSlack } from '../../../adapters/slack/index.js';
import { slackConfigOf } from '../../../src/adapter-configs.js';
import { parseConfig } from '../../../src/config.js';
import {
  createBot,
  type DashboardLinks,
  type Handle,
  type Logger,
  type Notifier,
  type UserKey,
} from '../../../src/core/index.js';
import { routeNotifications } from '../../../src/notifier-router.js';
import { adapterDeps } from '../../helpers/adapter-deps.js';
import { makeTestBot, type TestBot } from '../../helpers/bot.js';
import { type FakeSlack, type ShownMessage, startFakeSlack } from './fake-slack.js';
import {
  buttonClick,
  directMessage,
  dmOf,
  homeButtonClick,
  homeOpened,
  PERSON,
  slashCommand,
} from './fixtures/payloads.js';
import { type Body, postToApp, type SendOptions, SIGNING_SECRET } from './signed.js';

export const BOT_TOKEN = 'xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy';
export const APP_TOKEN = 'xapp-1-A0001-1234567890-abcdef0123456789';

export type LogLine = { level: string; context: object; message: string };

/** The real adapter (real Bolt, real bot) against the fake Slack: what a workspace would see. */
export interface Harness {
  fake: FakeSlack;
  tb: TestBot;
  running: RunningSlack;
  /** What the adapter logged (the bot's own lines are in `tb.logs`). */
  logs: LogLine[];
  post(body: Body, options?: SendOptions): Promise<{ status: number; text: string }>;
  /** `/onboard <text>`, typed in a channel unless `channel` says otherwise. */
  command(text: string, options?: { channel?: string; user?: string }): Promise<number>;
  /** `/onboard-admin <text>`, typed in a channel unless `channel` says otherwise. */
  admin(text: string, options?: { channel?: string; user?: string }): Promise<number>;
  /** Types in the app's DM. */
  type(
    text: string,
    options?: { user?: string; eventId?: string; headers?: Record<string, string> },
  ): Promise<number>;
  /** Clicks the button labelled `label` (or with that action_id) on a message shown in the DM. */
  click(
    message: ShownMessage,
    label: string,
    options?: { ephemeral?: boolean; user?: string },
  ): Promise<number>;
  clickHome(actionId: string, label: string): Promise<number>;
  openHome(options?: { user?: string }): Promise<number>;
  /** Waits until the adapter has finished the work it accepted (replies posted). */
  settle(): Promise<void>;
  /** The person's DM, as shown now. */
  dm(user?: string): ShownMessage[];
  stop(): Promise<void>;
}

export function captureLogs(lines: LogLine[]): Logger {
  return {
    info: (context, message) => lines.push({ level: 'info', context, message }),
    warn: (context, message) => lines.push({ level: 'warn', context, message }),
    error: (context, message) => lines.push({ level: 'error', context, message }),
  };
}

/** Every button on a message: link buttons, checklist accessories and action rows. */
export function buttonsOf(message: ShownMessage) {
  return message.blocks.flatMap((b) => [
    ...(b.type === 'actions' ? b.elements : []),
    ...(b.accessory?.type === 'button' ? [b.accessory] : []),
  ]) as { action_id: string; value?: string; url?: string; text: { text: string }; style?: string }[];
}

export interface HarnessOptions {
  /** ADMIN_IDS. */
  admins?: UserKey[];
  /** SLACK_STAFF_CHANNEL. */
  staffChannel?: string;
  /** REQUEST_TIMEOUT_SECONDS. */
  requestTimeoutSeconds?: number;
  /** SLACK_QUEUE_LIMIT. */
  queueLimit?: number;
  /** Wraps the bot's `handle` as the adapter receives it (e.g. to hold it up). */
  wrapHandle?: (handle: Handle) => Handle;
  /** Sign-in links for `admin dashboard` (unset: the dashboard is off). */
  dashboard?: DashboardLinks;
}

/**
 * The test bot's store, clock and words, with a bot wired as main wires it: ADMIN_IDS, and proactive
 * messages routed by platform to the notifier the Slack adapter hands back once it has started.
 */
async function wiredTestBot(options: HarnessOptions) {
  const tb = await makeTestBot();
  const notifiers: Record<string, Notifier> = {};
  const bot = createBot({
    flows: tb.flows,
    store: tb.store,
    translator: tb.translator,
    clock: tb.clock,
    logger: captureLogs(tb.logs),
    defaultLanguage: 'en',
    notifier: routeNotifications(notifiers),
    admins: options.admins ?? [],
    ...(options.dashboard ? { dashboard: options.dashboard } : {}),
  });
  return { tb: { ...tb, bot }, notifiers };
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const fake = await startFakeSlack();
  const { tb, notifiers } = await wiredTestBot(options);
  const logs: LogLine[] = [];
  const config = slackConfigOf(
    parseConfig({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      ...(options.staffChannel ? { SLACK_STAFF_CHANNEL: options.staffChannel } : {}),
      ...(options.requestTimeoutSeconds
        ? { REQUEST_TIMEOUT_SECONDS: String(options.requestTimeoutSeconds) }
        : {}),
      ...(options.queueLimit ? { SLACK_QUEUE_LIMIT: String(options.queueLimit) } : {}),
    }),
  );
  let running: RunningSlack;
  try {
    const handle = options.wrapHandle?.(tb.bot.handle) ?? tb.bot.handle;
    const deps = adapterDeps(tb, captureLogs(logs), { handle });
    running = await startSlack({ ...config, port: 0, host: '127.0.0.1' }, deps);
  } catch (error) {
    await fake.close();
    throw error;
  }
  notifiers.slack = running.notifier;
  const port = running.port as number;
  const post = (body: Body, options?: SendOptions) => postToApp(port, body, options);
  let hooks = 0;
  const status = async (p: Promise<{ status: number }>) => (await p).status;

  return {
    fake,
    tb,
    running,
    logs,
    post,
    command: (text, o = {}) =>
      status(post({ form: slashCommand(text, { ...o, responseUrl: fake.responseUrl(`cmd-${++hooks}`) }) })),
    admin: (text, o = {}) =>
      status(
        post({
          form: slashCommand(text, {
            ...o,
            command: '/onboard-admin',
            responseUrl: fake.responseUrl(`admin-${++hooks}`),
          }),
        }),
      ),
    type: (text, o = {}) =>
      status(post({ json: directMessage(text, o) }, o.headers ? { headers: o.headers } : {})),
    click(message, label, o = {}) {
      const button = buttonsOf(message).find((b) => b.text.text === label || b.action_id === label);
      if (!button) throw new Error(`no button "${label}" on the message`);
      const payload = buttonClick(
        {
          action_id: button.action_id,
          label: button.text.text,
          ...(button.value ? { value: button.value } : {}),
        },
        {
          message,
          responseUrl: fake.responseUrl(`click-${++hooks}`),
          ...(o.ephemeral ? { ephemeral: true } : {}),
          ...(o.user ? { user: o.user } : {}),
        },
      );
      return status(post({ form: { payload: JSON.stringify(payload) } }));
    },
    clickHome: (actionId, label) =>
      status(post({ form: { payload: JSON.stringify(homeButtonClick({ action_id: actionId, label })) } })),
    openHome: (o = {}) => status(post({ json: homeOpened(o) })),
    settle: () => running.idle(),
    dm: (user = PERSON) => fake.conversation(dmOf(user)),
    async stop() {
      try {
        await running.stop();
      } finally {
        await fake.close();
      }
    },
  };
}
