import {
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  Locale,
  type LocalizationMap,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { Flow, Translator } from '../../src/core/index.js';
import { clipText } from '../kit/index.js';

export const COMMAND_NAME = 'onboard';
export const LANG_OPTION = 'code';
/** `/onboard start flow:<id>`: the flow to go to. */
export const FLOW_OPTION = 'flow';
/** The base language of command names and descriptions; the others become localizations. */
const BASE_LANGUAGE = 'en';

/** Each subcommand is the core's command word of the same name. */
export const SUBCOMMANDS = [
  'start',
  'flows',
  'status',
  'done',
  'back',
  'help',
  'lang',
  'restart',
  'mute',
  'unmute',
] as const;
export type Subcommand = (typeof SUBCOMMANDS)[number];

/** Name and description keys, written out so every key can be found in the source. */
const TEXTS: Record<Subcommand | 'onboard' | 'code' | 'flow', { name: string; description: string }> = {
  onboard: { name: 'discord:commands.onboard.name', description: 'discord:commands.onboard.description' },
  start: { name: 'discord:commands.start.name', description: 'discord:commands.start.description' },
  flow: {
    name: 'discord:commands.start.flow.name',
    description: 'discord:commands.start.flow.description',
  },
  flows: { name: 'discord:commands.flows.name', description: 'discord:commands.flows.description' },
  status: { name: 'discord:commands.status.name', description: 'discord:commands.status.description' },
  done: { name: 'discord:commands.done.name', description: 'discord:commands.done.description' },
  back: { name: 'discord:commands.back.name', description: 'discord:commands.back.description' },
  help: { name: 'discord:commands.help.name', description: 'discord:commands.help.description' },
  lang: { name: 'discord:commands.lang.name', description: 'discord:commands.lang.description' },
  restart: { name: 'discord:commands.restart.name', description: 'discord:commands.restart.description' },
  mute: { name: 'discord:commands.mute.name', description: 'discord:commands.mute.description' },
  unmute: { name: 'discord:commands.unmute.name', description: 'discord:commands.unmute.description' },
  code: {
    name: 'discord:commands.lang.code.name',
    description: 'discord:commands.lang.code.description',
  },
};

const DISCORD_LOCALES = Object.values(Locale) as string[];

/** Discord locales a language of ours covers: the same code, else every region of a bare language (`es`). */
function discordLocalesFor(language: string): Locale[] {
  const lower = language.toLowerCase();
  const exact = DISCORD_LOCALES.filter((l) => l.toLowerCase() === lower);
  if (exact.length > 0 || lower.includes('-')) return exact as Locale[];
  return DISCORD_LOCALES.filter((l) => l.toLowerCase().split('-')[0] === lower) as Locale[];
}

export function localized(translator: Translator, key: string): LocalizationMap {
  const map: LocalizationMap = {};
  for (const language of translator.languages) {
    if (language === BASE_LANGUAGE || !translator.has(language, key)) continue;
    for (const locale of discordLocalesFor(language)) map[locale] = translator.t(language, key);
  }
  return map;
}

/** Base name (what interactions carry), English description, and the other languages' localizations. */
export function described(translator: Translator, keys: { name: string; description: string }, name: string) {
  return {
    name,
    name_localizations: localized(translator, keys.name),
    description: translator.t(BASE_LANGUAGE, keys.description),
    description_localizations: localized(translator, keys.description),
  };
}

const texts = (translator: Translator, which: keyof typeof TEXTS, name: string) =>
  described(translator, TEXTS[which], name);

/** A choice per flow: its title in every language, and its id (what the core is given). */
export function flowChoices(translator: Translator, flows: readonly Flow[]) {
  return flows.slice(0, MAX_CHOICES).map((flow) => {
    const key = `${flow.id}:title`;
    return {
      name: clipText(translator.t(BASE_LANGUAGE, key), 100),
      name_localizations: localized(translator, key),
      value: flow.id,
    };
  });
}

/** Discord allows 25 choices per option. */
export const MAX_CHOICES = 25;

function subcommand(
  translator: Translator,
  name: Subcommand,
  flows: readonly Flow[],
): APIApplicationCommandSubcommandOption {
  if (name === 'start' && flows.length > 1) {
    const flow: APIApplicationCommandBasicOption = {
      type: ApplicationCommandOptionType.String,
      ...texts(translator, 'flow', FLOW_OPTION),
      required: false,
      choices: flowChoices(translator, flows),
    };
    return {
      type: ApplicationCommandOptionType.Subcommand,
      ...texts(translator, name, name),
      options: [flow],
    };
  }
  const options: APIApplicationCommandBasicOption[] =
    name === 'lang'
      ? [
          {
            type: ApplicationCommandOptionType.String,
            ...texts(translator, 'code', LANG_OPTION),
            required: false,
            choices: translator.languages.map((code) => ({
              name: `${translator.t(code, 'common:lang.name')} (${code})`,
              value: code,
            })),
          },
        ]
      : [];
  return { type: ApplicationCommandOptionType.Subcommand, ...texts(translator, name, name), options };
}

export type Scope = 'guild' | 'global';

/**
 * Where a command may be used: global commands also work in DMs with the bot; guild commands exist only
 * in that server (Discord ignores contexts there).
 */
export const contextsFor = (scope: Scope) =>
  scope === 'global'
    ? {
        contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
        integration_types: [ApplicationIntegrationType.GuildInstall],
      }
    : {};

/** `/onboard` and its subcommands; `start` offers a choice of the flows when there are several. */
export function onboardCommand(
  translator: Translator,
  scope: Scope,
  flows: readonly Flow[],
): RESTPostAPIChatInputApplicationCommandsJSONBody {
  return {
    type: ApplicationCommandType.ChatInput,
    ...texts(translator, 'onboard', COMMAND_NAME),
    options: SUBCOMMANDS.map((name) => subcommand(translator, name, flows)),
    ...contextsFor(scope),
  };
}
