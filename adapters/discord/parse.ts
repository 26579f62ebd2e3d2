import type { Interaction } from 'discord.js';
import { z } from 'zod';
import type { IncomingEvent } from '../../src/core/index.js';
import { ADMIN_COMMAND_NAME, adminCommandOf } from './admin-parse.js';
import { COMMAND_NAME, FLOW_OPTION, LANG_OPTION, SUBCOMMANDS, type Subcommand } from './commands.js';
import { DM_BUTTON_ID } from './components.js';
import { type StaffServers, vouchedStaff } from './staff.js';
import { discordUser } from './user-key.js';

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

const Snowflake = z.string().regex(/^\d{5,25}$/);
/** The fields of an interaction that reach the core; anything else is ignored, never trusted. */
const InteractionFieldsSchema = z.object({
  id: Snowflake,
  userId: Snowflake,
  locale: z.string().max(16),
  customId: z.string().min(1).max(100).optional(),
  values: z.array(z.string().max(100)).max(25).optional(),
});

const named = (name: unknown): name is string => typeof name === 'string' && name.trim() !== '';

/**
 * The person's name where they are: their nickname in the server, else their global display name,
 * else their username. The core cleans it before keeping it.
 */
function nameOf(interaction: Interaction): string | undefined {
  const member = interaction.member;
  const nick = member ? ('nickname' in member ? member.nickname : member.nick) : undefined;
  return [nick, interaction.user.globalName, interaction.user.username].find(named);
}

/** Where members with Manage Server or the staff role are staff; nobody is when absent. */
export type ParseOptions = Partial<StaffServers>;

/**
 * An interaction to an event for the core; undefined for interactions that are not ours. Every event
 * says whether Discord vouches that the person is staff; the core decides what that allows.
 */
export function parseInteraction(interaction: Interaction, options: ParseOptions = {}): Parsed | undefined {
  const fields = InteractionFieldsSchema.safeParse({
    id: interaction.id,
    userId: interaction.user?.id,
    locale: interaction.locale,
    customId: interaction.isMessageComponent() ? interaction.customId : undefined,
    values: interaction.isStringSelectMenu() ? interaction.values : undefined,
  });
  if (!fields.success) return undefined;
  const displayName = nameOf(interaction);
  const base = {
    user: discordUser(interaction.user),
    deliveryId: interaction.id,
    locale: interaction.locale,
    ...(displayName ? { displayName } : {}),
    ...(vouchedStaff(interaction, {
      guildIds: options.guildIds ?? new Set(),
      adminRoleId: options.adminRoleId,
    })
      ? { staff: true }
      : {}),
  };
  if (interaction.isChatInputCommand()) {
    if (interaction.commandName === ADMIN_COMMAND_NAME) {
      const staffCommand = adminCommandOf(interaction);
      return staffCommand === undefined ? undefined : { kind: 'command', event: { ...base, staffCommand } };
    }
    if (interaction.commandName !== COMMAND_NAME) return undefined;
    const sub = interaction.options.getSubcommand(false);
    if (!isSubcommand(sub)) return undefined;
    const code = sub === 'lang' ? interaction.options.getString(LANG_OPTION, false) : null;
    const flow = sub === 'start' ? interaction.options.getString(FLOW_OPTION, false) : null;
    const text = code ? `lang ${code}` : flow ? `start ${flow}` : sub;
    return { kind: 'command', event: { ...base, text } };
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
