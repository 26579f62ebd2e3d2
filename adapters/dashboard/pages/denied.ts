import { html } from 'hono/html';
import type { Html, T } from './layout.js';

/** Why the page is refused, and how to get in: a fresh link from the bot. */
export const deniedBody = (t: T, reason: 'link' | 'session'): Html =>
  html`<p>${t(`dashboard:denied.${reason}`)}</p><p>${t('dashboard:denied.how')}</p>`;

/** After sign-in: the browser goes on to the funnel by itself (a same-site step, so the cookie goes with it). */
export const signedInBody = (t: T): Html =>
  html`<p>${t('dashboard:signed-in.text')}</p><p><a href="/funnel">${t('dashboard:signed-in.go')}</a></p>`;

/** A flow, person or page that is not there. */
export const missingBody = (t: T): Html =>
  html`<p>${t('dashboard:missing.text')}</p><p><a href="/funnel">${t('dashboard:nav.funnel')}</a></p>`;

/** Something went wrong on our side: said plainly, the details only in the log. */
export const failedBody = (t: T): Html => html`<p>${t('dashboard:failed.text')}</p>`;
