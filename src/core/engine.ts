import { type Flow, findStep, placedSteps } from './flow.js';
import { thisVisit, withHistory, within } from './history.js';
import { matchLanguage } from './languages.js';
import type { Command, Progress, UserKey } from './types.js';

export { withHistory } from './history.js';

/** What the person should see after a command; turned into words by `present`. */
export type Outcome =
  | { show: 'step'; stepId: string; intro?: boolean; refresh?: boolean }
  | { show: 'status' }
  | { show: 'help' }
  | { show: 'finished' }
  | { show: 'stale'; stepId: string }
  | { show: 'not-started' }
  | { show: 'at-first-step' }
  | { show: 'confirm-restart' }
  | { show: 'cancelled' }
  | { show: 'lang-set' }
  | { show: 'lang-list'; unknown?: string }
  | { show: 'tick-unknown'; item: string }
  | { show: 'muted'; on: boolean }
  | { show: 'escalated'; already: boolean }
  | { show: 'review-waiting' }
  | { show: 'review-rejected' }
  | { show: 'not-a-review' }
  | {
      show: 'hint';
      reason: 'empty' | 'unknown' | 'too-long' | 'sensitive' | 'nothing-to-confirm' | 'stale-question';
    };

/** The name of the person's own "start over?" question (staff questions get names of their own). */
export const RESTART_QUESTION = 'restart';

export interface Transition {
  /** The same object as the input when nothing changed. */
  progress: Progress;
  outcomes: Outcome[];
}

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
export const isStarted = (p: Progress): boolean => p.current !== null || isFinished(p);

/** Steps done, counted over the flow as it is now (steps removed from the flow no longer count). */
export function doneCount(flow: Flow, p: Progress): number {
  return placedSteps(flow).filter(({ step }) => p.steps[step.id]?.doneAt).length;
}

