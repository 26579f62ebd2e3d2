import { type APIApplication, type REST, Routes } from 'discord.js';
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
  flow: Flow,
): Promise<number> {
  const route = target.guildId
    ? Routes.applicationGuildCommands(target.applicationId, target.guildId)
    : Routes.applicationCommands(target.applicationId);
  const scope = target.guildId ? 'guild' : 'global';
  const body = [onboardCommand(translator, scope), adminCommand(translator, scope, flow)];
  const saved = await rest.put(route, { body });
  return Array.isArray(saved) ? saved.length : 0;
}

/** The application id from the settings, else asked of Discord with the bot token. */
export async function applicationIdFor(rest: REST, configured: string | undefined): Promise<string> {
  if (configured) return configured;
  const application = (await rest.get(Routes.currentApplication())) as APIApplication;
  return application.id;
}
