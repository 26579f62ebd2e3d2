import type { Interaction, User } from 'discord.js';
import type { IncomingEvent, UserKey } from '../../src/core/index.js';
import { COMMAND_NAME, LANG_OPTION, SUBCOMMANDS, type Subcommand } from './commands.js';
import { DM_BUTTON_ID } from './components.js';

/**
 * One key per person, wherever they talk to the bot: Discord user ids are global, so the journey started
 * with `/onboard` in any server continues in DMs (and in other servers). "dm" names the one place that is
 * always the person's own, where proactive messages would go.
 */
export const discordUser = (user: Pick<User, 'id'>): UserKey => `discord:dm:${user.id}`;

/** What an interaction asks of the adapter. */
export type Parsed =
  /** A slash command: answered with a new message. */
  | { kind: 'command'; event: IncomingEvent }
  /** A button or select menu on one of our messages: answered by updating that message. */
  | { kind: 'click'; event: IncomingEvent; customId: string }
  /** "Continue in DMs": the current step is sent to the person's DMs. */
  | { kind: 'dm'; event: IncomingEvent };

const isSubcommand = (name: string | null): name is Subcommand =>
  name !== null && (SUBCOMMANDS as readonly string[]).includes(name);

/** An interaction to an event for the core; undefined for interactions that are not ours. */
export function parseInteraction(interaction: Interaction): Parsed | undefined {
  const base = {
    user: discordUser(interaction.user),
    deliveryId: interaction.id,
    locale: interaction.locale,
  };
  if (interaction.isChatInputCommand()) {
    if (interaction.commandName !== COMMAND_NAME) return undefined;
    const sub = interaction.options.getSubcommand(false);
    if (!isSubcommand(sub)) return undefined;
    const code = sub === 'lang' ? interaction.options.getString(LANG_OPTION, false) : null;
    return { kind: 'command', event: { ...base, text: code ? `lang ${code}` : sub } };
  }
  if (interaction.isButton()) {
    if (interaction.customId === DM_BUTTON_ID) return { kind: 'dm', event: { ...base, text: 'start' } };
    return {
      kind: 'click',
      event: { ...base, action: interaction.customId },
      customId: interaction.customId,
    };
  }
  if (interaction.isStringSelectMenu()) {
    const [value] = interaction.values;
    if (value === undefined) return undefined;
    return { kind: 'click', event: { ...base, action: value }, customId: interaction.customId };
  }
  return undefined;
}
