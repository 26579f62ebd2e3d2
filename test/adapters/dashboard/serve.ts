import type { Reply } from '../../../src/core/index.js';
import { makeTestBot, type TestBot, type TestBotOptions } from '../../helpers/bot.js';
import { liveDashboard } from '../../helpers/live-dashboard.js';

export interface ServedDashboard extends TestBot {
  base: string;
  /** The sign-in clock, apart from the bot's: `signInClock.ms += …` ages links and sessions. */
  signInClock: { ms: number };
  close(): Promise<void>;
}

/**
 * The real bot on a memory store and the real dashboard on 127.0.0.1 (any free port); `defaultLanguage`
 * is what its pages speak to someone not signed in (the 403 page).
 */
export async function serveDashboard(
  options: TestBotOptions = {},
  defaultLanguage = 'en',
): Promise<ServedDashboard> {
  const live = liveDashboard();
  const tb = await makeTestBot({ ...options, dashboard: live.links });
  await live.serve(tb.bot.views, tb.translator, defaultLanguage);
  return { ...tb, base: live.base(), signInClock: live.clock, close: live.close };
}

/** The sign-in link in the bot's answer to `admin dashboard`, if any. */
export const linkIn = (replies: readonly Reply[]): string | undefined =>
  replies.flatMap((r) => r.links ?? []).find((l) => l.url.includes('/sign-in/'))?.url;

/** The session cookie a sign-in answer set (`name=value`), if any. */
export const sessionCookie = (response: Response): string | undefined =>
  response.headers.getSetCookie().map((c) => c.split(';')[0] as string)[0];
