import { DiscordAPIError } from 'discord.js';
import { errnoOf, StartupError } from '../../src/startup/startup-error.js';

const TOKEN_FIX =
  "reset the token on the Developer Portal's Bot page of your application and set DISCORD_TOKEN to the new one";

/** Discord answered and refused the token: discord.js's TokenInvalid (a 401 on /gateway/bot) or any 401. */
function refused(error: unknown): boolean {
  if (error instanceof DiscordAPIError) return error.status === 401;
  return (error as { code?: unknown }).code === 'TokenInvalid';
}

/** The low-level reason a request never got Discord's answer: ECONNREFUSED, ENOTFOUND, a timeout. */
function unreachable(error: unknown): string | undefined {
  const e = error as { name?: unknown; cause?: unknown };
  const code = errnoOf(error) ?? errnoOf(e.cause);
  if (code) return code;
  if (e.name === 'AbortError' || e.name === 'TimeoutError') return 'timed out';
  if (e.name === 'TypeError' && e.cause !== undefined) return 'no answer';
  return undefined;
}

/**
 * A Discord start-up failure as a StartupError: the platform refused DISCORD_TOKEN, or Discord (its REST
 * API or gateway) could not be reached. Anything else is returned unchanged. Never the token.
 */
export function discordStartError(apiUrl: string | undefined, error: unknown): unknown {
  if (refused(error)) return new StartupError('DISCORD_TOKEN', 'Discord refused this token (401)', TOKEN_FIX);
  const why = unreachable(error);
  if (why === undefined) return error;
  const where = apiUrl ?? 'https://discord.com/api';
  return new StartupError(
    'DISCORD_API_URL',
    `cannot reach Discord at ${where} (${why}); the token was not checked`,
    apiUrl
      ? 'check DISCORD_API_URL, or unset it to use discord.com'
      : "check this machine's network, DNS, firewall or proxy to discord.com and gateway.discord.gg",
  );
}
