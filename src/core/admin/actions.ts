import { newProgress } from '../engine.js';
import { type Flow, findStep, placedSteps } from '../flow.js';
import type { Progress, Snapshot } from '../types.js';

export const snapshot = (p: Progress): Snapshot => ({
  current: p.current,
  steps: structuredClone(p.steps),
  ...(p.startedAt ? { startedAt: p.startedAt } : {}),
  ...(p.finishedAt ? { finishedAt: p.finishedAt } : {}),
  flowId: p.flowId,
  flowVersion: p.flowVersion,
  ...(p.shelved ? { shelved: structuredClone(p.shelved) } : {}),
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

/**
 * Back to the very beginning of the flow they are in; language, time zone, mute, reminders history and
 * their place in other flows stay.
 */
export function resetProgress(flow: Flow, p: Progress, now: Date): Progress {
  const fresh = newProgress(flow, p.user, now);
  return {
    ...fresh,
    ...(p.shelved ? { shelved: p.shelved } : {}),
    locale: p.locale,
    timeZone: p.timeZone,
    muted: p.muted,
    platformLocale: p.platformLocale,
    ...(p.displayName ? { displayName: p.displayName } : {}),
    history: p.history,
  };
}

/** Restores the state an audit entry kept (the flow too, when the entry kept it: an `assign`). */
export function restore(p: Progress, before: Snapshot): Progress {
  const { shelved: _now, ...rest } = p;
  const flow =
    before.flowId === undefined || before.flowVersion === undefined
      ? p
      : { flowId: before.flowId, flowVersion: before.flowVersion, shelved: before.shelved };
  return {
    ...rest,
    flowId: flow.flowId,
    flowVersion: flow.flowVersion,
    ...(flow.shelved ? { shelved: structuredClone(flow.shelved) } : {}),
    current: before.current,
    steps: structuredClone(before.steps),
    startedAt: before.startedAt,
    finishedAt: before.finishedAt,
    confirm: undefined,
  };
}
