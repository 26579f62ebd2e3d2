import { type Flow, type HistoryEntry, type Progress, placedSteps, type UserKey } from '../src/core/index.js';

const DAY = 86_400_000;
const ZONES = [
  'America/New_York',
  'America/Los_Angeles',
  'America/Sao_Paulo',
  'Europe/London',
  'Europe/Berlin',
  'Africa/Lagos',
  'Asia/Kolkata',
  'Asia/Shanghai',
  'Asia/Singapore',
  'Asia/Tokyo',
  'Australia/Sydney',
  'Pacific/Auckland',
];

/** A small fast PRNG (mulberry32): the same person `i` always gets the same record. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * Person `i` of the dashboard bench's store, spread as a live install's people are: started over the last
 * 26 weeks (one cohort a week), most in the first stage and fewer further on, about 8 % finished and
 * about 10 % at a review step (entered up to 10 days ago, so some are late), 80 % with one of twelve time
 * zones, some idle for weeks, 3 % with an open or answered "talk to a person" (history `escalated`), some
 * with reminders in their history, a few muted, half with a display name.
 */
export function spreadProgress(flow: Flow, user: UserKey, i: number, now: number): Progress {
  const r = random(i * 2654435761 + 1);
  const steps = placedSteps(flow).map(({ step }) => step);
  const finished = r() < 0.08;
  const at = finished ? steps.length : Math.min(steps.length - 1, Math.floor(steps.length * r() ** 2));
  const review = !finished && steps[at]?.wait !== undefined;
  const start = now - 182 * DAY * r();
  // When they entered their current step (or finished): reviews recently, other steps any time since.
  const entered = review
    ? Math.max(start, now - 10 * DAY * r())
    : start + (now - start) * (finished ? 0.2 + 0.8 * r() : 0.3 + 0.7 * r());
  const enteredAt = (k: number) => start + ((entered - start) * k) / Math.max(1, at);
  const record: Progress['steps'] = {};
  steps.slice(0, at + 1).forEach((step, k) => {
    if (k === at && finished) return;
    const done = k < at;
    record[step.id] = {
      enteredAt: iso(enteredAt(k)),
      ...(done ? { doneAt: iso(enteredAt(k + 1)) } : {}),
      ticked: done ? step.checklist : step.checklist.slice(0, Math.floor(r() * (step.checklist.length + 1))),
    };
  });
  const active = finished || review ? entered + 60_000 : activeSince(r, entered, now);
  const zone = r() < 0.8 ? ZONES[Math.floor(r() * ZONES.length)] : undefined;
  const history = historyOf(r, steps[at]?.id, active, now, review);
  // A third of those were answered by staff later (staff acting on the record closes the request).
  const staffAt =
    history.asked !== undefined && r() < 1 / 3
      ? Math.min(now - 60_000, history.asked + DAY * r() * 0.5)
      : undefined;
  return {
    user,
    flowId: flow.id,
    flowVersion: flow.version,
    ...(i % 7 === 0 ? { locale: 'zh-CN' } : {}),
    ...(r() < 0.5 ? { displayName: `Reseller ${i}` } : {}),
    ...(zone ? { timeZone: zone } : {}),
    ...(r() < 0.02 ? { muted: true } : {}),
    ...(history.entries.length > 0 ? { history: history.entries } : {}),
    current: finished ? null : (steps[at]?.id ?? null),
    steps: record,
    startedAt: iso(start),
    ...(finished ? { finishedAt: iso(entered) } : {}),
    activeAt: iso(active),
    updatedAt: iso(Math.max(active, staffAt ?? 0)),
    ...(staffAt !== undefined ? { staffAt: iso(staffAt) } : {}),
  };
}

/** Their own last activity on an ordinary step: mostly within three days, else any time since they entered. */
function activeSince(r: () => number, entered: number, now: number): number {
  const recent = now - 3 * DAY * r();
  return r() < 0.6 ? Math.max(entered, recent) : entered + (now - entered) * r();
}

/** Reminders they got, and (3 %) a "talk to a person" since their last activity. */
function historyOf(
  r: () => number,
  stepId: string | undefined,
  active: number,
  now: number,
  review: boolean,
): { entries: HistoryEntry[]; asked?: number } {
  const entries: HistoryEntry[] = [];
  if (stepId === undefined) return { entries };
  if (now - active > 4 * DAY && r() < 0.5)
    entries.push({ at: iso(active + 3 * DAY), kind: review ? 'review-check' : 'idle-nudge', stepId });
  if (r() >= 0.03) return { entries };
  const asked = active + (now - active) * r();
  entries.push({ at: iso(asked), kind: 'escalated', stepId });
  return { entries, asked };
}
