import type { ChatInputCommandInteraction } from 'discord.js';
import { ADMIN_OPTIONS, ADMIN_SUBCOMMANDS, type AdminSubcommand } from './admin-commands.js';
import { discordUser } from './user-key.js';

export { ADMIN_COMMAND_NAME } from './admin-commands.js';

const isAdminSubcommand = (name: string | null): name is AdminSubcommand =>
  name !== null && (ADMIN_SUBCOMMANDS as readonly string[]).includes(name);

/** One word for the core: spaces would split it into two arguments. */
const word = (value: string): string => value.trim().replace(/\s+/g, '-');

/**
 * `/onboard-admin <sub> [options]` as the core's typed `admin <sub> ...`. A person (a user option) is
 * passed as their full key, `discord:dm:<user id>`, the same in every server and in DMs.
 */
export function adminText(interaction: ChatInputCommandInteraction): string | undefined {
  const sub = interaction.options.getSubcommand(false);
  if (!isAdminSubcommand(sub)) return undefined;
  const { options } = interaction;
  const person = () => {
    const user = options.getUser(ADMIN_OPTIONS.user, false);
    return user ? discordUser(user) : '';
  };
  switch (sub) {
    case 'list': {
      const filter = options.getString(ADMIN_OPTIONS.filter, false)?.trim() ?? '';
      const page = options.getInteger(ADMIN_OPTIONS.page, false);
      return ['admin list', filter, page ? `page ${page}` : ''].filter(Boolean).join(' ');
    }
    case 'user':
    case 'approve':
    case 'reset':
    case 'nudge':
      return `admin ${sub} ${person()}`.trim();
    case 'move':
      return `admin move ${person()} ${word(options.getString(ADMIN_OPTIONS.step, false) ?? '')}`.trim();
    case 'nudge-stuck':
      return 'admin nudge stuck';
    case 'undo':
      return `admin undo ${word(options.getString(ADMIN_OPTIONS.id, false) ?? '')}`.trim();
    default:
      return `admin ${sub}`;
  }
}
