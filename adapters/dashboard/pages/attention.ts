import { html } from 'hono/html';
import type { AttentionView, PeopleList } from '../../../src/core/index.js';
import { flowTabs, type Html, personLink, type T } from './layout.js';

/** Who needs someone: stuck, late reviews, asking for a person; N business days chosen on the page. */
export function attentionBody(t: T, v: AttentionView): Html {
  const flow = encodeURIComponent(v.flow.id);
  return html`${flowTabs(t, '/attention', v.flows, v.flow.id, `&days=${v.days}`)}
<h2>${v.flow.title}</h2>
<form method="get" action="/attention" class="days">
<input type="hidden" name="flow" value="${v.flow.id}">
<label for="days">${t('dashboard:attention.days-label')}</label>
<input id="days" name="days" type="number" min="0" max="60" value="${v.days}" inputmode="numeric">
<button type="submit">${t('dashboard:attention.show')}</button>
</form>
${section(t, 'stuck', t('dashboard:attention.stuck', { days: v.days }), v.stuck, 'dashboard:attention.days-idle')}
${section(t, 'late', t('dashboard:attention.late'), v.lateReviews, 'dashboard:attention.days-late')}
${section(t, 'help', t('dashboard:attention.help'), v.help, 'dashboard:attention.days-asked')}
<p class="hint">${t('dashboard:attention.hint')} <a href="/funnel?flow=${flow}">${t('dashboard:nav.funnel')}</a></p>`;
}

function section(t: T, id: string, title: string, list: PeopleList, daysKey: string): Html {
  const more =
    list.total > list.rows.length
      ? t('dashboard:attention.more', { shown: list.rows.length, total: list.total })
      : '';
  return html`<section aria-labelledby="${id}-title" id="${id}">
<h3 id="${id}-title">${title} <span class="count" data-count="${list.total}">(${list.total})</span></h3>
${
  list.rows.length === 0
    ? html`<p>${t('dashboard:attention.nobody')}</p>`
    : html`<table>
<thead><tr><th scope="col">${t('dashboard:attention.person')}</th><th scope="col">${t('dashboard:attention.platform')}</th><th scope="col">${t('dashboard:funnel.step')}</th><th scope="col" class="n">${t(daysKey)}</th></tr></thead>
<tbody>
${list.rows.map(
  (r) =>
    html`<tr><th scope="row">${personLink(r)}</th><td>${r.platform}</td><td>${r.stepTitle || '–'}</td><td class="n">${r.days}</td></tr>`,
)}
</tbody>
</table>`
}
${more ? html`<p class="hint">${more}</p>` : ''}
</section>`;
}
