import { type Flow, findStep, type PlacedStep } from './flow.js';
import { thisVisit, withHistory, within } from './history.js';
import { matchLanguage } from './languages.js';
import type { Outcome, Transition } from './outcome.js';
import { enter, isFinished, newProgress, whereTheyAre } from './progress.js';
import { ask, openQuestion } from './questions.js';
import type { Command, Progress } from './types.js';

/** Everything a command's handler reads, worked out once by `transition`. */
export interface CommandContext {
  flow: Flow;
  /** The progress to act on: reconciled with the flow, any open question dropped unless answering it. */
  p: Progress;
  now: Date;
  /** `now` as an ISO string. */
  at: string;
  languages: readonly string[];
  current: PlacedStep | undefined;
  steps: readonly PlacedStep[];
  /** The flow's first step id. */
  first: string;
  /** The transition to `progress` (stamped with `at` unless it is the untouched input) with `outcomes`. */
  result: (progress: Progress, ...outcomes: Outcome[]) => Transition;
}

type CommandOf = { [C in Command as C['type']]: C };

/** One handler per command type: a command type without a handler does not compile. */
export type CommandHandlers = {
  [K in keyof CommandOf]: (command: CommandOf[K], ctx: CommandContext) => Transition;
};

/** Runs the handler for `command`'s type. */
export function runCommand<K extends keyof CommandOf>(
  handlers: CommandHandlers,
  type: K,
  command: CommandOf[K],
  ctx: CommandContext,
): Transition {
  const handler: CommandHandlers[K] = handlers[type];
  return handler(command, ctx);
}

/** A person may call for a human once a day; more would only flood the staff channel. */
const ESCALATION_COOLDOWN_MS = 24 * 60 * 60 * 1000;

/**
 * A click on a step that is no longer the current one: says so, then shows where they are.
 * Undefined when the click was on the current step (or came without a step).
 */
function staleResult({ p, result }: CommandContext, stepId?: string): Transition | undefined {
  if (stepId === undefined || stepId === p.current) return undefined;
  return result(p, { show: 'stale', stepId }, whereTheyAre(p));
}

/** Nothing to act on: they finished, or never started. */
const noCurrentStep = ({ p, result }: CommandContext): Transition => result(p, whereTheyAre(p));

function start(_: Command, { p, at, current, first, result }: CommandContext): Transition {
  if (current) return result(p, { show: 'step', stepId: current.step.id });
  if (isFinished(p)) return result(p, { show: 'finished' });
  return result(enter({ ...p, startedAt: at }, first, at), { show: 'step', stepId: first, intro: true });
}

function done(command: CommandOf['done'], ctx: CommandContext): Transition {
  const { p, at, current, steps, result } = ctx;
  if (!current) return noCurrentStep(ctx);
  const stale = staleResult(ctx, command.stepId);
  if (stale) return stale;
  const id = current.step.id;
  const marked = {
    ...p,
    steps: { ...p.steps, [id]: { ...p.steps[id], doneAt: at, ticked: [...current.step.checklist] } },
  };
  const next = steps[current.index + 1];
  if (!next) return result({ ...marked, current: null, finishedAt: at }, { show: 'finished' });
  return result(enter(marked, next.step.id, at), { show: 'step', stepId: next.step.id });
}

function back(command: CommandOf['back'], ctx: CommandContext): Transition {
  const stale = staleResult(ctx, command.stepId);
  if (stale) return stale;
  // Reopening a finished journey is a big step: asked first.
  return isFinished(ctx.p) && !ctx.current ? ask(ctx, 'reopen') : stepBack(ctx);
}

function stepBack(ctx: CommandContext): Transition {
  const { p, current, steps, result } = ctx;
  const target = current ? steps[current.index - 1] : isFinished(p) ? steps[steps.length - 1] : undefined;
  if (!current && !target) return result(p, { show: 'not-started' });
  if (!target) return result(p, { show: 'at-first-step' }, { show: 'step', stepId: p.current as string });
  const id = target.step.id;
  const reopened = { ...p.steps[id], doneAt: undefined };
  return result(
    { ...p, current: id, finishedAt: undefined, steps: { ...p.steps, [id]: reopened } },
    { show: 'step', stepId: id },
  );
}

