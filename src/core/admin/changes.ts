import { transition, withHistory } from '../engine.js';
import { type Flow, findStep } from '../flow.js';
import { switchFlow } from '../flow-parts.js';
import { remindedToday } from '../reminders.js';
import type { AuditDraft, AuditEntry, Progress, UserKey } from '../types.js';
import { moveTo, resetProgress, restore, snapshot } from './actions.js';

/** A person's record after a staff change, and the audit entry that goes with it (one durable write). */
export interface Change {
  progress: Progress;
  audit: AuditDraft;
}

/** Who acts, when: what every audited change needs. */
export interface Actor {
  by: UserKey;
  now: Date;
}

const draft = (
  actor: Actor,
  action: AuditDraft['action'],
  fresh: Progress,
  extra: Partial<AuditDraft> = {},
) =>
  ({
    at: actor.now.toISOString(),
    by: actor.by,
    action,
    target: fresh.user,
    before: snapshot(fresh),
    ...extra,
  }) satisfies AuditDraft;

export function moveChange(flow: Flow, fresh: Progress, stepId: string, actor: Actor): Change {
  return {
    progress: { ...moveTo(flow, fresh, stepId, actor.now), updatedAt: actor.now.toISOString() },
    audit: draft(actor, 'move', fresh, { detail: stepId }),
  };
}

export function resetChange(flow: Flow, fresh: Progress, actor: Actor): Change {
  return {
    progress: { ...resetProgress(flow, fresh, actor.now), updatedAt: actor.now.toISOString() },
    audit: draft(actor, 'reset', fresh),
  };
}

/** Marks the review the person waits on as passed; undefined when they are not on a review step. */
export function approveChange(
  flow: Flow,
  fresh: Progress,
  actor: Actor,
  languages: readonly string[],
): (Change & { stepId: string; outcomes: ReturnType<typeof transition>['outcomes'] }) | undefined {
  const placed = findStep(flow, fresh.current);
  if (!placed?.step.wait) return undefined;
  const stepId = placed.step.id;
  const done = transition(flow, fresh, { type: 'done', stepId }, actor.now, languages);
  // Staff acted, not the person: "idle" keeps counting from the person's own last step.
  const progress = { ...done.progress, activeAt: fresh.activeAt };
  return {
    progress,
    audit: draft(actor, 'approve', fresh, { detail: stepId }),
    stepId,
    outcomes: done.outcomes,
  };
}

/**
 * Moves the person into `flow` (their place in the flow they leave is kept) and on to where they are in
 * it: their step there, or its first step when they were never in it.
 */
export function assignChange(
  flow: Flow,
  fresh: Progress,
  actor: Actor,
  languages: readonly string[],
): Change & { outcomes: ReturnType<typeof transition>['outcomes'] } {
  const started = transition(flow, switchFlow(fresh, flow), { type: 'start' }, actor.now, languages);
  // Staff acted, not the person: "idle" keeps counting from the person's own last step.
  return {
    progress: { ...started.progress, activeAt: fresh.activeAt, updatedAt: actor.now.toISOString() },
    audit: draft(actor, 'assign', fresh, { detail: flow.id }),
    outcomes: started.outcomes,
  };
}

export type NudgeRefusal = 'muted' | 'limited';

/** A staff reminder, unless the person muted reminders or already got one today. */
export function nudgeChange(fresh: Progress, actor: Actor): Change | NudgeRefusal {
  if (fresh.muted) return 'muted';
  if (remindedToday(fresh, actor.now)) return 'limited';
  const at = actor.now.toISOString();
  const nudged = withHistory(fresh, {
    at,
    kind: 'staff-nudge',
    ...(fresh.current ? { stepId: fresh.current } : {}),
  });
  const { before: _none, ...audit } = draft(actor, 'nudge', fresh);
  return { progress: { ...nudged, updatedAt: at }, audit };
}

/** Puts back what `entry` changed; the undo is itself audited (and can be undone in turn). */
export function undoChange(fresh: Progress, entry: AuditEntry, actor: Actor): Change | undefined {
  if (!entry.before) return undefined;
  return {
    progress: { ...restore(fresh, entry.before), updatedAt: actor.now.toISOString() },
    audit: draft(actor, 'undo', fresh, { detail: entry.id, undoes: entry.id }),
  };
}
