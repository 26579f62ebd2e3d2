import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import type { Logger, StaffViews, Translator } from '../../src/core/index.js';
import { NamedError } from '../../src/core/index.js';
import { dashboardApp } from './app.js';
import type { AssetFiles } from './assets.js';
import type { SignIn } from './sign-in.js';

export { createSignIn, type SignIn } from './sign-in.js';

export interface DashboardConfig {
  /** DASHBOARD_PORT (0: any free port). */
  port: number;
  /** Where to listen (all interfaces unless given). */
  host?: string;
  /** DASHBOARD_URL: the address staff open, used in sign-in links. */
  publicUrl: string;
  defaultLanguage: string;
  defaultDays: number;
  assets: AssetFiles;
}

export interface DashboardDeps {
  views: StaffViews;
  signIn: SignIn;
  translator: Translator;
  logger: Logger;
}

export interface RunningDashboard {
  port: number;
  close(): Promise<void>;
}

/** Serves the staff dashboard; a port it cannot take is refused naming DASHBOARD_PORT. */
export async function startDashboard(
  config: DashboardConfig,
  deps: DashboardDeps,
): Promise<RunningDashboard> {
  const app = await dashboardApp({
    ...deps,
    defaultLanguage: config.defaultLanguage,
    defaultDays: config.defaultDays,
    secure: config.publicUrl.startsWith('https:'),
    assets: config.assets,
  });
  const server = createAdaptorServer({ fetch: app.fetch });
  server.listen(config.port, config.host);
  try {
    await Promise.race([once(server, 'listening'), once(server, 'error').then(([e]) => Promise.reject(e))]);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new NamedError(
      'DASHBOARD_PORT',
      `DASHBOARD_PORT: cannot listen on it (${code ?? 'error'}); choose a free port or leave it unset`,
      { cause: error },
    );
  }
  const port = (server.address() as AddressInfo).port;
  deps.logger.info({ port, url: config.publicUrl }, 'dashboard listening');
  return {
    port,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        if ('closeAllConnections' in server) server.closeAllConnections();
      }),
  };
}
