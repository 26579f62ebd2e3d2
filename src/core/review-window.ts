import { addBusinessDays, type CalendarDay, type Holidays, localDay } from './business-days.js';
import type { Step } from './flow.js';
import type { Progress } from './types.js';

/** When a review was submitted and the calendar days (in the person's own calendar) its answer is expected between. */
export interface ReviewWindow {
  /** The instant they said they had submitted. */
  submittedAt: Date;
  /** The day that was for them. */
  submitted: CalendarDay;
  from: CalendarDay;
  to: CalendarDay;
  minDays: number;
  maxDays: number;
}

/**
 * The window of a review step for one person, counted in business days (in their time zone, holidays
 * skipped) from the day they entered it, i.e. said they had submitted. Undefined for other steps.
 */
export function reviewWindow(step: Step, p: Progress, holidays: Holidays): ReviewWindow | undefined {
  const entered = p.steps[step.id]?.enteredAt;
  if (!step.wait || !entered) return undefined;
  const submittedAt = new Date(entered);
  const submitted = localDay(submittedAt, p.timeZone);
  const { minDays, maxDays } = step.wait;
  return {
    submittedAt,
    submitted,
    from: addBusinessDays(submitted, minDays, holidays),
    to: addBusinessDays(submitted, maxDays, holidays),
    minDays,
    maxDays,
  };
}
