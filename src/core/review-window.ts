import { addBusinessDays, type Holidays } from './business-days.js';
import type { Step } from './flow.js';
import type { Progress } from './types.js';

/** When a review was submitted and the calendar days its answer is expected between. */
export interface ReviewWindow {
  submitted: Date;
  from: Date;
  to: Date;
  minDays: number;
  maxDays: number;
}

/**
 * The window of a review step for one person, counted in business days (in their time zone, holidays
 * skipped) from the moment they entered it, i.e. said they had submitted. Undefined for other steps.
 */
export function reviewWindow(step: Step, p: Progress, holidays: Holidays): ReviewWindow | undefined {
  const entered = p.steps[step.id]?.enteredAt;
  if (!step.wait || !entered) return undefined;
  const submitted = new Date(entered);
  const { minDays, maxDays } = step.wait;
  return {
    submitted,
    from: addBusinessDays(submitted, minDays, holidays, p.timeZone),
    to: addBusinessDays(submitted, maxDays, holidays, p.timeZone),
    minDays,
    maxDays,
  };
}
