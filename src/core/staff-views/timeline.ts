import { type Flow, placedSteps } from '../flow.js';
import type { AuditEntry, Progress } from '../types.js';
import type { PersonStep, TimelineEntry } from './types.js';

type T = (key: string, vars?: Record<string, unknown>) => string;

/** Every step with where the person is. */
export function personSteps(flow: Flow, p: Progress, title: (stepId: string) => string): PersonStep[] {
  return placedSteps(flow).map(({ step, index }) => ({
    number: index + 1,
    title: title(step.id),
    state: p.steps[step.id]?.doneAt ? 'done' : p.current === step.id ? 'current' : 'todo',
  }));
}

/** Steps started and done, reminders and requests, and staff actions, newest first. */
export function timeline(
  flow: Flow,
  p: Progress,
  actions: readonly AuditEntry[],
  t: T,
  title: (stepId: string) => string,
): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  for (const { step } of placedSteps(flow)) {
    const r = p.steps[step.id];
    const vars = { step: title(step.id) };
    if (r?.enteredAt)
      entries.push({ at: r.enteredAt, kind: 'started', text: t('dashboard:timeline.started', vars) });
    if (r?.doneAt) entries.push({ at: r.doneAt, kind: 'done', text: t('dashboard:timeline.done', vars) });
  }
  for (const h of p.history ?? []) {
    const about = h.stepId ? ` · ${title(h.stepId)}` : '';
    entries.push({ at: h.at, kind: 'history', text: `${t(`admin:history.${h.kind}`)}${about}` });
  }
  for (const a of actions) {
    const text = t('dashboard:timeline.staff', {
      action: t(`admin:actions.${a.action}`),
      id: a.id,
      by: a.by,
    });
    entries.push({ at: a.at, kind: 'staff', text: a.detail ? `${text} · ${a.detail}` : text });
  }
  return entries.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}
