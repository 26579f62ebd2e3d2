import type { App, RespondFn } from '@slack/bolt';
import {
  adapterLanguage,
  type Handle,
  type IncomingEvent,
  type Logger,
  type Reply,
  type Translator,
} from '../../src/core/index.js';
import type { BusyAnswers, BusyTarget } from './busy.js';
import { type Delivery, replacesClicked } from './deliver.js';
import type { WithFiles } from './files.js';
import { renderHome } from './home.js';
import type { ProfileLookup } from './lookups.js';
import {
  ADMIN_COMMAND,
  type ClickIn,
  COMMAND,
  type DirectMessageIn,
  type Parsed,
  parseBlockAction,
  parseDirectMessage,
  parseHomeOpened,
  parseSlashCommand,
  type SlashCommandIn,
  type Who,
} from './parse.js';
import type { Queue } from './queue.js';
import type { Web } from './web.js';

export interface ListenerDeps {
  handle: Handle;
  translator: Translator;
  /** For the adapter's own words when neither a reply nor Slack's locale names a language. */
  defaultLanguage: string;
  logger: Logger;
  web: Web;
  deliver: Delivery;
  queue: Queue;
  /** Tells a person the bot is busy when the queue refused their request. */
  busy: BusyAnswers;
  profileOf: ProfileLookup;
  dmOf: (userId: string) => Promise<string | undefined>;
  withFiles: WithFiles;
}

/**
 * Every Slack entry point: queue the work, and acknowledge slash commands and clicks at once (Slack waits
 * 3 seconds at most and never sends them again). A DM (an Events API event) is acknowledged once the
 * bot has saved what it changed, before the replies go out: Slack sends an event it had no answer to
 * again (the delivery id makes the repeat count once, on any instance), so an instance that dies before
 * the save loses nothing, and the person's next event cannot overtake it. The Home tab changes nothing
 * and is acknowledged at once. When the queue is full the person is told the bot is busy: in the slash command's or click's
 * response_url (only they see it), or in their DM (typed there, or a Home tab click); a refused Home tab visit is only counted.
 * The adapter only carries words and clicks to the bot and lays out what it answers.
 */
export function registerListeners(app: App, deps: ListenerDeps): void {
  const accept = accepting(deps);
  app.command(COMMAND, async ({ ack, body, respond }) => {
    await ack();
    void accept('slash_command', parseSlashCommand(body), (c) => onCommand(deps, c, respond), { respond });
  });
  app.command(ADMIN_COMMAND, async ({ ack, body, respond }) => {
    await ack();
    void accept('slash_command', parseSlashCommand(body), (c) => onAdminCommand(deps, c, respond), {
      respond,
    });
  });
  app.event('message', async ({ body }) => {
    // The HTTP receiver answers when this returns (processBeforeResponse): once the change is saved.
    await accept(
      'message',
      parseDirectMessage(body),
      (m, saved) => onMessage(deps, m, saved),
      (m) => ({ channel: m.channel }),
    );
  });
  app.event('app_home_opened', async ({ body }) => {
    void accept('app_home_opened', parseHomeOpened(body), async (who) =>
      publishHome(deps, who, (await deps.profileOf(who.userId)).locale),
    );
  });
  app.action({ type: 'block_actions' }, async ({ ack, body, respond }) => {
    await ack();
    // A click on the Home tab comes without a response_url: the busy answer goes to their DM.
    const busyAt = body.response_url ? { respond } : 'dm';
    void accept('block_actions', parseBlockAction(body), (click) => onClick(deps, click, respond), busyAt);
  });
}

/**
 * Queues the work for a parsed payload in the person's queue, or, when the queue is full, has them told
 * the bot is busy (at `busyAt`). Malformed payloads are logged (without their content) and dropped.
 * Resolves once the work calls `saved` (the bot has answered, so its change is durable) or has ended,
 * and at once when nothing was queued; a caller that need not wait for the save does not await it.
 */
function accepting({ logger, queue, busy }: ListenerDeps) {
  return <T extends Who>(
    kind: string,
    parsed: Parsed<T>,
    work: (input: T, saved: () => void) => Promise<void>,
    busyAt?: BusyTarget | ((input: T) => BusyTarget),
  ): Promise<void> => {
    if (parsed === 'skip') return Promise.resolve();
    if (parsed === 'invalid') {
      logger.warn({ kind }, 'ignored a slack payload that did not match its schema');
      return Promise.resolve();
    }
    let saved: () => void = () => undefined;
    const kept = new Promise<void>((resolve) => {
      saved = resolve;
    });
    if (queue.accept(parsed.user, () => work(parsed, saved).finally(saved))) return kept;
    busy(kind, parsed, typeof busyAt === 'function' ? busyAt(parsed) : busyAt);
    return Promise.resolve();
  };
}

