/** The three parts of a user key `platform:space:id`, e.g. `slack:T123:U456`, `discord:dm:42`. */
export interface UserKeyParts {
  platform: string;
  /** Where the person was met: a Slack team, `dm` on Discord, `local` on the console. */
  space: string;
  /** The person's id on their platform. */
  id: string;
}

const KEY = /^([^:\s]+):([^:\s]+):([^:\s]+)$/;

/** The one user-key parser: the parts of a well-formed key, undefined for anything else. */
export function parseUserKey(key: string): UserKeyParts | undefined {
  const match = KEY.exec(key);
  if (!match) return undefined;
  const [, platform = '', space = '', id = ''] = match;
  return { platform, space, id };
}

/** A key from its parts (the inverse of `parseUserKey`). */
export const userKey = ({ platform, space, id }: UserKeyParts): string => `${platform}:${space}:${id}`;

/**
 * Discord reads no typed words, only slash commands and buttons, so texts that name a command have a
 * Discord wording (`/onboard mute`); everywhere else people type the words. Chosen by the key's platform.
 */
export const slashCommandsOnly = (key: string): boolean => parseUserKey(key)?.platform === 'discord';
