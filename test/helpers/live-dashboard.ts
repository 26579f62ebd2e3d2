import { createSignIn, type RunningDashboard, startDashboard } from '../../adapters/dashboard/index.js';
import type { DashboardLinks, StaffViews, Translator } from '../../src/core/index.js';
import { fromRoot } from '../../src/paths.js';

export const MINUTE = 60_000;

/**
 * The real dashboard on 127.0.0.1 (any free port), and the sign-in links a bot hands out for it, wired as
 * src/startup/dashboard.ts wires them: links first (give `links` to the bot), the pages once the bot's
 * views exist (`serve`). The links keep their own clock, starting at the test bot's Friday 10:00 UTC:
 * `clock.ms += …` ages them.
 */
export interface LiveDashboard {
  /** What the bot is given as `dashboard`; counts the links it asks for. */
  links: DashboardLinks;
  /** How many links the bot asked for. */
  opened(): number;
  clock: { ms: number };
  /** Starts the pages; the links then point at them. */
  serve(views: StaffViews, translator: Translator, defaultLanguage?: string): Promise<void>;
  /** `http://127.0.0.1:<port>`, once serving. */
  base(): string;
  close(): Promise<void>;
}

export function liveDashboard(at = new Date('2026-11-27T10:00:00Z')): LiveDashboard {
  let base = '';
  let opened = 0;
  let running: RunningDashboard | undefined;
  const clock = { ms: at.getTime() };
  const signIn = createSignIn(
    () => base,
    () => clock.ms,
  );
  const quiet = { info: () => {}, warn: () => {}, error: () => {} };
  return {
    links: {
      open(staff, language) {
        opened += 1;
        return signIn.open(staff, language);
      },
    },
    opened: () => opened,
    clock,
    async serve(views, translator, defaultLanguage = 'en') {
      running = await startDashboard(
        {
          port: 0,
          host: '127.0.0.1',
          publicUrl: 'http://127.0.0.1',
          defaultLanguage,
          defaultDays: 3,
          assets: {
            chart: fromRoot('node_modules/chart.js/dist/chart.umd.min.js'),
            folder: fromRoot('adapters/dashboard/public'),
          },
        },
        { views, signIn, translator, logger: quiet },
      );
      base = `http://127.0.0.1:${running.port}`;
    },
    base: () => base,
    close: async () => {
      await running?.close();
    },
  };
}

/** Every sign-in link in what a platform received (any text: JSON of bodies, console output), in order. */
export const signInLinksIn = (received: string): string[] =>
  [...received.matchAll(/https?:\/\/[^\s"'<>|)\]]+\/sign-in\/[A-Za-z0-9_-]+/g)].map((m) => m[0]);

/** Opens a sign-in link as a browser would (no redirects followed): its status and the session cookie. */
export async function openLink(url: string): Promise<{ status: number; cookie: string | undefined }> {
  const response = await fetch(url, { redirect: 'manual' });
  await response.arrayBuffer();
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] as string)
    .find((c) => c.startsWith('guidepost_session='));
  return { status: response.status, cookie };
}
