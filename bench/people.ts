/** The people every store bench starts from: part-way through the real flow, as this version writes them. */
import { type Flow, type Progress, placedSteps } from '../src/core/index.js';
import { withReminderTime } from '../src/core/reminder-time.js';
import { userKey } from './measure.js';

const DAY = 86_400_000;
const stepsOf = new WeakMap<Flow, ReturnType<typeof placedSteps>>();

/** Person `i` of a generated store (about 600 bytes a record on average), as of `now`. */
export function personAt(flow: Flow, i: number, now: number): Progress {
  const placed = stepsOf.get(flow) ?? placedSteps(flow);
  stepsOf.set(flow, placed);
  const steps = placed.map(({ step }) => step);
  const iso = (ago: number) => new Date(now - ago).toISOString();
  // Most people are in the first stage; fewer get further.
  const at = Math.floor((steps.length * ((i * 7919) % 1000) ** 2) / 1_000_000);
  const record: Record<string, object> = {};
  steps.slice(0, at + 1).forEach((step, k) => {
    const done = k < at;
    record[step.id] = {
      enteredAt: iso((at - k + 1) * DAY),
      ...(done ? { doneAt: iso((at - k) * DAY) } : {}),
      ticked: done ? step.checklist : step.checklist.slice(0, 1),
    };
  });
  // Last seen an hour to five days ago: some are idle long enough for a reminder when the sweep runs.
  const active = iso(3_600_000 + ((i * 31) % 6) * DAY);
  return {
    user: userKey(i),
    flowId: 'reseller',
    flowVersion: 1,
    ...(i % 7 === 0 ? { locale: 'zh-CN' } : {}),
    current: steps[at]?.id ?? null,
    steps: record as Progress['steps'],
    startedAt: iso((at + 2) * DAY),
    activeAt: active,
    updatedAt: active,
  };
}

/** As this version writes every record: with the time its next reminder may be due. */
export const stamped = (flow: Flow, progress: Progress): Progress =>
  withReminderTime(flow, progress, { remindAfterDays: 3, holidays: new Set() });
