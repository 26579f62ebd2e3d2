import { isFinished, isStarted } from '../engine.js';
import { placedSteps } from '../flow.js';
import { isStuck, lastActive } from '../reminders.js';
import type { Progress, ReplyDraft as Reply } from '../types.js';
import { type AdminView, bar, duration, median, platformName } from './context.js';

const PAGE_SIZE = 20;

/** The funnel: started, at each step, waiting on each review, stuck, finished; median time per step. */
export function statsReply(view: AdminView): Reply {
  const { flow, people, t } = view;
  const started = people.filter(isStarted);
  const finished = people.filter(isFinished);
  const stuck = people.filter((p) => isStuck(flow, p, view.now, view.remindAfterDays, view.holidays));
  const steps = placedSteps(flow);
  const counts = steps.map(({ step }) => people.filter((p) => p.current === step.id).length);
  const max = Math.max(1, finished.length, ...counts);
  const rows = steps.map(({ step, index }, i) => {
    const times = people.flatMap((p) => {
      const r = p.steps[step.id];
      return r?.enteredAt && r.doneAt ? [Date.parse(r.doneAt) - Date.parse(r.enteredAt)] : [];
    });
    const m = median(times);
    const title = `${step.wait ? '⏳ ' : ''}${view.stepTitle(step.id)}`;
    const n = counts[i] as number;
    return `${String(index + 1).padStart(2)} ${title.slice(0, 38).padEnd(38)} ${String(n).padStart(4)} ${bar(n, max)} ${m === undefined ? '-' : duration(m, t)}`;
  });
  rows.push(
    `✅ ${t('admin:stats.finished-row').padEnd(38)} ${String(finished.length).padStart(4)} ${bar(finished.length, max)}`,
  );
  const rate = started.length ? Math.round((finished.length / started.length) * 100) : 0;
  const waiting = steps
    .filter(({ step }) => step.wait)
    .map(({ step }) => `${view.stepTitle(step.id)}: ${people.filter((p) => p.current === step.id).length}`);
  return {
    kind: 'admin',
    title: t('admin:stats.title'),
    text: [
      t('admin:stats.summary', {
        started: started.length,
        finished: finished.length,
        rate,
        stuck: stuck.length,
        days: view.remindAfterDays,
      }),
      `${t('admin:stats.waiting')} ${waiting.join(' · ')}`,
      `\`\`\`\n${header(t)}\n${rows.join('\n')}\n\`\`\``,
    ].join('\n'),
  };
}

const header = (t: AdminView['t']): string =>
  `${' #'} ${t('admin:stats.col-step').padEnd(38)} ${t('admin:stats.col-now').padStart(4)} ${''.padEnd(12)} ${t('admin:stats.col-median')}`;

/** Who matches a `list` filter: a step id, a stage id, waiting, stuck [days], done, or all. */
function matching(view: AdminView, filter: string, days?: number): Progress[] | undefined {
  const { flow, people } = view;
  const stage = flow.stages.find((s) => s.id === filter);
  const waitSteps = new Set(
    placedSteps(flow)
      .filter((p) => p.step.wait)
      .map((p) => p.step.id),
  );
  switch (filter) {
    case 'all':
      return people;
    case 'done':
      return people.filter(isFinished);
    case 'waiting':
      return people.filter((p) => p.current !== null && waitSteps.has(p.current));
    case 'stuck':
      return people.filter((p) => isStuck(flow, p, view.now, days ?? view.remindAfterDays, view.holidays));
  }
  if (stage) return people.filter((p) => stage.steps.some((s) => s.id === p.current));
  if (placedSteps(flow).some((p) => p.step.id === filter)) return people.filter((p) => p.current === filter);
  return undefined;
}

export function listReply(view: AdminView, filter: string, page: number, days?: number): Reply {
  const { t } = view;
  const found = matching(view, filter, days);
  if (!found)
    return {
      kind: 'warning',
      text: t('admin:list.unknown-filter', {
        filter: filter.slice(0, 40),
        steps: placedSteps(view.flow)
          .map((p) => p.step.id)
          .join(', '),
      }),
    };
  const sorted = [...found].sort((a, b) => lastActive(a).getTime() - lastActive(b).getTime());
  const pages = Math.max(1, Math.ceil(sorted.length / PAGE_SIZE));
  const shown = sorted.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const label = days !== undefined ? `${filter} ${days}` : filter;
  const lines = shown.map((p) => {
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
    title: t('admin:list.title', { count: found.length, filter: label }),
    text: [lines.length ? lines.join('\n') : t('admin:list.empty'), more].filter(Boolean).join('\n\n'),
  };
}
