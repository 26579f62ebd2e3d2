import { html } from 'hono/html';
import { duration, type FunnelView } from '../../../src/core/index.js';
import { flowTabs, type Html, percent, type T } from './layout.js';

/** The funnel: the chart, the same numbers as a table (the chart's text alternative), the cohorts. */
export function funnelBody(t: T, v: FunnelView): Html {
  const rate = v.started ? v.finished / v.started : undefined;
  const chart = {
    labels: v.steps.map((s) => `${s.number}. ${s.title}`),
    series: [
      { label: t('dashboard:funnel.reached'), values: v.steps.map((s) => s.reached) },
      { label: t('dashboard:funnel.now'), values: v.steps.map((s) => s.now) },
    ],
  };
  return html`${flowTabs(t, '/funnel', v.flows, v.flow.id)}
<h2>${v.flow.title}</h2>
<ul class="facts">
<li><span>${t('dashboard:funnel.started')}</span> <strong data-fact="started">${v.started}</strong></li>
<li><span>${t('dashboard:funnel.finished')}</span> <strong data-fact="finished">${v.finished}</strong> (${percent(rate)})</li>
<li><span>${t('dashboard:funnel.waiting')}</span> <strong data-fact="waiting">${v.steps.filter((s) => s.review).reduce((n, s) => n + s.now, 0)}</strong></li>
<li><a href="/attention?flow=${encodeURIComponent(v.flow.id)}"><span>${t('dashboard:funnel.stuck', { days: v.remindAfterDays })}</span> <strong data-fact="stuck">${v.stuck}</strong></a></li>
</ul>
<figure>
<div class="chart"><canvas id="funnel-chart" role="img" aria-label="${t('dashboard:funnel.chart-label')}" data-chart="${JSON.stringify(chart)}"></canvas></div>
<figcaption>${t('dashboard:funnel.chart-caption')}</figcaption>
</figure>
<table id="funnel-table">
<caption>${t('dashboard:funnel.table-caption')}</caption>
<thead><tr><th scope="col">#</th><th scope="col">${t('dashboard:funnel.step')}</th><th scope="col" class="n">${t('dashboard:funnel.reached')}</th><th scope="col" class="n">${t('dashboard:funnel.now')}</th><th scope="col" class="n">${t('dashboard:funnel.conversion')}</th><th scope="col" class="n">${t('dashboard:funnel.median')}</th></tr></thead>
<tbody>
${v.steps.map(
  (s) =>
    html`<tr data-step="${s.id}"><td>${s.number}</td><th scope="row">${s.title}${s.review ? html` <span class="tag">${t('dashboard:funnel.review')}</span>` : ''}</th><td class="n" data-col="reached">${s.reached}</td><td class="n" data-col="now">${s.now}</td><td class="n" data-col="conversion">${percent(s.conversion)}</td><td class="n">${s.medianMs === undefined ? '–' : duration(s.medianMs, t)}</td></tr>`,
)}
<tr data-step="finished"><td></td><th scope="row">${t('dashboard:funnel.finished')}</th><td class="n" data-col="reached">${v.finished}</td><td class="n"></td><td class="n"></td><td class="n"></td></tr>
</tbody>
</table>
${cohorts(t, v)}`;
}

function cohorts(t: T, v: FunnelView): Html {
  if (v.cohorts.length === 0)
    return html`<h2>${t('dashboard:cohorts.title')}</h2><p>${t('dashboard:cohorts.none')}</p>`;
  const share = (n: number, of: number) => (of ? `${n} (${percent(n / of)})` : String(n));
  return html`<h2 id="cohorts">${t('dashboard:cohorts.title')}</h2>
<div class="scroll" role="region" aria-labelledby="cohorts" tabindex="0">
<table id="cohort-table">
<caption>${t('dashboard:cohorts.caption')}</caption>
<thead><tr><th scope="col">${t('dashboard:cohorts.week')}</th><th scope="col" class="n">${t('dashboard:funnel.started')}</th>
${v.steps.map((s) => html`<th scope="col" class="n"><abbr title="${s.title}">${s.number}</abbr></th>`)}
<th scope="col" class="n">${t('dashboard:funnel.finished')}</th></tr></thead>
<tbody>
${v.cohorts.map(
  (c) =>
    html`<tr data-week="${c.week}"><th scope="row">${c.week}</th><td class="n">${c.started}</td>${c.reached.map((n) => html`<td class="n">${share(n, c.started)}</td>`)}<td class="n">${share(c.finished, c.started)}</td></tr>`,
)}
</tbody>
</table>
</div>`;
}
