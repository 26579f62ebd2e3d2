import { type Interaction, MessageFlags, type RepliableInteraction } from 'discord.js';
import {
  adapterLanguage,
  type Handle,
  type Logger,
  type Reply,
  type Translator,
} from '../../src/core/index.js';
import { describeError, isDmClosed } from './errors.js';
import { type Parsed, parseInteraction } from './parse.js';
import { labelsIn, type OutgoingMessage, renderReplies } from './render.js';
import { type Answer, type Deferral, defer, messageBody, NO_MENTIONS, sendAnswer } from './respond.js';
import type { StaffServers } from './staff.js';

export interface HandlerDeps {
  handle: Handle;
  translator: Translator;
  logger: Logger;
  /** For the adapter's own words when neither a reply nor Discord's locale names a language. */
  defaultLanguage: string;
  /** Where Discord's word on who is staff counts (the operator's servers and staff role). */
  staffServers: StaffServers;
  /** Defer when the answer is not ready after this long (Discord allows 3 s); 0 always defers. */
  deferAfterMs: number;
}

/** Replies that replace what a clicked message shows; others (help, hints) arrive as a new message. */
const VIEW_KINDS: ReadonlySet<Reply['kind']> = new Set(['step', 'status', 'finished', 'confirm']);
const replacesView = (customId: string, replies: Reply[]) =>
  customId.startsWith('confirm:') || replies.some((r) => VIEW_KINDS.has(r.kind));

const SLOW = Symbol('slow');
const note = (content: string): OutgoingMessage => ({ content, embeds: [], components: [] });

/** Answers every interaction that is ours; never rejects (a rejection in a listener would crash the process). */
export function createInteractionHandler(deps: HandlerDeps) {
  const { handle, translator, logger } = deps;
  /** What the bot answered to each interaction, so that an error afterwards is told in its language. */
  const answered = new WeakMap<Interaction, Reply[]>();

  /** The adapter's own words follow the last reply, else Discord's locale, else the default. */
  const languageOf = (replies: Reply[], locale: string | undefined) =>
    adapterLanguage(replies, locale, translator.languages, deps.defaultLanguage);

  function render(parsed: Parsed, replies: Reply[], options: { offerDm: boolean; note?: string }) {
    const language = languageOf(replies, parsed.event.locale);
    const t = (key: string) => translator.t(language, key);
    return {
      t,
      messages: renderReplies(replies, {
        labels: labelsIn(translator, language),
        ...(options.offerDm ? { dmLabel: t('discord:dm.button') } : {}),
        ...(options.note ? { note: options.note } : {}),
      }),
    };
  }

  /** Sends the current step to the person's DMs; if their DMs are closed, shows it here instead. */
  async function toDm(interaction: RepliableInteraction, parsed: Parsed, replies: Reply[]): Promise<Answer> {
    const { t, messages } = render(parsed, replies, { offerDm: false });
    try {
      const channel = await interaction.user.createDM();
      for (const message of messages) await channel.send(messageBody(message));
      return { mode: 'reply', messages: [note(t('discord:dm.sent'))] };
    } catch (error) {
      if (!isDmClosed(error)) throw error;
      logger.info(
        { interaction: interaction.id, user: parsed.event.user },
        'discord DMs closed, answering in place',
      );
      const here = render(parsed, replies, { offerDm: false, note: t('discord:dm.closed') });
      return { mode: 'reply', messages: here.messages };
    }
  }

  async function produce(interaction: RepliableInteraction, parsed: Parsed): Promise<Answer | undefined> {
    const replies = await handle(parsed.event);
    answered.set(interaction, replies);
    // The core answers a delivery it has already handled with nothing: that interaction was answered then.
    if (replies.length === 0) return undefined;
    if (parsed.kind === 'dm') return toDm(interaction, parsed, replies);
    const { messages } = render(parsed, replies, { offerDm: interaction.inGuild() });
    const update = parsed.kind === 'click' && replacesView(parsed.customId, replies);
    return { mode: update ? 'update' : 'reply', messages };
  }

  async function answer(interaction: RepliableInteraction, parsed: Parsed): Promise<Deferral> {
    const ephemeral = interaction.inGuild();
    const work = produce(interaction, parsed);
    work.catch(() => undefined); // handled below; keeps a failure during defer() from being "unhandled"
    let timer: NodeJS.Timeout | undefined;
    const slow = new Promise<typeof SLOW>((resolve) => {
      timer = setTimeout(() => resolve(SLOW), deps.deferAfterMs);
    });
    const first = deps.deferAfterMs > 0 ? await Promise.race([work, slow]) : SLOW;
    clearTimeout(timer);
    let deferral: Deferral;
    if (first === SLOW) {
      deferral = parsed.kind === 'click' ? 'update' : 'reply';
      await defer(interaction, deferral, ephemeral);
    }
    const ready = first === SLOW ? await work : first;
    if (ready) await sendAnswer(interaction, ready, deferral, ephemeral);
    else if (deferral === 'reply') await interaction.deleteReply();
    return deferral;
  }

  async function answerError(interaction: RepliableInteraction) {
    try {
      const language = languageOf(answered.get(interaction) ?? [], interaction.locale);
      const body = {
        content: translator.t(language, 'discord:errors.internal'),
        allowedMentions: NO_MENTIONS,
        ...(interaction.inGuild() ? { flags: MessageFlags.Ephemeral as const } : {}),
      };
      if (interaction.deferred || interaction.replied) await interaction.followUp(body);
      else await interaction.reply(body);
    } catch (error) {
      logger.warn({ err: describeError(error), interaction: interaction.id }, 'discord error answer failed');
    }
  }

  return async function onInteraction(interaction: Interaction): Promise<void> {
    let parsed: Parsed | undefined;
    try {
      parsed = parseInteraction(interaction, deps.staffServers);
      if (!parsed || !interaction.isRepliable()) return;
      const deferral = await answer(interaction, parsed);
      logger.info(
        {
          interaction: interaction.id,
          kind: parsed.kind,
          user: parsed.event.user,
          deferred: Boolean(deferral),
        },
        'discord interaction answered',
      );
    } catch (error) {
      if (interaction.isRepliable()) await answerError(interaction);
      logger.error({ err: describeError(error), interaction: interaction.id }, 'discord interaction failed');
    }
  };
}
