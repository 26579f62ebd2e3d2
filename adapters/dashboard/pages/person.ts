import { html } from 'hono/html';
import type { PersonPage } from '../../../src/core/index.js';
import { type Html, percent, type T } from './layout.js';

/** One person: where they are (a progress bar and the steps), then everything that happened, newest first. */
export function personBody(t: T, p: PersonPage): Html {
  const share = p.total ? p.done / p.total : 0;
  return html`<p>${p.name ? html`<strong>${p.name}</strong> · ` : ''}<code>${p.user}</code> · ${p.platform} · ${p.flow.title}</p>
<p><label for="progress">${t('dashboard:person.progress', { done: p.done, total: p.total })}</label>
<progress id="progress" max="${p.total}" value="${p.done}">${percent(share)}</progress>
${p.finished ? html` <span class="tag">${t('dashboard:funnel.finished')}</span>` : ''}</p>
<h2>${t('dashboard:person.steps')}</h2>
<ol class="steps">
${p.steps.map((s) => html`<li class="${s.state}"><span class="state">${t(`dashboard:person.state.${s.state}`)}</span> ${s.title}</li>`)}
</ol>
<h2>${t('dashboard:person.timeline')}</h2>
${
  p.timeline.length === 0
    ? html`<p>–</p>`
    : html`<ol class="timeline" reversed>
${p.timeline.map((e) => html`<li class="event-${e.kind}"><time datetime="${e.at}">${e.at.slice(0, 16).replace('T', ' ')} UTC</time> ${e.text}</li>`)}
</ol>`
}`;
}