/**
 * The pure heart of the bot: (flow, progress, command, now) -> (progress, outcomes).
 * No I/O, no clock, no words: everything it needs comes in as arguments.
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
  const current = findStep(flow, p.current);
  const steps = placedSteps(flow);
  const first = steps[0]?.step.id as string;
  const isStale = (stepId?: string) => stepId !== undefined && stepId !== p.current;

  switch (command.type) {
    case 'start':
      if (current) return result(p, { show: 'step', stepId: current.step.id });
      if (isFinished(p)) return result(p, { show: 'finished' });
      return result(enter({ ...p, startedAt: at }, first, at), { show: 'step', stepId: first, intro: true });

    case 'done': {
      if (!current) return result(p, isFinished(p) ? { show: 'finished' } : { show: 'not-started' });
      if (isStale(command.stepId)) return staleResult(p, command.stepId as string);
      const id = current.step.id;
      const marked = {
        ...p,
        steps: { ...p.steps, [id]: { ...p.steps[id], doneAt: at, ticked: [...current.step.checklist] } },
      };
      const next = steps[current.index + 1];
      if (!next) return result({ ...marked, current: null, finishedAt: at }, { show: 'finished' });
      return result(enter(marked, next.step.id, at), { show: 'step', stepId: next.step.id });
    }

    case 'back': {
      if (isStale(command.stepId)) return staleResult(p, command.stepId as string);
      const target = current ? steps[current.index - 1] : isFinished(p) ? steps[steps.length - 1] : undefined;
      if (!current && !target) return result(p, { show: 'not-started' });
      if (!target) return result(p, { show: 'at-first-step' }, { show: 'step', stepId: p.current as string });
      const id = target.step.id;
      const reopened = { ...p.steps[id], doneAt: undefined };
      return result(
        { ...p, current: id, finishedAt: undefined, steps: { ...p.steps, [id]: reopened } },
        {
          show: 'step',
          stepId: id,
        },
      );
    }

    case 'tick': {
      if (!current) return result(p, isFinished(p) ? { show: 'finished' } : { show: 'not-started' });
      if (isStale(command.stepId)) return staleResult(p, command.stepId as string);
      const list = current.step.checklist;
      const n = Number(command.item);
      const item = Number.isInteger(n) && n >= 1 ? list[n - 1] : list.find((i) => i === command.item);
      if (!item) return result(p, { show: 'tick-unknown', item: command.item });
      const id = current.step.id;
      const ticked = new Set(p.steps[id]?.ticked ?? []);
      const on = command.on ?? !ticked.has(item);
      if (on) ticked.add(item);
      else ticked.delete(item);
      const record = { ...p.steps[id], ticked: list.filter((i) => ticked.has(i)) };
      return result(
        { ...p, steps: { ...p.steps, [id]: record } },
        { show: 'step', stepId: id, refresh: true },
      );
    }

    case 'status':
      return result(p, { show: 'status' });

    case 'help':
      return result(p, { show: 'help' });

    case 'lang': {
      const code = matchLanguage(command.code, languages);
      if (!command.code) return result(p, { show: 'lang-list' });
      if (!code) return result(p, { show: 'lang-list', unknown: command.code });
      return result({ ...p, locale: code }, { show: 'lang-set' });
    }

    case 'restart':
      return result({ ...p, confirm: 'restart' }, { show: 'confirm-restart' });

    case 'confirm': {
      if (p.confirm !== 'restart') return result(p, { show: 'hint', reason: 'nothing-to-confirm' });
      if (command.question !== undefined && command.question !== RESTART_QUESTION) {
        return result(p, { show: 'hint', reason: 'stale-question' });
      }
      if (!command.yes) {
        const back: Outcome = current ? { show: 'step', stepId: current.step.id } : { show: 'status' };
        return result({ ...p, confirm: undefined }, { show: 'cancelled' }, back);
      }
      // Their own fresh start: the steps go, but not their settings (mute, time zone) nor the history
      // the reminder and escalation limits read.
      const fresh: Progress = {
        ...newProgress(flow, p.user, now),
        locale: p.locale,
        timeZone: p.timeZone,
        muted: p.muted,
        history: p.history,
        startedAt: at,
      };
      return result(enter(fresh, first, at), { show: 'step', stepId: first, intro: true });
    }

    case 'mute':
      return result({ ...p, muted: command.on || undefined }, { show: 'muted', on: command.on });

    case 'escalate': {
      const recent = (p.history ?? []).some(
        (h) => h.kind === 'escalated' && within(h.at, now, ESCALATION_COOLDOWN_MS),
      );
      if (recent) return result(p, { show: 'escalated', already: true });
      const entry = { at, kind: 'escalated' as const, ...(p.current ? { stepId: p.current } : {}) };
      return result(withHistory(p, entry), { show: 'escalated', already: false });
    }

    case 'review': {
      if (isStale(command.stepId)) return staleResult(p, command.stepId as string);
      if (!current?.step.wait) return result(p, { show: 'not-a-review' });
      const answer = { at, kind: 'review-answer' as const, stepId: current.step.id, detail: command.answer };
      if (command.answer === 'waiting') {
        // One "Still waiting" per visit is all that anything reads: more clicks change (and write) nothing.
        const already = thisVisit(p, 'review-answer').some((h) => h.detail === 'waiting');
        return result(already ? p : withHistory(p, answer), { show: 'review-waiting' });
      }
      const answered = withHistory(p, answer);
      const submit = steps[current.index - 1] ?? current;
      const id = submit.step.id;
      const reopened = {
        ...answered,
        current: id,
        steps: { ...answered.steps, [id]: { ...answered.steps[id], doneAt: undefined } },
      };
      return result(reopened, { show: 'review-rejected' }, { show: 'step', stepId: id });
    }

    case 'admin':
    case 'unknown':
      return result(p, { show: 'hint', reason: command.type === 'unknown' ? command.reason : 'unknown' });
  }

  function staleResult(progress: Progress, stepId: string): Transition {
    const where: Outcome = progress.current
      ? { show: 'step', stepId: progress.current }
      : isFinished(progress)
        ? { show: 'finished' }
        : { show: 'not-started' };
    return result(progress, { show: 'stale', stepId }, where);
  }
}

/** A person may call for a human once a day; more would only flood the staff channel. */
const ESCALATION_COOLDOWN_MS = 24 * 60 * 60 * 1000;

function enter(p: Progress, stepId: string, at: string): Progress {
  return {
    ...p,
    current: stepId,
    steps: { ...p.steps, [stepId]: { ...p.steps[stepId], enteredAt: at, doneAt: undefined } },
  };
}

/**
 * Keeps a person's progress valid when the flow changed under them: progress is keyed by step id,
 * so a removed current step moves them to the first step they have not done.
 */
export function reconcile(flow: Flow, p: Progress, at: string): Progress {
  if (p.flowVersion === flow.version && (p.current === null || findStep(flow, p.current))) return p;
  const moved = { ...p, flowVersion: flow.version };
  if (p.current === null || findStep(flow, p.current)) return moved;
  const next = placedSteps(flow).find(({ step }) => !p.steps[step.id]?.doneAt);
  if (!next) return { ...moved, current: null, finishedAt: p.finishedAt ?? at };
  return enter(moved, next.step.id, at);
}