function tick(command: CommandOf['tick'], ctx: CommandContext): Transition {
  const { p, current, result } = ctx;
  if (!current) return noCurrentStep(ctx);
  const stale = staleResult(ctx, command.stepId);
  if (stale) return stale;
  const list = current.step.checklist;
  const n = Number(command.item);
  const item = Number.isInteger(n) && n >= 1 ? list[n - 1] : list.find((i) => i === command.item);
  // A bare number on a review step was meant as a button once (the console numbered them): asked.
  if (!item && current.step.wait) return ask(ctx, 'approve', current.step.id);
  if (!item) return result(p, { show: 'tick-unknown', item: command.item });
  const id = current.step.id;
  const ticked = new Set(p.steps[id]?.ticked ?? []);
  const on = command.on ?? !ticked.has(item);
  if (on) ticked.add(item);
  else ticked.delete(item);
  const record = { ...p.steps[id], ticked: list.filter((i) => ticked.has(i)) };
  return result({ ...p, steps: { ...p.steps, [id]: record } }, { show: 'step', stepId: id, refresh: true });
}

function lang(command: CommandOf['lang'], { p, languages, result }: CommandContext): Transition {
  const code = matchLanguage(command.code, languages);
  if (!command.code) return result(p, { show: 'lang-list' });
  if (!code) return result(p, { show: 'lang-list', unknown: command.code });
  return result({ ...p, locale: code }, { show: 'lang-set' });
}

function confirm(command: CommandOf['confirm'], ctx: CommandContext): Transition {
  const checked = openQuestion(command.question, ctx);
  if ('answer' in checked) return checked.answer;
  const { open } = checked;
  const answered = { ...ctx, p: { ...ctx.p, confirm: undefined } };
  if (!command.yes) return ctx.result(answered.p, { show: 'cancelled' }, whereTheyAre(ctx.p));
  if (open.ask === 'approve') {
    return done(
      open.stepId === undefined ? { type: 'done' } : { type: 'done', stepId: open.stepId },
      answered,
    );
  }
  if (open.ask === 'reopen') return stepBack(answered);
  return startOver(answered);
}

/** Their own fresh start: the steps go, but not their settings (mute, time zone) nor the history
 * the reminder and escalation limits read. */
function startOver({ flow, p, now, at, first, result }: CommandContext): Transition {
  const fresh: Progress = {
    ...newProgress(flow, p.user, now),
    ...(p.shelved ? { shelved: p.shelved } : {}),
    locale: p.locale,
    timeZone: p.timeZone,
    muted: p.muted,
    asked: p.asked,
    ...(p.displayName ? { displayName: p.displayName } : {}),
    history: p.history,
    startedAt: at,
  };
  return result(enter(fresh, first, at), { show: 'step', stepId: first, intro: true });
}

/** `ok` is `done`, except on a review step, where only an explicit answer approves: it asks. */
function ack(command: CommandOf['ack'], ctx: CommandContext): Transition {
  const review = ctx.current?.step.wait ? ctx.current.step.id : undefined;
  if (review !== undefined) return ask(ctx, 'approve', review);
  return command.word === 'ok' ? done({ type: 'done' }, ctx) : ctx.result(ctx.p, { show: 'welcome' });
}

function escalate(_: Command, { p, now, at, result }: CommandContext): Transition {
  const recent = (p.history ?? []).some(
    (h) => h.kind === 'escalated' && within(h.at, now, ESCALATION_COOLDOWN_MS),
  );
  if (recent) return result(p, { show: 'escalated', already: true });
  const entry = { at, kind: 'escalated' as const, ...(p.current ? { stepId: p.current } : {}) };
  return result(withHistory(p, entry), { show: 'escalated', already: false });
}

function review(command: CommandOf['review'], ctx: CommandContext): Transition {
  const { p, at, current, steps, result } = ctx;
  const stale = staleResult(ctx, command.stepId);
  if (stale) return stale;
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

export const COMMAND_HANDLERS: CommandHandlers = {
  start,
  done,
  back,
  tick,
  status: (_, { p, result }) => result(p, { show: 'status' }),
  help: (_, { p, result }) => result(p, { show: 'help' }),
  lang,
  restart: (_, ctx) => ask(ctx, 'restart'),
  confirm,
  ack,
  mute: (command, { p, result }) =>
    result({ ...p, muted: command.on || undefined }, { show: 'muted', on: command.on }),
  escalate,
  review,
  flows: (command, { p, result }) =>
    result(
      p,
      command.unknown === undefined ? { show: 'flows' } : { show: 'flows', unknown: command.unknown },
    ),
  peek: ({ stepId }, { flow, p, result }) =>
    result(p, findStep(flow, stepId) ? { show: 'peek', stepId } : { show: 'stale', stepId }),
  admin: (_, { p, result }) => result(p, { show: 'hint', reason: 'unknown' }),
  unknown: ({ reason, question }, { p, result }) =>
    result(p, question === undefined ? { show: 'hint', reason } : { show: 'hint', reason, question }),
  // Only asks: the button runs the command, so a guess never acts by itself.
  suggest: ({ word, said }, { p, result }) => result(p, { show: 'suggest', word, said }),
};
