import {
  AttachmentBuilder,
  MessageFlags,
  type MessageMentionOptions,
  type RepliableInteraction,
} from 'discord.js';
import type { OutgoingMessage } from './render.js';

/** Nothing the bot sends may ping anyone: no @everyone, @here, roles or users. */
export const NO_MENTIONS: MessageMentionOptions = { parse: [] };

export interface Answer {
  /** `update` replaces the message that was clicked; `reply` sends a new one. */
  mode: 'update' | 'reply';
  messages: OutgoingMessage[];
}

/** How the interaction was acknowledged before its answer was ready, if it was. */
export type Deferral = 'update' | 'reply' | undefined;

/** The body of one message; content is sent when there is some, or when it must be cleared by an update. */
export function messageBody(message: OutgoingMessage, clearContent = false) {
  return {
    ...(message.content || clearContent ? { content: message.content } : {}),
    embeds: message.embeds,
    components: message.components,
    allowedMentions: NO_MENTIONS,
    ...(message.files?.length
      ? {
          files: message.files.map((f) => new AttachmentBuilder(f.data, { name: f.name })),
        }
      : {}),
  };
}

const flagsFor = (ephemeral: boolean): { flags?: MessageFlags.Ephemeral } =>
  ephemeral ? { flags: MessageFlags.Ephemeral } : {};

/** Acknowledges within Discord's 3 seconds when the answer takes longer (type 6 or 5). */
export async function defer(interaction: RepliableInteraction, as: 'update' | 'reply', ephemeral: boolean) {
  if (as === 'update' && interaction.isMessageComponent()) await interaction.deferUpdate();
  else await interaction.deferReply(flagsFor(ephemeral));
}

/**
 * Sends an answer: an update of the clicked message (type 7, or an edit after a deferred update) or a new
 * message (type 4, or an edit after a deferred reply); further messages follow up.
 */
export async function sendAnswer(
  interaction: RepliableInteraction,
  answer: Answer,
  deferral: Deferral,
  ephemeral: boolean,
): Promise<void> {
  const [first, ...rest] = answer.messages;
  if (!first) {
    if (deferral === 'reply') await interaction.deleteReply();
    return;
  }
  const update = answer.mode === 'update' && interaction.isMessageComponent();
  if (update && deferral === 'update') await interaction.editReply(messageBody(first, true));
  else if (update && interaction.isMessageComponent()) await interaction.update(messageBody(first, true));
  else if (deferral === 'reply') await interaction.editReply(messageBody(first));
  else if (deferral === 'update')
    await interaction.followUp({ ...messageBody(first), ...flagsFor(ephemeral) });
  else await interaction.reply({ ...messageBody(first), ...flagsFor(ephemeral) });
  for (const message of rest) await interaction.followUp({ ...messageBody(message), ...flagsFor(ephemeral) });
}
