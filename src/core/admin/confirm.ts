import { actionId } from '../commands.js';
import { personMark } from '../person.js';
import { adminQuestion } from '../questions.js';
import type { AdminConfirm, ReplyDraft as Reply } from '../types.js';
import { moveChange, resetChange } from './changes.js';
import { type AdminRun, tell } from './run.js';

/** A staff yes/no, with the question a button answered (typed yes/no answer the open one). */
export interface AdminAnswer {
  yes: boolean;
  question?: string | undefined;
}

/** Asks yes/no; the buttons name this question, so they can answer nothing else. */
export async function ask(run: AdminRun, confirm: Omit<AdminConfirm, 'id'>, text: string): Promise<Reply[]> {
  const { deps, staff, t } = run;
  const id = run.questionId();
  const updatedAt = run.now.toISOString();
  await deps.store.update(staff.user, (fresh) => ({
    ...(fresh ?? staff),
    confirm: { id, ...confirm },
    updatedAt,
  }));
  return [
    {
      kind: 'confirm',
      text,
      buttons: [
        { id: actionId.confirm(true, id), label: t('admin:confirm.yes'), style: 'danger' },
        { id: actionId.confirm(false, id), label: t('admin:confirm.no') },
      ],
    },
  ];
}

/** The staff member's answer to their open question: the move or reset happens on yes. */
export async function answer(run: AdminRun, input: AdminAnswer): Promise<Reply[]> {
  const { deps, staff, say } = run;
  // The question is taken off the record in one atomic update: of two answers at once, one finds it.
  let pending: AdminConfirm | undefined;
  await deps.store.update(staff.user, (fresh) => {
    const open = adminQuestion(fresh);
    if (!fresh || !open) return undefined;
    if (input.question !== undefined && input.question !== open.id) return undefined;
    pending = open;
    return { ...fresh, confirm: undefined, updatedAt: run.now.toISOString() };
  });
  if (!pending) return say('admin:confirm.stale', {}, 'warning');
  if (!input.yes) return say('admin:confirm.cancelled');
  const stepId = pending.stepId;
  const move = pending.action === 'move' && stepId !== undefined && stepId !== '';
  const done = await deps.update(pending.target, (fresh) =>
    move
      ? moveChange(deps.flows.of(fresh), fresh, stepId, run.actor)
      : resetChange(deps.flows.of(fresh), fresh, run.actor),
  );
  if (!done) return say('admin:unknown-person', { who: pending.target }, 'warning');
  const { progress, entry } = done;
  if (move) {
    await tell(deps, progress, 'admin:person.moved', [{ show: 'step', stepId }]);
    const step = run.inFlow(deps.flows.of(progress)).view.stepTitle(stepId);
    return say('admin:moved', { who: personMark(progress), step, id: entry.id });
  }
  await tell(deps, progress, 'admin:person.reset', [{ show: 'status' }]);
  return say('admin:reset-done', { who: personMark(progress), id: entry.id });
}
