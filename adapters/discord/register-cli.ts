/**
 * `npm run discord:register`: puts the command set to Discord without starting the bot
 * (to one server when DISCORD_GUILD_ID is set, otherwise globally) and empties the sets of the other
 * scope, as `npm start` does. Reads the same settings as `npm start`.
 */
import { REST } from 'discord.js';
import { loadConfig } from '../../src/config.js';
import { NamedError } from '../../src/core/index.js';
import { loadFlows } from '../../src/flows/load.js';
import { loadTranslator } from '../../src/i18n/translator.js';
import { applicationIdFor, botGuildIds, clearStaleCommands, registerCommands } from './register.js';

async function main(): Promise<string> {
  const config = loadConfig();
  if (!config.DISCORD_TOKEN) throw new NamedError('CONFIG_INVALID', 'DISCORD_TOKEN: required');
  const rest = new REST({
    version: '10',
    retries: 3,
    timeout: 15_000,
    ...(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}),
  }).setToken(config.DISCORD_TOKEN);
  const [translator, flows] = await Promise.all([loadTranslator(), loadFlows()]);
  const applicationId = await applicationIdFor(rest, config.DISCORD_APPLICATION_ID);
  const guildId = config.DISCORD_GUILD_ID;
  const target = { applicationId, guildId };
  const count = await registerCommands(rest, target, translator, flows);
  const cleared = await clearStaleCommands(rest, target, await botGuildIds(rest));
  const where = guildId
    ? `to server ${guildId} (available now)`
    : 'globally (Discord clients may take a few minutes to show changes)';
  const emptied = cleared.length
    ? ` Emptied the command sets the settings no longer ask for: ${cleared.join(', ')}.`
    : '';
  return `Registered ${count} command(s) ${where}.${emptied}`;
}

main().then(
  (summary) => {
    process.stdout.write(`${summary}\n`);
  },
  (error: unknown) => {
    // Messages name the setting or Discord's error, never the token.
    process.stderr.write(`discord:register: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
