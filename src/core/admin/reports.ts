import { placedSteps } from '../flow.js';
import type { FlowCounts, PeoplePage, PeopleQuery } from '../people-query.js';
import { isFinished } from '../progress.js';
import { lastActive } from '../reminders.js';
import { stuckQuery } from '../stuck-bounds.js';
import type { ReplyDraft as Reply } from '../types.js';
import { type AdminView, bar, duration, platformName } from './context.js';

export const PAGE_SIZE = 20;

/**
 * The funnel from the store's counts: started, at each step, waiting on each review, stuck (`stuck`
 * people, counted by the store), finished; the median time per step.
 */
export function statsReply(view: AdminView, counts: FlowCounts, stuck: number): Reply {
  const { t } = view;
  const steps = placedSteps(view.flow);
  const at = (stepId: string) => counts.now[stepId] ?? 0;
  const max = Math.max(1, counts.finished, ...steps.map(({ step }) => at(step.id)));
  const rows = steps.map(({ step, index }) => {
    const m = counts.medianMs[step.id];
    const title = `${step.wait ? '⏳ ' : ''}${view.stepTitle(step.id)}`;
    const n = at(step.id);
    return `${String(index + 1).padStart(2)} ${title.slice(0, 38).padEnd(38)} ${String(n).padStart(4)} ${bar(n, max)} ${m === undefined ? '-' : duration(m, t)}`;
  });
  rows.push(
    `✅ ${t('admin:stats.finished-row').padEnd(38)} ${String(counts.finished).padStart(4)} ${bar(counts.finished, max)}`,
  );
  const rate = counts.started ? Math.round((counts.finished / counts.started) * 100) : 0;
  const waiting = steps
    .filter(({ step }) => step.wait)
    .map(({ step }) => `${view.stepTitle(step.id)}: ${at(step.id)}`);
  return {
    kind: 'admin',
    title: t('admin:stats.title'),
    text: [
      t('admin:stats.summary', {
        started: counts.started,
        finished: counts.finished,
        rate,
        stuck,
        days: view.remindAfterDays,
      }),
      `${t('admin:stats.waiting')} ${waiting.join(' · ')}`,
      `\`\`\`\n${header(t)}\n${rows.join('\n')}\n\`\`\``,
    ].join('\n'),
  };
}

const header = (t: AdminView['t']): string =>
  `${' #'} ${t('admin:stats.col-step').padEnd(38)} ${t('admin:stats.col-now').padStart(4)} ${''.padEnd(12)} ${t('admin:stats.col-median')}`;

/**
 * The store query for a `list` filter (a step id, a stage id, waiting, stuck [days], done, or all), longest
 * idle first; undefined for a filter that is none of these. `zones` are the flow's (for stuck).
 */
export function filterQuery(
  view: AdminView,
  filter: string,
  zones: readonly string[],
  days?: number,
): PeopleQuery | undefined {
  const { flow } = view;
  const steps = placedSteps(flow).map((p) => p.step);
  const stage = flow.stages.find((s) => s.id === filter);
  const base = { flowId: flow.id, order: 'idle' as const };
  switch (filter) {
    case 'all':
      return { ...base, started: true };
    case 'done':
      return { ...base, finished: true };
    case 'waiting':
      return { ...base, at: steps.filter((s) => s.wait).map((s) => s.id) };
    case 'stuck':
      return { ...stuckQuery(flow, zones, view.now, days ?? view.remindAfterDays, view.holidays), ...base };
  }
  if (stage) return { ...base, at: stage.steps.map((s) => s.id) };
  if (steps.some((s) => s.id === filter)) return { ...base, at: [filter] };
  return undefined;
}

/** The "no such filter" answer, naming the steps there are. */
export function unknownFilterReply(view: AdminView, filter: string): Reply {
  return {
    kind: 'warning',
    text: view.t('admin:list.unknown-filter', {
      filter: filter.slice(0, 40),
      steps: placedSteps(view.flow)
        .map((p) => p.step.id)
        .join(', '),
    }),
  };
}

/** One page of a list (`found`: that page of people and how many match in all). */
export function listReply(
  view: AdminView,
  filter: string,
  page: number,
  found: PeoplePage,
  days?: number,
): Reply {
  const { t } = view;
  const count = found.total ?? found.people.length;
  const pages = Math.max(1, Math.ceil(count / PAGE_SIZE));
  const label = days !== undefined ? `${filter} ${days}` : filter;
  const lines = found.people.map((p) => {
    const where = p.current
      ? view.stepTitle(p.current)
      : isFinished(p)
        ? t('admin:stats.finished-row')
        : t('admin:list.not-started');
    const since = p.current ? p.steps[p.current]?.enteredAt : (p.finishedAt ?? p.updatedAt);
    const idle = duration(view.now.getTime() - lastActive(p).getTime(), t);
    const there = since ? duration(view.now.getTime() - Date.parse(since), t) : '-';
    return t('admin:list.line', { who: p.user, where, there, idle, platform: platformName(p.user) });
  });
  const more = page < pages ? t('admin:list.more', { page, pages, filter: label, next: page + 1 }) : '';
  return {
    kind: 'admin',
    title: t('admin:list.title', { count, filter: label }),
    text: [lines.length ? lines.join('\n') : t('admin:list.empty'), more].filter(Boolean).join('\n\n'),
  };
}
