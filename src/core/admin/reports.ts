import stringWidth from 'string-width';
import { placedSteps } from '../flow.js';
import type { FlowCounts, PeoplePage, PeopleQuery } from '../people-query.js';
import { personMark } from '../person.js';
import { isFinished } from '../progress.js';
import { lastActive } from '../reminders.js';
import { stuckQuery } from '../stuck-bounds.js';
import type { ReplyDraft as Reply } from '../types.js';
import { type AdminView, bar, duration, platformName } from './context.js';

export const PAGE_SIZE = 20;

/** Pads to `width` terminal columns (Chinese characters and emoji take two), cutting what is longer. */
function padCells(text: string, width: number): string {
  let out = '';
  for (const char of text) {
    if (stringWidth(out + char) > width) break;
    out += char;
  }
  return out + ' '.repeat(Math.max(0, width - stringWidth(out)));
}

const TITLE_COLUMNS = 38;
const num = (n: number | string, width = 6) => String(n).padStart(width);

/** The share of `from` that went on to `to`, in whole percent ('-' when nobody got to `from`). */
const conversion = (from: number, to: number): string => (from ? `${Math.round((to / from) * 100)}%` : '-');

/**
 * The funnel from the store's counts: started, per step how many reached it, are there now, went on to
 * the next step (conversion) and the median time in it; waiting on each review, stuck (`stuck` people,
 * counted by the store), finished.
 */
export function statsReply(view: AdminView, counts: FlowCounts, stuck: number): Reply {
  const { t } = view;
  const steps = placedSteps(view.flow);
  const at = (stepId: string) => counts.now[stepId] ?? 0;
  const reached = (stepId: string) => counts.reached[stepId] ?? 0;
  const max = Math.max(1, counts.finished, ...steps.map(({ step }) => reached(step.id)));
  const rows = steps.map(({ step, index }) => {
    const m = counts.medianMs[step.id];
    const title = `${step.wait ? '⏳ ' : ''}${view.stepTitle(step.id)}`;
    const next = steps[index + 1];
    const onward = next ? reached(next.step.id) : counts.finished;
    const r = reached(step.id);
    return `${num(index + 1, 2)} ${padCells(title, TITLE_COLUMNS)} ${num(r)} ${num(at(step.id))} ${num(conversion(r, onward))} ${bar(r, max)} ${m === undefined ? '-' : duration(m, t)}`;
  });
  rows.push(
    `✅ ${padCells(t('admin:stats.finished-row'), TITLE_COLUMNS)} ${num(counts.finished)} ${num('')} ${num('')} ${bar(counts.finished, max)}`,
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
  [
    ' #',
    padCells(t('admin:stats.col-step'), TITLE_COLUMNS),
    ...['col-reached', 'col-now', 'col-onward'].map((k) => padStartCells(t(`admin:stats.${k}`), 6)),
    ''.padEnd(12),
    t('admin:stats.col-median'),
  ].join(' ');

const padStartCells = (text: string, width: number): string =>
  ' '.repeat(Math.max(0, width - stringWidth(text))) + text;

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
    return t('admin:list.line', { who: personMark(p), where, there, idle, platform: platformName(p.user) });
  });
  const more = page < pages ? t('admin:list.more', { page, pages, filter: label, next: page + 1 }) : '';
  return {
    kind: 'admin',
    title: t('admin:list.title', { count, filter: label }),
    text: [lines.length ? lines.join('\n') : t('admin:list.empty'), more].filter(Boolean).join('\n\n'),
  };
}
