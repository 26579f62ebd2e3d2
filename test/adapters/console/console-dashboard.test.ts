import { afterEach, describe, expect, it } from 'vitest';
import { renderReplies } from '../../../adapters/console/render.js';
import { styleFor } from '../../../adapters/console/terminal.js';
import { makeTestBot } from '../../helpers/bot.js';
import { typeIntoConsole as type } from '../../helpers/console-type.js';
import {
  type LiveDashboard,
  liveDashboard,
  MINUTE,
  openLink,
  signInLinksIn,
} from '../../helpers/live-dashboard.js';

const REFUSAL = 'Sorry, that command is for the onboarding team only.';

let dashboard: LiveDashboard | undefined;
afterEach(async () => {
  await dashboard?.close();
  dashboard = undefined;
});

/** The real bot, with `me` as staff, handing out links to a real dashboard. */
async function withDashboard() {
  const live = liveDashboard();
  dashboard = live;
  const tb = await makeTestBot({ admins: ['console:local:me'], dashboard: live.links });
  await live.serve(tb.bot.views, tb.translator);
  return { tb, live };
}

describe('admin dashboard in the console', () => {
  it('prints staff a sign-in link that opens the dashboard once', async () => {
    const { tb, live } = await withDashboard();
    const out = await type(tb.bot, 'me', ['admin dashboard']);
    expect(out).toContain('It works once, in the next 10 minutes');
    const links = signInLinksIn(out);
    expect(links).toHaveLength(1);
    const [link = ''] = links;
    expect(link).toMatch(new RegExp(`^${live.base()}/sign-in/[A-Za-z0-9_-]{43}$`));
    expect(out).toContain(`  🔗 Open the dashboard: ${link}\n`);
    const first = await openLink(link);
    expect(first.status).toBe(200);
    expect(first.cookie).toMatch(/^guidepost_session=[A-Za-z0-9_-]{43}$/);
    const second = await openLink(link);
    expect(second).toEqual({ status: 403, cookie: undefined });
  });

  it('a link opened within its 10 minutes works; one opened at 10 minutes is refused', async () => {
    const { tb, live } = await withDashboard();
    const out = await type(tb.bot, 'me', ['admin dashboard', 'admin dashboard']);
    const [early = '', late = ''] = signInLinksIn(out);
    expect(early).not.toBe(late);
    live.clock.ms += 10 * MINUTE - 1_000;
    expect((await openLink(early)).status).toBe(200);
    live.clock.ms += 1_000;
    expect(await openLink(late)).toEqual({ status: 403, cookie: undefined });
  });

  it('someone who is not staff gets the refusal and no link', async () => {
    const { tb, live } = await withDashboard();
    const out = await type(tb.bot, 'ann', ['admin dashboard']);
    expect(out.trim()).toBe(REFUSAL);
    expect(out).not.toContain('/sign-in/');
    expect(live.opened()).toBe(0);
  });

  it('with no dashboard configured, staff are told to set DASHBOARD_PORT', async () => {
    const tb = await makeTestBot({ admins: ['console:local:me'] });
    const out = await type(tb.bot, 'me', ['admin dashboard']);
    expect(out).toContain('The dashboard is off.');
    expect(out).toContain('DASHBOARD_PORT');
    expect(out).not.toContain('/sign-in/');
  });

  it('on a narrow terminal with clickable links, the address is never cut in two', () => {
    const url = `https://onboarding.example.com/sign-in/${'A'.repeat(43)}`;
    const { text } = renderReplies(
      [{ kind: 'admin', text: 'Here is your link.', language: 'en', links: [{ label: 'Open', url }] }],
      styleFor({ colour: true, links: true, columns: () => 40 }),
    );
    // The OSC 8 target and the printed address are each whole.
    expect(text).toContain(`\u001b]8;;${url}\u0007${url}\u001b]8;;\u0007`);
  });
});
