import { COMMAND_HANDLERS, runCommand } from './command-handlers.js';
import { type Flow, findStep, placedSteps } from './flow.js';
import { migratePart } from './flow-migrate.js';
import type { Outcome, Transition } from './outcome.js';
import { enter } from './progress.js';
import type { Command, Progress } from './types.js';

export { withHistory } from './history.js';
export type { Outcome, Transition } from './outcome.js';
export { isFinished, newProgress } from './progress.js';

/** Steps done, counted over the flow as it is now (steps removed from the flow no longer count). */
export function doneCount(flow: Flow, p: Progress): number {
  return placedSteps(flow).filter(({ step }) => p.steps[step.id]?.doneAt).length;
}

/**
 * The pure heart of the bot: (flow, progress, command, now) -> (progress, outcomes).
 * No I/O, no clock, no words: everything it needs comes in as arguments.
 * Each command type has its handler in `command-handlers.ts`; this only sets the scene and dispatches.
 */
export function transition(
  flow: Flow,
  before: Progress,
  command: Command,
  now: Date,
  languages: readonly string[],
): Transition {
  const at = now.toISOString();
  const base = reconcile(flow, before, at);
  const p = base.confirm && command.type !== 'confirm' ? { ...base, confirm: undefined } : base;
  const result = (progress: Progress, ...outcomes: Outcome[]): Transition => ({
    progress: progress === before ? before : { ...progress, updatedAt: at, activeAt: at },
    outcomes,
  });
  const steps = placedSteps(flow);
  const ctx = {
    flow,
    p,
    now,
    at,
    languages,
    current: findStep(flow, p.current),
    steps,
    first: steps[0]?.step.id as string,
    result,
  };
  return runCommand(COMMAND_HANDLERS, command.type, command, ctx);
}

/**
 * Keeps a person's progress valid when the flow changed under them. Start-up has already moved every
 * stored record by the flow's migration notes (and refused to start over a step that vanished without
 * one), so this only matters for a record that was written meanwhile by an older instance: the notes
 * are applied, and a step they still do not account for moves the person to the first step they have
 * not done.
 */
function reconcile(flow: Flow, before: Progress, at: string): Progress {
  if (before.flowVersion === flow.version && (before.current === null || findStep(flow, before.current)))
    return before;
  const p = migratePart(flow, before, at).part;
  const moved = { ...p, flowVersion: flow.version };
  if (p.current === null || findStep(flow, p.current)) return moved;
  const next = placedSteps(flow).find(({ step }) => !p.steps[step.id]?.doneAt);
  if (!next) return { ...moved, current: null, finishedAt: p.finishedAt ?? at };
  return enter(moved, next.step.id, at);
}
