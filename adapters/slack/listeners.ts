import type { App, RespondFn } from '@slack/bolt';
import type { Bot, Logger, Translator, UserKey } from '../../src/core/index.js';
import { type Delivery, replacesClicked } from './deliver.js';
import { renderHome } from './home.js';
import {
  type ClickIn,
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
  bot: Bot;
  translator: Translator;
  logger: Logger;
  web: Web;
  deliver: Delivery;
  queue: Queue;
  localeOf: (userId: string) => Promise<string | undefined>;
  dmOf: (userId: string) => Promise<string | undefined>;
}

/** The slash command's name, as in slack-manifest.json. */
export const COMMAND = '/onboard';

/** What slack-manifest.json and SETUP.md must declare for the listeners below (a test checks both). */
export const MANIFEST = {
  command: COMMAND,
  events: ['app_home_opened', 'message.im'],
  /** Bot scope -> what needs it. views.publish (the Home tab) needs none. */
  scopes: {
    commands: COMMAND,
    'chat:write': 'chat.postMessage, chat.update',
    'im:write': 'conversations.open (the DM)',
    'im:history': 'message.im events (typing in the DM)',
    'users:read': 'users.info (the Slack language)',
  },
} as const;

/**
 * Every Slack entry point: acknowledge at once (Slack waits 3 seconds at most), then queue the work.
 * The adapter only carries words and clicks to the bot and lays out what it answers.
 */
export function registerListeners(app: App, deps: ListenerDeps): void {
  const { bot, translator, logger, web, deliver, queue, localeOf, dmOf } = deps;
  const say = (language: string) => (key: string, vars?: Record<string, unknown>) =>
    translator.t(language, key, vars);

  /** Runs the work for a parsed payload; malformed ones are logged (without their content) and dropped. */
  function accept<T extends Who>(kind: string, parsed: Parsed<T>, work: (input: T) => Promise<void>) {
    if (parsed === 'skip') return;
    if (parsed === 'invalid') {
      logger.warn({ kind }, 'ignored a slack payload that did not match its schema');
      return;
    }
    void queue.run(parsed.user, () => work(parsed));
  }

  async function languageOf(user: UserKey, userId: string) {
    const locale = await localeOf(userId);
    return { locale, language: () => bot.languageFor(user, locale) };
  }

  async function publishHome(who: Who, locale: string | undefined) {
    const reply = await bot.status(who.user, locale);
    const language = await bot.languageFor(who.user, locale);
    await web.publishHome(who.userId, renderHome(reply, say(language)));
  }

  app.command(COMMAND, async ({ ack, body, respond }) => {
    await ack();
    accept('slash_command', parseSlashCommand(body), (c) => onCommand(c, respond));
  });

  async function onCommand(c: SlashCommandIn, respond: RespondFn) {
    const { locale, language } = await languageOf(c.user, c.userId);
    const replies = await bot.handle({ user: c.user, text: c.text, deliveryId: c.deliveryId, locale });
    const lang = await language();
    const dm = await dmOf(c.userId);
    if (!dm) {
      await deliver.notice(respond, say(lang)('slack:errors.dm-failed'), lang);
      await deliver.respond(respond, replies, lang);
      return;
    }
    const posted = await deliver.post(dm, replies, lang);
    if (!posted) await deliver.notice(respond, say(lang)('slack:errors.post-failed'), lang);
    else if (c.channelId !== dm) await deliver.notice(respond, say(lang)('slack:dm-sent'), lang);
  }

  app.event('message', async ({ body }) => {
    accept('message', parseDirectMessage(body), async (m) => {
      const { locale, language } = await languageOf(m.user, m.userId);
      const replies = await bot.handle({ user: m.user, text: m.text, deliveryId: m.deliveryId, locale });
      if (replies.length > 0) await deliver.post(m.channel, replies, await language());
    });
  });

  app.event('app_home_opened', async ({ body }) => {
    accept('app_home_opened', parseHomeOpened(body), async (who) =>
      publishHome(who, await localeOf(who.userId)),
    );
  });

  app.action({ type: 'block_actions' }, async ({ ack, body, respond }) => {
    await ack();
    accept('block_actions', parseBlockAction(body), (click) => onClick(click, respond));
  });

  async function onClick(click: ClickIn, respond: RespondFn) {
    const { locale, language } = await languageOf(click.user, click.userId);
    const replies = await bot.handle({
      user: click.user,
      action: click.action,
      deliveryId: click.deliveryId,
      locale,
    });
    if (replies.length === 0) return;
    const lang = await language();
    const { where } = click;
    if (where.kind === 'home') {
      const dm = await dmOf(click.userId);
      if (dm) await deliver.post(dm, replies, lang);
      await publishHome(click, locale);
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
    if (!ok) await deliver.notice(respond, say(lang)('slack:errors.post-failed'), lang);
  }
}
