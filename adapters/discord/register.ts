import { type APIApplication, type APIPartialGuild, type REST, Routes } from 'discord.js';
import type { Flow, Translator } from '../../src/core/index.js';
import { adminCommand } from './admin-commands.js';
import { onboardCommand } from './commands.js';

export interface RegisterTarget {
  applicationId: string;
  /** Register to this server only (available at once); otherwise globally. */
  guildId?: string | undefined;
}

/**
 * Puts the whole command set (`/onboard` and `/onboard-admin`) in one request, which replaces what was there: running it again changes
 * nothing, and commands we no longer have disappear. Resolves with how many commands Discord now holds.
 */
export async function registerCommands(
  rest: REST,
  target: RegisterTarget,
  translator: Translator,
  flows: readonly Flow[],
): Promise<number> {
  const route = target.guildId
    ? Routes.applicationGuildCommands(target.applicationId, target.guildId)
    : Routes.applicationCommands(target.applicationId);
  const scope = target.guildId ? 'guild' : 'global';
  const body = [onboardCommand(translator, scope, flows), adminCommand(translator, scope, flows)];
  const saved = await rest.put(route, { body });
  return Array.isArray(saved) ? saved.length : 0;
}

/** The application id from the settings, else asked of Discord with the bot token. */
export async function applicationIdFor(rest: REST, configured: string | undefined): Promise<string> {
  if (configured) return configured;
  const application = (await rest.get(Routes.currentApplication())) as APIApplication;
  return application.id;
}

/**
 * Empties every command set the settings do not ask for, so what Discord shows always matches them:
 * with a server id, the global set (an earlier start without one left it there, reachable from any server
 * and DM); either way, the sets in the other servers the bot is in. A PUT of an empty array replaces a set
 * with nothing (and does nothing to an empty one). Resolves with the scopes emptied ('global' or server ids).
 */
export async function clearStaleCommands(
  rest: REST,
  target: RegisterTarget,
  guildIds: readonly string[],
): Promise<string[]> {
  const stale = [...(target.guildId ? ['global'] : []), ...guildIds.filter((id) => id !== target.guildId)];
  for (const scope of stale) {
    const route =
      scope === 'global'
        ? Routes.applicationCommands(target.applicationId)
        : Routes.applicationGuildCommands(target.applicationId, scope);
    await rest.put(route, { body: [] });
  }
  return stale;
}

/** The servers the bot is in, asked of Discord (for the register script, which opens no gateway session). */
export async function botGuildIds(rest: REST): Promise<string[]> {
  const ids: string[] = [];
  for (;;) {
    const last = ids.at(-1);
    const query = new URLSearchParams({ limit: '200', ...(last ? { after: last } : {}) });
    const page = (await rest.get(Routes.userGuilds(), { query })) as APIPartialGuild[];
    ids.push(...page.map((g) => g.id));
    if (page.length < 200) return ids;
  }
}
