import {
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { type Flow, placedSteps, type Translator } from '../../src/core/index.js';
import { clipText as shorten } from '../kit/index.js';
import { contextsFor, described, localized, type Scope } from './commands.js';

export const ADMIN_COMMAND_NAME = 'onboard-admin';

/** Each subcommand is the core's `admin <word>`; `nudge-stuck` is `admin nudge stuck`. */
export const ADMIN_SUBCOMMANDS = [
  'stats',
  'list',
  'user',
  'approve',
  'move',
  'reset',
  'nudge',
  'nudge-stuck',
  'export',
  'audit',
  'undo',
] as const;
export type AdminSubcommand = (typeof ADMIN_SUBCOMMANDS)[number];

/** Option names (what interactions carry). */
export const ADMIN_OPTIONS = {
  user: 'user',
  step: 'step',
  filter: 'filter',
  page: 'page',
  id: 'id',
} as const;
type OptionName = keyof typeof ADMIN_OPTIONS;

/** Discord allows 25 choices; a flow with more steps gets a free-text step option. */
const MAX_CHOICES = 25;

/** Name and description keys, written out so every key can be found in the source. */
const TEXTS: Record<AdminSubcommand | 'admin', { name: string; description: string }> = {
  admin: { name: 'discord:admin.name', description: 'discord:admin.description' },
  stats: { name: 'discord:admin.stats.name', description: 'discord:admin.stats.description' },
  list: { name: 'discord:admin.list.name', description: 'discord:admin.list.description' },
  user: { name: 'discord:admin.user.name', description: 'discord:admin.user.description' },
  approve: { name: 'discord:admin.approve.name', description: 'discord:admin.approve.description' },
  move: { name: 'discord:admin.move.name', description: 'discord:admin.move.description' },
  reset: { name: 'discord:admin.reset.name', description: 'discord:admin.reset.description' },
  nudge: { name: 'discord:admin.nudge.name', description: 'discord:admin.nudge.description' },
  'nudge-stuck': {
    name: 'discord:admin.nudge-stuck.name',
    description: 'discord:admin.nudge-stuck.description',
  },
  export: { name: 'discord:admin.export.name', description: 'discord:admin.export.description' },
  audit: { name: 'discord:admin.audit.name', description: 'discord:admin.audit.description' },
  undo: { name: 'discord:admin.undo.name', description: 'discord:admin.undo.description' },
};

const OPTION_TEXTS: Record<OptionName, { name: string; description: string }> = {
  user: { name: 'discord:admin.options.user.name', description: 'discord:admin.options.user.description' },
  step: { name: 'discord:admin.options.step.name', description: 'discord:admin.options.step.description' },
  filter: {
    name: 'discord:admin.options.filter.name',
    description: 'discord:admin.options.filter.description',
  },
  page: { name: 'discord:admin.options.page.name', description: 'discord:admin.options.page.description' },
  id: { name: 'discord:admin.options.id.name', description: 'discord:admin.options.id.description' },
};

/** A step to move someone to: its title in every language, and its id (what the core is given). */
function stepChoice(translator: Translator, flow: Flow, id: string) {
  const label = (title: string) => `${shorten(title, 100 - id.length - 3)} (${id})`;
  const key = `${flow.id}:steps.${id}.title`;
  const name_localizations = Object.fromEntries(
    Object.entries(localized(translator, key)).map(([locale, title]) => [locale, label(title ?? '')]),
  );
  return { name: label(translator.t('en', key)), name_localizations, value: id };
}

function optionsFor(
  translator: Translator,
  sub: AdminSubcommand,
  flow: Flow,
): APIApplicationCommandBasicOption[] {
  const texts = (name: OptionName) => described(translator, OPTION_TEXTS[name], ADMIN_OPTIONS[name]);
  const person: APIApplicationCommandBasicOption = {
    type: ApplicationCommandOptionType.User,
    ...texts('user'),
    required: true,
  };
  switch (sub) {
    case 'list':
      return [
        { type: ApplicationCommandOptionType.String, ...texts('filter'), required: false, max_length: 60 },
        { type: ApplicationCommandOptionType.Integer, ...texts('page'), required: false, min_value: 1 },
      ];
    case 'user':
    case 'approve':
    case 'reset':
    case 'nudge':
      return [person];
    case 'move': {
      const ids = placedSteps(flow).map((p) => p.step.id);
      const choices =
        ids.length <= MAX_CHOICES ? { choices: ids.map((id) => stepChoice(translator, flow, id)) } : {};
      return [
        person,
        { type: ApplicationCommandOptionType.String, ...texts('step'), required: true, ...choices },
      ];
    }
    case 'undo':
      return [{ type: ApplicationCommandOptionType.String, ...texts('id'), required: true, max_length: 20 }];
    default:
      return [];
  }
}

/**
 * The command body. Discord's OpenAPI spec types `default_member_permissions` as an integer (its docs
 * show a string; the API takes both), so it goes as the number, which every reading accepts.
 */
type AdminCommandBody = Omit<
  RESTPostAPIChatInputApplicationCommandsJSONBody,
  'default_member_permissions'
> & {
  default_member_permissions: number;
};

/**
 * `/onboard-admin` and its subcommands. Discord shows it only to members with Manage Server (server
 * admins may grant it to a role under Integrations); the bot still checks who is staff on every use.
 */
export function adminCommand(translator: Translator, scope: Scope, flow: Flow): AdminCommandBody {
  const options: APIApplicationCommandSubcommandOption[] = ADMIN_SUBCOMMANDS.map((sub) => ({
    type: ApplicationCommandOptionType.Subcommand,
    ...described(translator, TEXTS[sub], sub),
    options: optionsFor(translator, sub, flow),
  }));
  return {
    type: ApplicationCommandType.ChatInput,
    ...described(translator, TEXTS.admin, ADMIN_COMMAND_NAME),
    default_member_permissions: Number(PermissionFlagsBits.ManageGuild),
    options,
    ...contextsFor(scope),
  };
}
