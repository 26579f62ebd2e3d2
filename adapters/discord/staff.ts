import { type Interaction, PermissionFlagsBits } from 'discord.js';

/**
 * True when Discord vouches that the person is staff: in a server, a member with Manage Server (or
 * Administrator) in this channel, or with the staff role. In DMs there is no member, so never: there only
 * ADMIN_IDS count (the core checks those).
 */
export function vouchedStaff(interaction: Interaction, adminRoleId: string | undefined): boolean {
  if (!interaction.inGuild()) return false;
  if (interaction.memberPermissions.has(PermissionFlagsBits.ManageGuild)) return true;
  if (!adminRoleId) return false;
  const roles = interaction.member.roles;
  // A cached guild gives a GuildMember (a role manager); otherwise the payload's list of role ids.
  return Array.isArray(roles) ? roles.includes(adminRoleId) : roles.cache.has(adminRoleId);
}
