import { afterEach, describe, expect, it } from 'vitest';
import { type LiveDashboard, liveDashboard, openLink, signInLinksIn } from '../../helpers/live-dashboard.js';
import type { Block, ShownMessage } from './fake-slack.js';
import { dmOf } from './fixtures/payloads.js';
import { buttonsOf, type Harness, startHarness } from './harness.js';
import { ADMIN, CHANNEL, key, OUTSIDER, responses, words } from './staff-helpers.js';

const REFUSAL = 'Sorry, that command is for the onboarding team only.';

let h: Harness | undefined;
let dashboard: LiveDashboard | undefined;
afterEach(async () => {
  await h?.stop();
  await dashboard?.close();
  h = undefined;
  dashboard = undefined;
});

/** The Slack adapter on the fake, with a bot that hands out links to a real running dashboard. */
async function start() {
  const live = liveDashboard();
  dashboard = live;
  const hh = await startHarness({ admins: [key(ADMIN)], dashboard: live.links });
  h = hh;
  await live.serve(hh.tb.bot.views, hh.tb.translator);
  return { hh, live };
}

/** Everything the app sent Slack: Web API calls and response_url posts, with their bodies. */
const everything = (hh: Harness) => JSON.stringify(hh.fake.calls);
/** Whatever the app posted to a channel (chat.postMessage, chat.postEphemeral, uploads shared there). */
const toChannel = (hh: Harness, channel: string) =>
  hh.fake.calls.filter((c) => c.args.channel === channel || c.args.channel_id === channel);

/**
 * The one sign-in link in a message as Slack received it: a URL button (a link Slack opens in the browser
 * when clicked). It is nowhere else in the message, so no link preview can fetch it and use it up.
 */
function linkButton(message: { text?: unknown; blocks?: unknown } | undefined): string {
  const links = signInLinksIn(words(message));
  expect(links).toHaveLength(1);
  const [link = ''] = links;
  const shown = {
    channel: '',
    ts: '',
    text: String(message?.text ?? ''),
    blocks: message?.blocks as Block[],
  };
  const button = buttonsOf(shown as ShownMessage).find((b) => b.url === link);
  expect(button?.text.text).toBe('🔗 Open the dashboard');
  expect(String(message?.text)).not.toContain('/sign-in/');
  return link;
}

/** Opens the link twice: the first time signs in (a session cookie), the second is refused. */
async function worksOnce(link: string, base: string) {
  expect(link).toMatch(new RegExp(`^${base}/sign-in/[A-Za-z0-9_-]{43}$`));
  const first = await openLink(link);
  expect(first.status).toBe(200);
  expect(first.cookie).toMatch(/^guidepost_session=[A-Za-z0-9_-]{43}$/);
  expect(await openLink(link)).toEqual({ status: 403, cookie: undefined });
}

describe('/onboard-admin dashboard from staff', () => {
  it('in a channel: the link only they see (ephemeral response_url), a URL button that works once', async () => {
    const { hh, live } = await start();
    expect(await hh.admin('dashboard', { user: ADMIN })).toBe(200);
    await hh.settle();
    const answer = responses(hh).at(-1);
    expect(answer).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(words(answer)).toContain('It works once, in the next 10 minutes');
    const link = linkButton(answer);
    // Nothing went to the channel, and nothing else carried the link.
    expect(toChannel(hh, CHANNEL)).toEqual([]);
    expect(signInLinksIn(everything(hh))).toEqual([link]);
    await worksOnce(link, live.base());
  });

  it.each([
    ['typed as "admin dashboard" in the DM', (hh: Harness) => hh.type('admin dashboard', { user: ADMIN })],
    [
      '/onboard-admin dashboard in the DM',
      (hh: Harness) => hh.admin('dashboard', { user: ADMIN, channel: dmOf(ADMIN) }),
    ],
  ])('%s: a message in their DM with the app, and the link works once', async (_, ask) => {
    const { hh, live } = await start();
    expect(await ask(hh)).toBe(200);
    await hh.settle();
    const [message, ...more] = hh.dm(ADMIN);
    expect(more).toEqual([]);
    const link = linkButton(message);
    expect(responses(hh)).toEqual([]);
    expect(signInLinksIn(everything(hh))).toEqual([link]);
    await worksOnce(link, live.base());
  });
});

describe('/onboard-admin dashboard from anyone else', () => {
  it('in a channel or the DM: the refusal, and no link anywhere', async () => {
    const { hh, live } = await start();
    await hh.admin('dashboard', { user: OUTSIDER });
    await hh.type('admin dashboard', { user: OUTSIDER });
    await hh.settle();
    expect(responses(hh).at(-1)).toMatchObject({ response_type: 'ephemeral' });
    expect(responses(hh).at(-1)?.text).toContain(REFUSAL);
    expect(hh.dm(OUTSIDER).at(-1)?.text).toContain(REFUSAL);
    expect(everything(hh)).not.toContain('/sign-in/');
    expect(live.opened()).toBe(0);
  });
});

describe('/onboard-admin dashboard with no dashboard configured', () => {
  it('tells staff to set DASHBOARD_PORT, only to them', async () => {
    h = await startHarness({ admins: [key(ADMIN)] });
    await h.admin('dashboard', { user: ADMIN });
    await h.settle();
    const answer = responses(h).at(-1);
    expect(answer).toMatchObject({ response_type: 'ephemeral' });
    expect(words(answer)).toContain('⚠️ The dashboard is off.');
    expect(words(answer)).toContain('DASHBOARD_PORT');
    expect(everything(h)).not.toContain('/sign-in/');
  });
});
