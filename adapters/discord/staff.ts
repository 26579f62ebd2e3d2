import { type Interaction, PermissionFlagsBits } from 'discord.js';

export interface StaffServers {
  /** The servers whose word counts (DISCORD_GUILD_ID and DISCORD_STAFF_GUILD_IDS). */
  guildIds: ReadonlySet<string>;
  /** Members with this role are staff there too (DISCORD_ADMIN_ROLE_ID). */
  adminRoleId?: string | undefined;
}

/**
 * True when Discord vouches that the person is staff: in one of the operator's servers, a member with
 * Manage Server (or Administrator) in this channel, or with the staff role. Anyone can add a public bot
 * to a server they own, so in any other server nobody is; in DMs there is no member, so never either:
 * there only ADMIN_IDS count (the core checks those).
 */
export function vouchedStaff(interaction: Interaction, servers: StaffServers): boolean {
  if (!interaction.inGuild() || !servers.guildIds.has(interaction.guildId)) return false;
  if (interaction.memberPermissions.has(PermissionFlagsBits.ManageGuild)) return true;
  if (!servers.adminRoleId) return false;
  const roles = interaction.member.roles;
  // A cached guild gives a GuildMember (a role manager); otherwise the payload's list of role ids.
  return Array.isArray(roles) ? roles.includes(servers.adminRoleId) : roles.cache.has(servers.adminRoleId);
}
