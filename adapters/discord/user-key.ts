import type { User } from 'discord.js';
import type { UserKey } from '../../src/core/index.js';

/**
 * One key per person, wherever they talk to the bot: Discord user ids are global, so the journey started
 * with `/onboard` in any server continues in DMs (and in other servers). "dm" names the one place that is
 * always the person's own, where proactive messages go.
 */
export const discordUser = (user: Pick<User, 'id'>): UserKey => `discord:dm:${user.id}`;

/** The Discord user id in one of our keys; undefined for keys of other platforms. */
export const discordUserId = (user: UserKey): string | undefined =>
  /^discord:[^:]+:(\d{5,25})$/.exec(user)?.[1];
