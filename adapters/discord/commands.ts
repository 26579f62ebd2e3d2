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
import type { Translator } from '../../src/core/index.js';

export const COMMAND_NAME = 'onboard';
export const LANG_OPTION = 'code';
/** The base language of command names and descriptions; the others become localizations. */
const BASE_LANGUAGE = 'en';

/** Each subcommand is the core's command word of the same name. */
export const SUBCOMMANDS = ['start', 'status', 'done', 'back', 'help', 'lang', 'restart'] as const;
export type Subcommand = (typeof SUBCOMMANDS)[number];

/** Name and description keys, written out so every key can be found in the source. */
const TEXTS: Record<Subcommand | 'onboard' | 'code', { name: string; description: string }> = {
  onboard: { name: 'discord:commands.onboard.name', description: 'discord:commands.onboard.description' },
  start: { name: 'discord:commands.start.name', description: 'discord:commands.start.description' },
  status: { name: 'discord:commands.status.name', description: 'discord:commands.status.description' },
  done: { name: 'discord:commands.done.name', description: 'discord:commands.done.description' },
  back: { name: 'discord:commands.back.name', description: 'discord:commands.back.description' },
  help: { name: 'discord:commands.help.name', description: 'discord:commands.help.description' },
  lang: { name: 'discord:commands.lang.name', description: 'discord:commands.lang.description' },
  restart: { name: 'discord:commands.restart.name', description: 'discord:commands.restart.description' },
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

function subcommand(translator: Translator, name: Subcommand): APIApplicationCommandSubcommandOption {
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

/** `/onboard` and its subcommands. */
export function onboardCommand(
  translator: Translator,
  scope: Scope,
): RESTPostAPIChatInputApplicationCommandsJSONBody {
  return {
    type: ApplicationCommandType.ChatInput,
    ...texts(translator, 'onboard', COMMAND_NAME),
    options: SUBCOMMANDS.map((name) => subcommand(translator, name)),
    ...contextsFor(scope),
  };
}
