import { createSignIn, type RunningDashboard, startDashboard } from '../../../adapters/dashboard/index.js';
import type { Reply } from '../../../src/core/index.js';
import { fromRoot } from '../../../src/paths.js';
import { makeTestBot, type TestBot, type TestBotOptions } from '../../helpers/bot.js';

export interface ServedDashboard extends TestBot {
  dashboard: RunningDashboard;
  base: string;
  /** The sign-in clock, apart from the bot's: `signInClock.ms += …` ages links and sessions. */
  signInClock: { ms: number };
  close(): Promise<void>;
}

/** The real bot on a memory store and the real dashboard on 127.0.0.1 (any free port). */
export async function serveDashboard(options: TestBotOptions = {}): Promise<ServedDashboard> {
  let base = '';
  const signInClock = { ms: Date.parse('2026-11-27T10:00:00Z') };
  const signIn = createSignIn(
    () => base,
    () => signInClock.ms,
  );
  const tb = await makeTestBot({ ...options, dashboard: signIn });
  const logger = { info: () => {}, warn: () => {}, error: () => {} };
  const dashboard = await startDashboard(
    {
      port: 0,
      host: '127.0.0.1',
      publicUrl: 'http://127.0.0.1',
      defaultLanguage: 'en',
      defaultDays: 3,
      assets: {
        chart: fromRoot('node_modules/chart.js/dist/chart.umd.min.js'),
        folder: fromRoot('adapters/dashboard/public'),
      },
    },
    { views: tb.bot.views, signIn, translator: tb.translator, logger },
  );
  base = `http://127.0.0.1:${dashboard.port}`;
  return { ...tb, dashboard, base, signInClock, close: () => dashboard.close() };
}

/** The sign-in link in the bot's answer to `admin dashboard`, if any. */
export const linkIn = (replies: readonly Reply[]): string | undefined =>
  replies.flatMap((r) => r.links ?? []).find((l) => l.url.includes('/sign-in/'))?.url;

/** The session cookie a sign-in answer set (`name=value`), if any. */
export const sessionCookie = (response: Response): string | undefined =>
  response.headers.getSetCookie().map((c) => c.split(';')[0] as string)[0];
