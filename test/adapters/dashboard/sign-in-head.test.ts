import { afterEach, describe, expect, it } from 'vitest';
import { makeTestBot } from '../../helpers/bot.js';
import { type LiveDashboard, liveDashboard, MINUTE, openLink } from '../../helpers/live-dashboard.js';

const STAFF = 'console:local:me';

let dashboard: LiveDashboard | undefined;
afterEach(async () => {
  await dashboard?.close();
  dashboard = undefined;
});

async function linkFromChat() {
  const live = liveDashboard();
  dashboard = live;
  const tb = await makeTestBot({ admins: [STAFF], dashboard: live.links });
  await live.serve(tb.bot.views, tb.translator);
  const [answer] = await tb.bot.handle({ user: STAFF, text: 'admin dashboard' });
  return { live, link: answer?.links?.[0]?.url as string };
}

const head = (url: string) => fetch(url, { method: 'HEAD', redirect: 'manual' });

// HEAD is a safe method (RFC 9110): link checkers and previews ask for the headers only. Answered like a
// GET, it used the one-time link up and handed the checker the session cookie.
describe('a HEAD request for a sign-in link', () => {
  it('gets the status a GET would, no cookie, and leaves the link to the person who clicks it', async () => {
    const { link } = await linkFromChat();
    const checked = await head(link);
    expect(checked.status).toBe(200);
    expect(checked.headers.get('set-cookie')).toBeNull();
    expect(checked.headers.get('cache-control')).toBe('no-store');
    const clicked = await openLink(link);
    expect(clicked.status).toBe(200);
    expect(clicked.cookie).toMatch(/^guidepost_session=/);
    expect((await head(link)).status).toBe(403);
  });

  it('is refused for a made-up or expired link, still without a cookie', async () => {
    const { live, link } = await linkFromChat();
    const made = await head(`${live.base()}/sign-in/${'A'.repeat(43)}`);
    expect(made.status).toBe(403);
    expect(made.headers.get('set-cookie')).toBeNull();
    live.clock.ms += 10 * MINUTE;
    expect((await head(link)).status).toBe(403);
    expect((await openLink(link)).status).toBe(403);
  });
});
