/**
 * Picks the supported language that best fits a code from a person or a platform:
 * exact (any case, `_` or `-`), then same base language (`zh` or `zh-TW` -> `zh-CN`, `en-US` -> `en`).
 */
export function matchLanguage(code: string | undefined, languages: readonly string[]): string | undefined {
  if (!code) return undefined;
  const wanted = code.trim().replace(/_/g, '-').toLowerCase();
  const exact = languages.find((l) => l.toLowerCase() === wanted);
  if (exact) return exact;
  const base = wanted.split('-')[0];
  return languages.find((l) => l.toLowerCase().split('-')[0] === base);
}

/**
 * The language for an adapter's own words (errors, "sent to your DMs"): the last reply's, where there is
 * one, else the platform's locale matched against ours, else the default. Never asked of the bot.
 */
export function adapterLanguage(
  replies: readonly { language: string }[],
  locale: string | undefined,
  languages: readonly string[],
  fallback: string,
): string {
  return replies.at(-1)?.language ?? matchLanguage(locale, languages) ?? fallback;
}
