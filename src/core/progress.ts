import type { Flow } from './flow.js';
import type { Outcome } from './outcome.js';
import type { Progress, UserKey } from './types.js';

export function newProgress(flow: Flow, user: UserKey, now: Date): Progress {
  return {
    user,
    flowId: flow.id,
    flowVersion: flow.version,
    current: null,
    steps: {},
    updatedAt: now.toISOString(),
  };
}

export const isFinished = (p: Progress): boolean => p.finishedAt !== undefined;

/** Makes `stepId` the current step, entered at `at` and not done (again). */
export function enter(p: Progress, stepId: string, at: string): Progress {
  return {
    ...p,
    current: stepId,
    steps: { ...p.steps, [stepId]: { ...p.steps[stepId], enteredAt: at, doneAt: undefined } },
  };
}

/** What shows where the person is: their step, the end, or the way in. */
export function whereTheyAre(p: Progress): Outcome {
  if (p.current) return { show: 'step', stepId: p.current };
  return isFinished(p) ? { show: 'finished' } : { show: 'not-started' };
}