/** The adapter's own words in a language. */
const say = (deps: ListenerDeps, language: string) => (key: string, vars?: Record<string, unknown>) =>
  deps.translator.t(language, key, vars);

/**
 * Who is acting, as the core needs it: their Slack language, time zone and name, and `staff` when Slack
 * says they are a workspace admin or owner (ADMIN_IDS is the bot's own list). `language` reads the
 * bot's answer, so a `lang` choice made just now counts.
 */
async function identify(deps: ListenerDeps, who: Who) {
  const { locale, timeZone, displayName, staff } = await deps.profileOf(who.userId);
  const event: IncomingEvent = {
    user: who.user,
    ...(locale ? { locale } : {}),
    ...(timeZone ? { timeZone } : {}),
    ...(displayName ? { displayName } : {}),
    ...(staff ? { staff: true } : {}),
  };
  const language = (replies: Reply[]) =>
    adapterLanguage(replies, locale, deps.translator.languages, deps.defaultLanguage);
  return { event, locale, language };
}

/** The Home tab shows what the bot answers to a look (`view: 'status'`), which changes nothing. */
async function publishHome(deps: ListenerDeps, who: Who, locale: string | undefined) {
  const replies = await deps.handle({ user: who.user, ...(locale ? { locale } : {}), view: 'status' });
  const [reply] = replies;
  if (!reply) return;
  const language = adapterLanguage(replies, locale, deps.translator.languages, deps.defaultLanguage);
  await deps.web.publishHome(who.userId, renderHome(reply, say(deps, language)));
}

/** Hands a slash command to the bot; returns its answer, the person's language and their DM. */
async function handleCommand(deps: ListenerDeps, c: SlashCommandIn) {
  const { event, language } = await identify(deps, c);
  const answered = await deps.handle({ ...event, text: c.text, deliveryId: c.deliveryId });
  return { answered, lang: language(answered), dm: await deps.dmOf(c.userId) };
}

async function onCommand(deps: ListenerDeps, c: SlashCommandIn, respond: RespondFn) {
  const { deliver } = deps;
  const { answered, lang, dm } = await handleCommand(deps, c);
  const replies = await deps.withFiles(answered, c.userId, lang, c.channelId === dm);
  if (!dm) {
    await deliver.notice(respond, say(deps, lang)('slack:errors.dm-failed'), lang);
    await deliver.respond(respond, replies, lang);
    return;
  }
  const posted = await deliver.post(dm, replies, lang);
  if (!posted) await deliver.notice(respond, say(deps, lang)('slack:errors.post-failed'), lang);
  else if (c.channelId !== dm) await deliver.notice(respond, say(deps, lang)('slack:dm-sent'), lang);
}

/** Staff answers stay where they were asked: in the DM, or only for the asker (ephemeral) elsewhere. */
async function onAdminCommand(deps: ListenerDeps, c: SlashCommandIn, respond: RespondFn) {
  const { deliver } = deps;
  const { answered, lang, dm } = await handleCommand(deps, c);
  const inDm = dm !== undefined && c.channelId === dm;
  const replies = await deps.withFiles(answered, c.userId, lang, inDm);
  if (!inDm) {
    await deliver.respond(respond, replies, lang);
    return;
  }
  if (!(await deliver.post(dm, replies, lang)))
    await deliver.notice(respond, say(deps, lang)('slack:errors.post-failed'), lang);
}

async function onMessage(deps: ListenerDeps, m: DirectMessageIn, saved: () => void) {
  const { event, language } = await identify(deps, m);
  const answered = await deps.handle({ ...event, text: m.text, deliveryId: m.deliveryId });
  saved();
  if (answered.length === 0) return;
  const lang = language(answered);
  await deps.deliver.post(m.channel, await deps.withFiles(answered, m.userId, lang, true), lang);
}

async function onClick(deps: ListenerDeps, click: ClickIn, respond: RespondFn) {
  const { deliver } = deps;
  const { event, locale, language } = await identify(deps, click);
  const replies = await deps.handle({ ...event, action: click.action, deliveryId: click.deliveryId });
  if (replies.length === 0) return;
  const lang = language(replies);
  const { where } = click;
  if (where.kind === 'home') {
    const dm = await deps.dmOf(click.userId);
    if (dm) await deliver.post(dm, replies, lang);
    await publishHome(deps, click, locale);
    return;
  }
  const [first, ...rest] = replies;
  const inPlace = replacesClicked(first);
  if (where.ephemeral) {
    await deliver.respond(respond, replies, lang, inPlace);
    return;
  }
  let ok = true;
  if (inPlace && first) ok = await deliver.replace(where.channel, where.ts, first, lang);
  ok = (await deliver.post(where.channel, inPlace ? rest : replies, lang)) && ok;
  if (!ok) await deliver.notice(respond, say(deps, lang)('slack:errors.post-failed'), lang);
}
