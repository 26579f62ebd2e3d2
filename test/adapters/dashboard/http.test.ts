import { afterEach, describe, expect, it } from 'vitest';
import { placedSteps } from '../../../src/core/index.js';
import { key, staff, walk } from '../../helpers/staff.js';
import { linkIn, type ServedDashboard, serveDashboard, sessionCookie } from './serve.js';

let served: ServedDashboard | undefined;
afterEach(async () => {
  await served?.close();
  served = undefined;
});

const MINUTE = 60_000;

/** The dashboard with a staff member signed in: their cookie, for the pages. */
async function signedIn(language?: string) {
  served = await serveDashboard({ admins: [staff] });
  if (language) await served.bot.handle({ user: staff, text: `lang ${language}` });
  const link = linkIn(await served.bot.handle({ user: staff, text: 'admin dashboard' }));
  const cookie = sessionCookie(await fetch(link as string));
  return { d: served, cookie: cookie as string };
}

const get = (d: ServedDashboard, path: string, cookie?: string) =>
  fetch(`${d.base}${path}`, cookie ? { headers: { cookie } } : {});

/** The id of the flow's step at `index`. */
const stepAt = (d: ServedDashboard, index: number): string => placedSteps(d.flow)[index]?.step.id as string;

/** A number in the funnel table: `col` of the row of `step`. */
function cell(page: string, step: string, col: 'reached' | 'now'): number | undefined {
  const row = new RegExp(`<tr data-step="${step}">.*?data-col="${col}">(\\d+)<`).exec(page);
  return row ? Number(row[1]) : undefined;
}

describe('signing in to the dashboard by a link from chat', () => {
  it('works once: a session cookie (HttpOnly, SameSite=Strict, 8 hours), then the same link is refused', async () => {
    served = await serveDashboard({ admins: [staff] });
    const answer = await served.bot.handle({ user: staff, text: 'admin dashboard' });
    const link = linkIn(answer);
    expect(link).toMatch(new RegExp(`^${served.base}/sign-in/[A-Za-z0-9_-]{43}$`));
    expect(answer[0]?.text).toContain('10 minutes');
    const first = await fetch(link as string);
    expect(first.status).toBe(200);
    const setCookie = first.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).toMatch(/Max-Age=28800/);
    expect(setCookie).not.toMatch(/Secure/); // http://: a Secure cookie would never come back
    expect(await first.text()).toContain('<meta http-equiv="refresh" content="0; url=/funnel">');
    const again = await fetch(link as string);
    expect(again.status).toBe(403);
    expect(again.headers.get('set-cookie')).toBeNull();
    expect(await again.text()).toContain('used already');
  });

  it('refuses a link after its 10 minutes, a made-up link, a forged cookie and a session past 8 hours', async () => {
    served = await serveDashboard({ admins: [staff] });
    const late = linkIn(await served.bot.handle({ user: staff, text: 'admin dashboard' })) as string;
    served.signInClock.ms += 10 * MINUTE;
    expect((await fetch(late)).status).toBe(403);
    expect((await fetch(`${served.base}/sign-in/${'A'.repeat(43)}`)).status).toBe(403);
    expect((await get(served, '/funnel')).status).toBe(403);
    expect((await get(served, '/funnel', `guidepost_session=${'x'.repeat(43)}`)).status).toBe(403);
    const link = linkIn(await served.bot.handle({ user: staff, text: 'admin dashboard' })) as string;
    const cookie = sessionCookie(await fetch(link)) as string;
    expect((await get(served, '/funnel', cookie)).status).toBe(200);
    served.signInClock.ms += 8 * 60 * MINUTE;
    const ended = await get(served, '/funnel', cookie);
    expect(ended.status).toBe(403);
    expect(await ended.text()).toContain('admin dashboard');
  });

  it('gives no link to someone who is not staff, and tells staff how to turn a dashboard that is off on', async () => {
    served = await serveDashboard({ admins: [staff] });
    const refused = await served.bot.handle({ user: key('ann'), text: 'admin dashboard' });
    expect(linkIn(refused)).toBeUndefined();
    expect(JSON.stringify(refused)).not.toContain('/sign-in/');
    const { makeTestBot } = await import('../../helpers/bot.js');
    const off = await makeTestBot({ admins: [staff] });
    const [answer] = await off.bot.handle({ user: staff, text: 'admin dashboard' });
    expect(answer?.kind).toBe('warning');
    expect(answer?.text).toContain('DASHBOARD_PORT');
  });
});

