import { newProgress } from '../engine.js';
import { type Flow, findStep, placedSteps } from '../flow.js';
import type { AuditEntry, Progress, Snapshot, UserKey } from '../types.js';

const AUDIT_LIMIT = 200;

export const snapshot = (p: Progress): Snapshot => ({
  current: p.current,
  steps: structuredClone(p.steps),
  ...(p.startedAt ? { startedAt: p.startedAt } : {}),
  ...(p.finishedAt ? { finishedAt: p.finishedAt } : {}),
});

/** Records an admin action on the record it concerns, with the state before it (so it can be undone). */
export function withAudit(
  p: Progress,
  before: Progress | undefined,
  entry: Omit<AuditEntry, 'before'>,
): Progress {
  const full: AuditEntry = { ...entry, ...(before ? { before: snapshot(before) } : {}) };
  return { ...p, audit: [...(p.audit ?? []), full].slice(-AUDIT_LIMIT), updatedAt: entry.at };
}

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

/** Back to the very beginning; language, time zone, reminders history and audit stay. */
export function resetProgress(flow: Flow, p: Progress, now: Date): Progress {
  const fresh = newProgress(flow, p.user, now);
  return {
    ...fresh,
    locale: p.locale,
    timeZone: p.timeZone,
    muted: p.muted,
    history: p.history,
    audit: p.audit,
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

/** The next audit id: A1, A2, ... over everyone's records. */
export function nextAuditId(people: Progress[]): string {
  const highest = people
    .flatMap((p) => p.audit ?? [])
    .reduce((max, a) => Math.max(max, Number.parseInt(a.id.slice(1), 10) || 0), 0);
  return `A${highest + 1}`;
}

export const isAdminKey = (user: UserKey, admins: readonly UserKey[]): boolean => admins.includes(user);
