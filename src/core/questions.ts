import type { CommandContext } from './command-handlers.js';
import type { Transition } from './outcome.js';
import type { AdminConfirm, PersonAsk, PersonConfirm, Progress } from './types.js';

/** The name a record from before questions had names gives its open "start over?" (and its buttons). */
const LEGACY_RESTART = 'restart';

/** The person's own open question, if they have one (an admin's move/reset question is not theirs). */
function personQuestion(p: Progress): PersonConfirm | undefined {
  const open = p.confirm;
  if (open === 'restart') return { id: LEGACY_RESTART, ask: 'restart' };
  return open !== undefined && 'ask' in open ? open : undefined;
}

/** A staff member's open question about someone else (move, reset), if they have one. */
export function adminQuestion(p: Progress | undefined): AdminConfirm | undefined {
  const open = p?.confirm;
  return typeof open === 'object' && 'action' in open ? open : undefined;
}

/**
 * Asks the person yes/no before `ask` happens. The question's name counts their questions and carries
 * the time, so a button under an earlier asking (even of the same question) names another one.
 */
export function ask({ p, at, result }: CommandContext, question: PersonAsk, stepId?: string): Transition {
  const asked = (p.asked ?? 0) + 1;
  const id = `${question}-${asked}-${Date.parse(at).toString(36)}`;
  const confirm: PersonConfirm = stepId === undefined ? { id, ask: question } : { id, ask: question, stepId };
  return result({ ...p, confirm, asked }, { show: 'confirm', ask: question, question: id });
}

/**
 * Checks a yes/no against the open question: the question it answers, or the transition that says
 * there is nothing (or no longer that) to answer.
 */
export function openQuestion(
  question: string | undefined,
  ctx: CommandContext,
): { open: PersonConfirm } | { answer: Transition } {
  const { p, result } = ctx;
  const open = personQuestion(p);
  if (question !== undefined && question !== open?.id) {
    return { answer: result(p, { show: 'hint', reason: 'stale-question' }) };
  }
  if (!open) return { answer: result(p, { show: 'hint', reason: 'nothing-to-confirm' }) };
  return { open };
}
