import type { User } from 'discord.js';
import { parseUserKey, type UserKey, userKey } from '../../src/core/index.js';

/**
 * One key per person, wherever they talk to the bot: Discord user ids are global, so the journey started
 * with `/onboard` in any server continues in DMs (and in other servers). "dm" names the one place that is
 * always the person's own, where proactive messages go.
 */
export const discordUser = (user: Pick<User, 'id'>): UserKey =>
  userKey({ platform: 'discord', space: 'dm', id: user.id });

/** The Discord user id in one of our keys; undefined for keys of other platforms. */
export const discordUserId = (user: UserKey): string | undefined => {
  const key = parseUserKey(user);
  return key?.platform === 'discord' && /^\d{5,25}$/.test(key.id) ? key.id : undefined;
};
