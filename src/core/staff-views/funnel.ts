import type { Flow } from '../flow.js';
import { placedSteps } from '../flow.js';
import type { FlowCounts } from '../people-query.js';
import type { CohortRow, FunnelStep } from './types.js';

/** The funnel's rows from the store's counts: reached, now, the share that went on, the median time. */
export function funnelSteps(flow: Flow, counts: FlowCounts, title: (stepId: string) => string): FunnelStep[] {
  const steps = placedSteps(flow);
  return steps.map(({ step, index }) => {
    const reached = counts.reached[step.id] ?? 0;
    const next = steps[index + 1];
    const onward = next ? (counts.reached[next.step.id] ?? 0) : counts.finished;
    const median = counts.medianMs[step.id];
    return {
      id: step.id,
      number: index + 1,
      title: title(step.id),
      review: step.wait !== undefined,
      reached,
      now: counts.now[step.id] ?? 0,
      ...(reached > 0 ? { conversion: Math.min(1, onward / reached) } : {}),
      ...(median === undefined ? {} : { medianMs: median }),
    };
  });
}

/** Each start week's people: how many reached each step (in step order) and finished; newest week first. */
export function cohortRows(flow: Flow, counts: FlowCounts): CohortRow[] {
  const ids = placedSteps(flow).map((p) => p.step.id);
  return counts.cohorts
    .map((c) => ({
      week: c.week,
      started: c.started,
      reached: ids.map((id) => c.reached[id] ?? 0),
      finished: c.finished,
    }))
    .reverse();
}
