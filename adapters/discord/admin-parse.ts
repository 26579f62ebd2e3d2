import type { ChatInputCommandInteraction } from 'discord.js';
import {
  type AdminCommand,
  type ArgumentValue,
  type StaffArgument,
  staffCommandFrom,
} from '../../src/core/index.js';
import { ADMIN_OPTIONS } from './admin-commands.js';
import { discordUser } from './user-key.js';

export { ADMIN_COMMAND_NAME } from './admin-commands.js';

/**
 * `/onboard-admin <sub> [options]` as the core's typed staff command, read option by option through the
 * core's table. A person (a user option) is passed as their full key, `discord:dm:<user id>`, the same in
 * every server and in DMs. Undefined for a subcommand the table does not have.
 */
export function adminCommandOf(interaction: ChatInputCommandInteraction): AdminCommand | undefined {
  const sub = interaction.options.getSubcommand(false);
  if (sub === null) return undefined;
  const { options } = interaction;
  const read = (arg: StaffArgument): ArgumentValue => {
    const name = ADMIN_OPTIONS[arg.kind];
    if (arg.kind === 'person') {
      const user = options.getUser(name, false);
      return user ? discordUser(user) : undefined;
    }
    if (arg.kind === 'page') return options.getInteger(name, false) ?? undefined;
    return options.getString(name, false) ?? undefined;
  };
  return staffCommandFrom(sub, read);
}
