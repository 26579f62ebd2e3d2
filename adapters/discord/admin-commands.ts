import {
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import {
  type ArgumentKind,
  type Flow,
  placedSteps,
  STAFF_COMMANDS,
  type StaffArgument,
  type Translator,
} from '../../src/core/index.js';
import { clipText as shorten } from '../kit/index.js';
import { contextsFor, described, flowChoices, localized, MAX_CHOICES, type Scope } from './commands.js';

export const ADMIN_COMMAND_NAME = 'onboard-admin';

/** Option names (what interactions carry), one per kind of argument in the core's staff command table. */
export const ADMIN_OPTIONS: Record<ArgumentKind, string> = {
  person: 'user',
  step: 'step',
  'list-filter': 'filter',
  page: 'page',
  'audit-id': 'id',
  flow: 'flow',
};

/** The command's own name and description keys. */
const ADMIN_TEXTS = { name: 'discord:admin.name', description: 'discord:admin.description' };

/** Each subcommand's keys: `discord:admin.<name>.name` and `.description`, for every table entry. */
const subcommandTexts = (name: string) => ({
  name: `discord:admin.${name}.name`,
  description: `discord:admin.${name}.description`,
});

/** Option name and description keys, written out so every key can be found in the source. */
const OPTION_TEXTS: Record<ArgumentKind, { name: string; description: string }> = {
  person: { name: 'discord:admin.options.user.name', description: 'discord:admin.options.user.description' },
  step: { name: 'discord:admin.options.step.name', description: 'discord:admin.options.step.description' },
  'list-filter': {
    name: 'discord:admin.options.filter.name',
    description: 'discord:admin.options.filter.description',
  },
  page: { name: 'discord:admin.options.page.name', description: 'discord:admin.options.page.description' },
  'audit-id': { name: 'discord:admin.options.id.name', description: 'discord:admin.options.id.description' },
  flow: { name: 'discord:admin.options.flow.name', description: 'discord:admin.options.flow.description' },
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

/**
 * What each kind of argument looks like as a slash-command option (besides its texts and `required`).
 * Steps are offered from every flow (a person is moved within their own); more than Discord's 25 choices
 * make the step a free-text option.
 */
function optionShape(translator: Translator, kind: ArgumentKind, flows: readonly Flow[]) {
  switch (kind) {
    case 'person':
      return { type: ApplicationCommandOptionType.User } as const;
    case 'list-filter':
      return { type: ApplicationCommandOptionType.String, max_length: 60 } as const;
    case 'page':
      return { type: ApplicationCommandOptionType.Integer, min_value: 1 } as const;
    case 'audit-id':
      return { type: ApplicationCommandOptionType.String, max_length: 20 } as const;
    case 'flow':
      return { type: ApplicationCommandOptionType.String, choices: flowChoices(translator, flows) } as const;
    case 'step': {
      const steps = flows.flatMap((flow) => placedSteps(flow).map((p) => ({ flow, id: p.step.id })));
      const unique = steps.filter((s, i) => steps.findIndex((o) => o.id === s.id) === i);
      const choices =
        unique.length <= MAX_CHOICES
          ? { choices: unique.map(({ flow, id }) => stepChoice(translator, flow, id)) }
          : {};
      return { type: ApplicationCommandOptionType.String, ...choices } as const;
    }
  }
}

function optionFor(
  translator: Translator,
  arg: StaffArgument,
  flows: readonly Flow[],
): APIApplicationCommandBasicOption {
  const { type, ...rest } = optionShape(translator, arg.kind, flows);
  const texts = described(translator, OPTION_TEXTS[arg.kind], ADMIN_OPTIONS[arg.kind]);
  return { type, ...texts, required: arg.required, ...rest } as APIApplicationCommandBasicOption;
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
export function adminCommand(translator: Translator, scope: Scope, flows: readonly Flow[]): AdminCommandBody {
  const options: APIApplicationCommandSubcommandOption[] = STAFF_COMMANDS.map((c) => ({
    type: ApplicationCommandOptionType.Subcommand,
    ...described(translator, subcommandTexts(c.name), c.name),
    options: c.args.map((arg) => optionFor(translator, arg, flows)),
  }));
  return {
    type: ApplicationCommandType.ChatInput,
    ...described(translator, ADMIN_TEXTS, ADMIN_COMMAND_NAME),
    default_member_permissions: Number(PermissionFlagsBits.ManageGuild),
    options,
    ...contextsFor(scope),
  };
}