describe('the dashboard pages', () => {
  it('shows the funnel with the store’s numbers per step, and the week they started', async () => {
    const { d, cookie } = await signedIn();
    await walk(d, 'ann', 0);
    await walk(d, 'bob', 2);
    await walk(d, 'cat', 2);
    const page = await (await get(d, '/funnel', cookie)).text();
    const [first, second, third] = placedSteps(d.flow).map((p) => p.step.id);
    expect([cell(page, first as string, 'reached'), cell(page, first as string, 'now')]).toEqual([3, 1]);
    expect([cell(page, second as string, 'reached'), cell(page, second as string, 'now')]).toEqual([2, 0]);
    expect([cell(page, third as string, 'reached'), cell(page, third as string, 'now')]).toEqual([2, 2]);
    expect(page).toContain('data-fact="started">3<');
    // Friday 27 November 2026: the week of Monday the 23rd.
    expect(page).toMatch(/<tr data-week="2026-11-23"><th scope="row">2026-11-23<\/th><td class="n">3<\/td>/);
    expect(page).toContain('data-chart=');
  });

  it('speaks the staff member’s language', async () => {
    const { d, cookie } = await signedIn('zh-CN');
    const page = await (await get(d, '/funnel', cookie)).text();
    expect(page).toContain('<html lang="zh-CN">');
    expect(page).toContain('入驻漏斗');
  });

  it('lists an unanswered "talk to a person" until a staff member acts on the person', async () => {
    const { d, cookie } = await signedIn();
    await walk(d, 'ann', 1);
    await d.bot.handle({ user: key('ann'), action: `escalate:${stepAt(d, 1)}` });
    const before = await (await get(d, '/attention', cookie)).text();
    expect(before).toMatch(/id="help-title">[^<]*<span class="count" data-count="1">/);
    expect(before).toContain(`href="/person/${encodeURIComponent(key('ann'))}"`);
    const [nudged] = await d.bot.handle({ user: staff, text: `admin nudge ${key('ann')}` });
    expect(nudged?.kind).toBe('admin');
    const after = await (await get(d, '/attention', cookie)).text();
    expect(after).toMatch(/id="help-title">[^<]*<span class="count" data-count="0">/);
  });

  it('escapes what the platform calls a person everywhere it shows it', async () => {
    const { d, cookie } = await signedIn();
    const name = '<img src=x onerror=alert(1)>';
    await d.bot.handle({ user: key('eve'), text: 'start', displayName: name });
    await d.bot.handle({ user: key('eve'), action: `escalate:${stepAt(d, 0)}`, displayName: name });
    const pages = [
      await (await get(d, '/attention', cookie)).text(),
      await (await get(d, `/person/${encodeURIComponent(key('eve'))}`, cookie)).text(),
    ];
    for (const page of pages) {
      expect(page).not.toContain('<img');
      expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
    }
  });

  it('shows one person’s steps and timeline, and 404 for someone who is not there', async () => {
    const { d, cookie } = await signedIn();
    await walk(d, 'bob', 2);
    const page = await (await get(d, `/person/${encodeURIComponent(key('bob'))}`, cookie)).text();
    expect(page).toContain('<progress id="progress" max="11" value="2">');
    expect(page.match(/<li class="done">/g)).toHaveLength(2);
    expect(page.match(/<li class="event-started">/g)).toHaveLength(3);
    expect((await get(d, `/person/${encodeURIComponent(key('nobody'))}`, cookie)).status).toBe(404);
    expect((await get(d, '/person/not-a-key', cookie)).status).toBe(404);
    expect((await get(d, '/funnel?flow=no-such-flow', cookie)).status).toBe(404);
  });

  it('downloads the export as CSV, streamed, and notes it in the audit log', async () => {
    const { d, cookie } = await signedIn();
    await walk(d, 'ann', 1);
    await walk(d, 'bob', 3);
    const response = await get(d, '/export.csv', cookie);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="guidepost-reseller-/);
    const rows = (await response.text()).trim().split('\r\n');
    expect(rows[0]).toMatch(/^user,platform,/);
    expect(rows.slice(1).map((r) => r.split(',')[0])).toEqual([key('ann'), key('bob')]);
    const [entry] = await d.store.auditLog({ limit: 1 });
    expect(entry).toMatchObject({ action: 'export', by: staff });
  });

  it('sends a strict CSP, no-sniff and no-store, runs no inline script and changes nothing', async () => {
    const { d, cookie } = await signedIn();
    await walk(d, 'ann', 1);
    for (const path of ['/funnel', '/attention', `/person/${encodeURIComponent(key('ann'))}`]) {
      const response = await get(d, path, cookie);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("default-src 'none'");
      expect(csp).not.toContain('unsafe');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(await response.text()).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    }
    const chart = await get(d, '/assets/chart.js');
    expect(chart.headers.get('content-type')).toMatch(/^text\/javascript/);
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const response = await fetch(`${d.base}/funnel`, { method, headers: { cookie } });
      expect(response.status).toBe(405);
    }
  });
});
