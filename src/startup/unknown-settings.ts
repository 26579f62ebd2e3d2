import { closest, distance } from 'fastest-levenshtein';

/** Names that look like ours: a variable starting with one of these that is not a setting is a mistake. */
const OUR_PREFIXES = ['SLACK_', 'DISCORD_', 'STORE_', 'REMIND', 'ADMIN', 'GUIDEPOST_'];

/** Ours, though not settings of the bot: where the tests find shared protocol specs. */
const ALSO_OURS = ['GUIDEPOST_SHARED_DIR'];

export interface UnknownSetting {
  name: string;
  /** The setting it probably meant. */
  suggestion?: string;
}

/**
 * Edits allowed for a typo of `known`: two, but one for names of four to seven letters and none for
 * shorter ones, so that everyday variables (HOST for PORT) are not taken for typos.
 */
const editsAllowed = (known: string) => Math.min(2, Math.floor(known.length / 4));

/**
 * The variables among `names` that are not settings but look meant as one: within two edits of a
 * setting (case aside), or starting with one of our prefixes. Each with the closest setting when it is
 * near enough to be a plausible guess (for DISCORD_BOT_TOKEN: DISCORD_TOKEN).
 */
function unknownSettings(names: Iterable<string>, settings: readonly string[]): UnknownSetting[] {
  const ours = new Set([...settings, ...ALSO_OURS]);
  const found: UnknownSetting[] = [];
  for (const name of names) {
    if (ours.has(name)) continue;
    const upper = name.toUpperCase();
    const nearest = closest(upper, settings as string[]);
    const edits = distance(upper, nearest);
    const typo = edits <= editsAllowed(nearest);
    if (!typo && !OUR_PREFIXES.some((prefix) => upper.startsWith(prefix))) continue;
    const plausible = typo || edits <= nearest.length / 2;
    found.push({ name, ...(plausible ? { suggestion: nearest } : {}) });
  }
  return found;
}

/** The warning for one unknown setting: its name and the guess, never its value. */
const unknownSettingMessage = ({ name, suggestion }: UnknownSetting): string =>
  `${name} is not a Guidepost setting and is ignored${suggestion ? `: did you mean ${suggestion}?` : ''}`;

/** Logs a warning for each variable in `env` that looks meant as a setting but is not one. */
export function warnUnknownSettings(
  env: Record<string, string | undefined>,
  settings: readonly string[],
  logger: { warn(context: object, message: string): void },
): void {
  for (const unknown of unknownSettings(Object.keys(env), settings))
    logger.warn(
      { setting: unknown.name, ...(unknown.suggestion ? { suggestion: unknown.suggestion } : {}) },
      unknownSettingMessage(unknown),
    );
}
