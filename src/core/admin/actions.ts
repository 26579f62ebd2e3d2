import { newProgress } from '../engine.js';
import { type Flow, findStep, placedSteps } from '../flow.js';
import type { Progress, Snapshot } from '../types.js';

export const snapshot = (p: Progress): Snapshot => ({
  current: p.current,
  steps: structuredClone(p.steps),
  ...(p.startedAt ? { startedAt: p.startedAt } : {}),
  ...(p.finishedAt ? { finishedAt: p.finishedAt } : {}),
});

/** Puts a person on `stepId`: the steps before it count as done, it and those after as not done. */
export function moveTo(flow: Flow, p: Progress, stepId: string, now: Date): Progress {
  const at = now.toISOString();
  const target = findStep(flow, stepId);
  if (!target) return p;
  const steps = { ...p.steps };
  for (const { step, index } of placedSteps(flow)) {
    const r = steps[step.id] ?? {};
    if (index < target.index) steps[step.id] = { ...r, doneAt: r.doneAt ?? at, enteredAt: r.enteredAt ?? at };
    else if (index === target.index) steps[step.id] = { ...r, enteredAt: at, doneAt: undefined };
    else steps[step.id] = { ...r, doneAt: undefined };
  }
  return {
    ...p,
    current: stepId,
    steps,
    startedAt: p.startedAt ?? at,
    finishedAt: undefined,
    confirm: undefined,
  };
}

/** Back to the very beginning; language, time zone, mute and reminders history stay. */
export function resetProgress(flow: Flow, p: Progress, now: Date): Progress {
  const fresh = newProgress(flow, p.user, now);
  return {
    ...fresh,
    locale: p.locale,
    timeZone: p.timeZone,
    muted: p.muted,
    platformLocale: p.platformLocale,
    history: p.history,
  };
}

/** Restores the state an audit entry kept. */
export function restore(p: Progress, before: Snapshot): Progress {
  return {
    ...p,
    current: before.current,
    steps: structuredClone(before.steps),
    startedAt: before.startedAt,
    finishedAt: before.finishedAt,
    confirm: undefined,
  };
}
