import { Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { describeError, type Logger, type StaffViews, type Translator } from '../../src/core/index.js';
import { type AssetFiles, serveAssets } from './assets.js';
import { securityHeaders } from './headers.js';
import { pageRoutes } from './page-routes.js';
import { failedBody, signedInBody } from './pages/denied.js';
import { layout } from './pages/layout.js';
import { type Env, type Responses, responses } from './respond.js';
import { SESSION_TTL_MS, type SignIn } from './sign-in.js';

const SESSION_COOKIE = 'guidepost_session';

export interface DashboardAppDeps {
  views: StaffViews;
  signIn: SignIn;
  translator: Translator;
  logger: Logger;
  /** For pages shown before anyone signed in (a refused link). */
  defaultLanguage: string;
  /** The "stuck" threshold the page starts with (REMIND_AFTER_DAYS). */
  defaultDays: number;
  /** Cookies are `Secure` when staff reach the dashboard over https (DASHBOARD_URL). */
  secure: boolean;
  assets: AssetFiles;
}

/** The dashboard's routes: the assets, sign-in, then the pages, each behind the session. Read-only. */
export async function dashboardApp(deps: DashboardAppDeps): Promise<Hono<Env>> {
  const app = new Hono<Env>();
  const r = responses(deps.translator, deps.defaultLanguage);
  app.use('*', securityHeaders);
  app.use('*', async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    return c.text('Only GET: the dashboard changes nothing.', 405, { Allow: 'GET, HEAD' });
  });
  await serveAssets(app, deps.assets);
  signInRoute(app, deps, r);
  app.use('*', async (c, next) => {
    const id = getCookie(c, SESSION_COOKIE);
    const visitor = id ? deps.signIn.session(id) : undefined;
    if (!visitor) return r.denied(c, 'session');
    c.set('visitor', visitor);
    return next();
  });
  pageRoutes(app, deps.views, r, deps.defaultDays);
  app.notFound((c) => c.text('Not found', 404));
  app.onError((error, c) => {
    deps.logger.error({ err: describeError(error), path: c.req.routePath }, 'dashboard page failed');
    const t = r.words(c.get('visitor')?.language ?? deps.defaultLanguage);
    const frame = {
      t,
      language: c.get('visitor')?.language ?? deps.defaultLanguage,
      section: 'denied' as const,
    };
    return c.html(layout({ ...frame, title: t('dashboard:failed.title') }, failedBody(t)), 500);
  });
  return app;
}

/**
 * A link from chat, traded once for a session cookie. The answer is a page that goes on to the funnel by
 * itself rather than a redirect: after a redirect from a link clicked in Slack or Discord, browsers treat
 * the next request as cross-site and hold back a SameSite=Strict cookie; a step from our own page is same-site.
 * Only a GET uses the link.
 */
function signInRoute(app: Hono<Env>, deps: DashboardAppDeps, r: Responses): void {
  app.get('/sign-in/:token', (c) => {
    const token = c.req.param('token');
    // HEAD is safe (RFC 9110): a link checker or preview asking for the headers only gets the status a
    // GET would, and no cookie; the link stays for the person who clicks it.
    if (c.req.method === 'HEAD') return c.body(null, deps.signIn.valid(token) ? 200 : 403);
    const opened = deps.signIn.redeem(token);
    if (!opened) return r.denied(c, 'link');
    setCookie(c, SESSION_COOKIE, opened.session, {
      httpOnly: true,
      sameSite: 'Strict',
      secure: deps.secure,
      path: '/',
      maxAge: SESSION_TTL_MS / 1000,
    });
    deps.logger.info({ staff: opened.visitor.staff }, 'dashboard sign-in');
    const frame = {
      ...r.titled(opened.visitor.language, 'denied', 'dashboard:signed-in.title'),
      refresh: '/funnel',
    };
    return r.page(c, 200, frame, signedInBody);
  });
}
