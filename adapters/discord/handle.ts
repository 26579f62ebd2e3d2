import { type Interaction, MessageFlags, type RepliableInteraction } from 'discord.js';
import {
  adapterLanguage,
  type Handle,
  type Logger,
  type Reply,
  type Translator,
} from '../../src/core/index.js';
import { createOwnership, mustDefer, type Ownership } from './acknowledge.js';
import { describeError, isDmClosed } from './errors.js';
import { type Parsed, parseInteraction } from './parse.js';
import { labelsIn, type OutgoingMessage, type PackedReply, packFiles, renderReplies } from './render.js';
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
  /**
   * Defer when the answer is not ready after this long (Discord allows 3 s); 0 defers at once. Either way
   * only once the core has claimed the interaction for this instance (another may be answering it).
   */
  deferAfterMs: number;
}

/** Replies that replace what a clicked message shows; others (help, hints) arrive as a new message. */
const VIEW_KINDS: ReadonlySet<Reply['kind']> = new Set(['step', 'status', 'finished', 'confirm']);
const replacesView = (customId: string, replies: Reply[]) =>
  customId.startsWith('confirm:') || replies.some((r) => VIEW_KINDS.has(r.kind));

const note = (content: string): OutgoingMessage => ({ content, embeds: [], components: [] });

/** The handler's deps, and what the bot answered to each interaction (for an error told afterwards). */
interface Ctx extends HandlerDeps {
  answered: WeakMap<Interaction, Reply[]>;
}

/** Answers every interaction that is ours; never rejects (a rejection in a listener would crash the process). */
export function createInteractionHandler(deps: HandlerDeps) {
  const ctx: Ctx = { ...deps, answered: new WeakMap() };
  const { logger } = deps;
  return async function onInteraction(interaction: Interaction): Promise<void> {
    try {
      const parsed = parseInteraction(interaction, deps.staffServers);
      if (!parsed || !interaction.isRepliable()) return;
      const ownership = createOwnership();
      const work = produce(ctx, interaction, parsed, ownership);
      const deferral = await answer(interaction, parsed, work, ownership, deps.deferAfterMs);
      logger.info(
        {
          interaction: interaction.id,
          kind: parsed.kind,
          user: parsed.event.user,
          deferred: Boolean(deferral),
          claimed: ownership.isOwned(),
        },
        'discord interaction answered',
      );
    } catch (error) {
      if (interaction.isRepliable()) await answerError(ctx, interaction);
      logger.error({ err: describeError(error), interaction: interaction.id }, 'discord interaction failed');
    }
  };
}

/** The adapter's own words follow the last reply, else Discord's locale, else the default. */
const languageOf = (ctx: Ctx, replies: Reply[], locale: string | undefined) =>
  adapterLanguage(replies, locale, ctx.translator.languages, ctx.defaultLanguage);

function render(
  ctx: Ctx,
  parsed: Parsed,
  replies: PackedReply[],
  options: { offerDm: boolean; note?: string },
) {
  const { translator } = ctx;
  const language = languageOf(ctx, replies, parsed.event.locale);
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
async function toDm(
  ctx: Ctx,
  interaction: RepliableInteraction,
  parsed: Parsed,
  replies: PackedReply[],
): Promise<Answer> {
  const { t, messages } = render(ctx, parsed, replies, { offerDm: false });
  try {
    const channel = await interaction.user.createDM();
    for (const message of messages) await channel.send(messageBody(message));
    return { mode: 'reply', messages: [note(t('discord:dm.sent'))] };
  } catch (error) {
    if (!isDmClosed(error)) throw error;
    ctx.logger.info(
      { interaction: interaction.id, user: parsed.event.user },
      'discord DMs closed, answering in place',
    );
    const here = render(ctx, parsed, replies, { offerDm: false, note: t('discord:dm.closed') });
    return { mode: 'reply', messages: here.messages };
  }
}

/** What to show for one interaction: the bot's answer laid out, or nothing for a repeat. */
async function produce(
  ctx: Ctx,
  interaction: RepliableInteraction,
  parsed: Parsed,
  ownership: Ownership,
): Promise<Answer | undefined> {
  const replies = await ctx.handle(parsed.event, { claimed: ownership.claim });
  ctx.answered.set(interaction, replies);
  // The core answers a delivery already handled (here or by another instance) with nothing, unclaimed:
  // whoever claimed it answers it, and this instance sends Discord nothing.
  if (replies.length === 0) return undefined;
  const packed = await packFiles(replies);
  if (parsed.kind === 'dm') return toDm(ctx, interaction, parsed, packed);
  const { messages } = render(ctx, parsed, packed, { offerDm: interaction.inGuild() });
  const update = parsed.kind === 'click' && replacesView(parsed.customId, replies);
  return { mode: update ? 'update' : 'reply', messages };
}

/**
 * Sends the answer at once when it is ready in time; otherwise, once the interaction is ours, defers
 * first, then edits or follows up. A repeat (never ours) sends nothing.
 */
async function answer(
  interaction: RepliableInteraction,
  parsed: Parsed,
  work: Promise<Answer | undefined>,
  ownership: Ownership,
  deferAfterMs: number,
): Promise<Deferral> {
  const ephemeral = interaction.inGuild();
  work.catch(() => undefined); // handled below; keeps a failure during defer() from being "unhandled"
  let deferral: Deferral;
  if (await mustDefer(work, ownership, deferAfterMs)) {
    deferral = parsed.kind === 'click' ? 'update' : 'reply';
    await defer(interaction, deferral, ephemeral);
  }
  const ready = await work;
  if (ready) await sendAnswer(interaction, ready, deferral, ephemeral);
  else if (deferral === 'reply') await interaction.deleteReply();
  return deferral;
}

async function answerError(ctx: Ctx, interaction: RepliableInteraction) {
  try {
    const language = languageOf(ctx, ctx.answered.get(interaction) ?? [], interaction.locale);
    const body = {
      content: ctx.translator.t(language, 'discord:errors.internal'),
      allowedMentions: NO_MENTIONS,
      ...(interaction.inGuild() ? { flags: MessageFlags.Ephemeral as const } : {}),
    };
    if (interaction.deferred || interaction.replied) await interaction.followUp(body);
    else await interaction.reply(body);
  } catch (error) {
    ctx.logger.warn(
      { err: describeError(error), interaction: interaction.id },
      'discord error answer failed',
    );
  }
}
