import type { RunningDashboard, SignIn } from '../../adapters/dashboard/index.js';
import type { Config } from '../config.js';
import type { Logger, StaffViews, Translator } from '../core/index.js';
import { fromRoot } from '../paths.js';

export interface DashboardWiring {
  signIn: SignIn;
  /** Starts serving the pages, once the bot (and its views) exists. */
  start(views: StaffViews): Promise<RunningDashboard>;
}

/**
 * The staff dashboard when DASHBOARD_PORT is set (its module is loaded only then): sign-in links first
 * (the bot hands them out), the pages once the bot is built. Links use DASHBOARD_URL, or
 * http://localhost:<the port it got> when that is unset.
 */
export async function dashboardWiring(
  config: Config,
  translator: Translator,
  logger: Logger,
): Promise<DashboardWiring | undefined> {
  const port = config.DASHBOARD_PORT;
  if (port === undefined) return undefined;
  const { createSignIn, startDashboard } = await import('../../adapters/dashboard/index.js');
  let publicUrl = config.DASHBOARD_URL ?? `http://localhost:${port}`;
  const signIn = createSignIn(() => publicUrl);
  return {
    signIn,
    async start(views) {
      const running = await startDashboard(
        {
          port,
          publicUrl,
          defaultLanguage: config.DEFAULT_LANGUAGE,
          defaultDays: config.REMIND_AFTER_DAYS,
          assets: {
            chart: fromRoot('node_modules/chart.js/dist/chart.umd.min.js'),
            folder: fromRoot('adapters/dashboard/public'),
          },
        },
        { views, signIn, translator, logger },
      );
      if (!config.DASHBOARD_URL) publicUrl = `http://localhost:${running.port}`;
      return running;
    },
  };
}
