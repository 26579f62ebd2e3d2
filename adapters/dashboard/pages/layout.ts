import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { FlowChoice } from '../../../src/core/index.js';

export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;
export type T = (key: string, vars?: Record<string, unknown>) => string;

export type Section = 'funnel' | 'attention' | 'person' | 'denied';

export interface Frame {
  t: T;
  language: string;
  section: Section;
  title: string;
  /** Scripts of ours to load (no inline script anywhere: the CSP forbids it). */
  scripts?: readonly string[];
  /** Go on to this address at once (after sign-in). */
  refresh?: string;
}

const NAV: readonly { section: Section; href: string; key: string }[] = [
  { section: 'funnel', href: '/funnel', key: 'dashboard:nav.funnel' },
  { section: 'attention', href: '/attention', key: 'dashboard:nav.attention' },
];

/** The page around the content: language, title, skip link, navigation, the stylesheet. */
export function layout(frame: Frame, body: Html): Html {
  const { t } = frame;
  const nav = frame.section === 'denied' ? '' : navigation(frame);
  return html`<!doctype html>
<html lang="${frame.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
${frame.refresh ? html`<meta http-equiv="refresh" content="0; url=${frame.refresh}">` : ''}
<title>${frame.title} · ${t('dashboard:brand')}</title>
<link rel="icon" href="/assets/icon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/assets/dashboard.css">
${(frame.scripts ?? []).map((src) => html`<script src="${src}" defer></script>`)}
</head>
<body>
<a class="skip" href="#main">${t('dashboard:skip')}</a>
<header><p class="brand">${t('dashboard:brand')}</p>${nav}</header>
<main id="main">
<h1>${frame.title}</h1>
${body}
</main>
</body>
</html>`;
}

function navigation({ t, section }: Frame): Html {
  return html`<nav aria-label="${t('dashboard:nav.label')}"><ul>
${NAV.map(
  (item) =>
    html`<li><a href="${item.href}"${item.section === section ? html` aria-current="page"` : ''}>${t(item.key)}</a></li>`,
)}
<li><a href="/export.csv" download>${t('dashboard:nav.export')}</a></li>
</ul></nav>`;
}

/** Links to the same page for each flow, the one shown marked. */
export function flowTabs(t: T, path: string, flows: readonly FlowChoice[], shown: string, query = ''): Html {
  if (flows.length < 2) return html``;
  return html`<nav aria-label="${t('dashboard:flows')}" class="tabs"><ul>
${flows.map(
  (f) =>
    html`<li><a href="${path}?flow=${encodeURIComponent(f.id)}${query}"${f.id === shown ? html` aria-current="page"` : ''}>${f.title}</a></li>`,
)}
</ul></nav>`;
}

/** A person's name (or key) linking to their page. */
export function personLink(person: { user: string; name?: string }): Html {
  return html`<a href="/person/${encodeURIComponent(person.user)}">${person.name ?? person.user}</a>`;
}

/** A whole percentage, or a dash. */
export const percent = (share: number | undefined): string =>
  share === undefined ? '–' : `${Math.round(share * 100)}%`;
