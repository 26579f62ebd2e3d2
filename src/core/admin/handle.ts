import { actionId } from '../commands.js';
import { doneCount, type Outcome } from '../engine.js';
import { type Flow, findStep, placedSteps } from '../flow.js';
import type { Notices } from '../notices.js';
import type { Logger, Notifier, ProgressStore, Translator } from '../ports.js';
import { isStuck } from '../reminders.js';
import {
  type AdminConfirm,
  type AuditEntry,
  inLanguage,
  type Progress,
  type ReplyDraft as Reply,
  type UserKey,
} from '../types.js';
import {
  type Actor,
  approveChange,
  type Change,
  moveChange,
  nudgeChange,
  resetChange,
  undoChange,
} from './changes.js';
import type { AdminView } from './context.js';
import { type AdminCommand, parseAdmin, resolvePerson } from './parse.js';
import { auditReply, progressCsv, timelineReply } from './records.js';
import { listReply, statsReply } from './reports.js';

export interface AdminDeps {
  flow: Flow;
  store: ProgressStore;
  translator: Translator;
  notifier: Notifier;
  notices: Notices;
  logger: Logger;
  /** Replies for a person, in their language. */
  present(outcomes: Outcome[], p: Progress): Reply[];
  languageOf(p: Progress | undefined): string;
  view(staff: UserKey, people: Progress[], now: Date, language: string): AdminView;
  /**
   * Changes one person's record on a fresh copy, in that person's own queue (so a change of theirs that
   * arrives at the same moment is never lost), saving the record and its audit entry in one write.
   * `change` returns undefined to leave the record as it is. `staff` is the queue the caller runs in.
   */
  update(
    user: UserKey,
    change: (fresh: Progress) => Promise<Change | undefined> | Change | undefined,
    staff: UserKey,
  ): Promise<{ progress: Progress; entry: AuditEntry } | undefined>;
}

/** What staff sent: words after `admin`, or a yes/no (with the question a button answered). */
export type AdminInput = { args: string[] } | { yes: boolean; question?: string | undefined };

/** Staff commands. `staff` is the staff member's own record (it holds their pending yes/no). */
export function createAdmin(deps: AdminDeps) {
  const { flow, store, translator, notifier, notices, logger } = deps;
  let asked = 0;
  /** A name for a new question: the time and a count, so two questions never share one. */
  const questionId = (now: Date) => `q${now.getTime().toString(36)}${(asked++).toString(36)}`;

  async function tell(target: Progress, intro: string, outcomes: Outcome[]): Promise<void> {
    const language = deps.languageOf(target);
    const replies = [
      { kind: 'info' as const, text: translator.t(language, intro) },
      ...deps.present(outcomes, target),
    ];
    const delivered = await notifier.notify(target.user, inLanguage(replies, language));
    if (!delivered) logger.warn({ user: target.user }, 'could not tell the person about an admin change');
  }

  /**
   * A staff reminder, sent from inside the person's queue (two staff at once cannot both pass the
   * once-a-day check) and recorded only once delivered, so a failed one does not use up the day.
   */
  async function nudge(target: UserKey, actor: Actor): Promise<'sent' | 'muted' | 'limited' | 'failed'> {
    let result: 'sent' | 'muted' | 'limited' | 'failed' = 'muted';
    await deps.update(
      target,
      async (fresh) => {
        const change = nudgeChange(fresh, actor);
        if (typeof change === 'string') {
          result = change;
          return undefined;
        }
        const sent = await notifier.notify(target, [notices.idleNudge(fresh, deps.languageOf(fresh))]);
        result = sent ? 'sent' : 'failed';
        return sent ? change : undefined;
      },
      actor.by,
    );
    return result;
  }

  return async function runAdmin(
    staff: Progress,
    input: AdminInput,
    now: Date,
    language: string,
  ): Promise<Reply[]> {
    const people = await store.all();
    const view = deps.view(staff.user, people, now, language);
    const { t } = view;
    const say = (key: string, vars?: Record<string, unknown>, kind: Reply['kind'] = 'admin'): Reply[] => [
      { kind, text: t(key, vars) },
    ];
    const at = now.toISOString();
    const actor: Actor = { by: staff.user, now };

    if ('yes' in input) return answer(input);

    const command: AdminCommand = parseAdmin(input.args);
    switch (command.type) {
      case 'usage':
        return say('admin:usage');
      case 'stats':
        return [statsReply(view)];
      case 'list':
        return [listReply(view, command.filter, command.page, command.days)];
      case 'audit':
        return [auditReply(view, await store.auditLog({ limit: 20 }))];
      case 'export': {
        const count = view.people.length;
        await store.record({ at, by: staff.user, action: 'export', detail: `${count}` });
        const name = `guidepost-progress-${at.slice(0, 10)}.csv`;
        const file = { name, mimeType: 'text/csv', content: progressCsv(view) };
        return [{ kind: 'admin', text: t('admin:export.done', { count, name }), file }];
      }
      case 'nudge-stuck': {
        const stuck = view.people.filter((p) => isStuck(flow, p, now, view.remindAfterDays, view.holidays));
        let sent = 0;
        for (const p of stuck) if ((await nudge(p.user, actor)) === 'sent') sent += 1;
        return say('admin:nudge.stuck', { count: sent, stuck: stuck.length });
      }
      case 'undo':
        return undo(command.id);
    }

    const key = resolvePerson(command.who, staff.user);
    const target = key ? people.find((p) => p.user === key) : undefined;
    if (!target) return say('admin:unknown-person', { who: command.who.slice(0, 60) }, 'warning');
    switch (command.type) {
      case 'user':
        return [timelineReply(view, target, await store.auditLog({ target: target.user }))];
      case 'nudge':
        return say(`admin:nudge.${await nudge(target.user, actor)}`, { who: target.user });
      case 'approve':
        return approve(target);
      case 'move': {
        if (!findStep(flow, command.stepId)) {
          const steps = placedSteps(flow)
            .map((p) => p.step.id)
            .join(', ');
          return say('admin:unknown-step', { step: command.stepId.slice(0, 40), steps }, 'warning');
        }
        const text = t('admin:confirm.move', { who: target.user, step: view.stepTitle(command.stepId) });
        return ask({ action: 'move', target: target.user, stepId: command.stepId }, text);
      }
      case 'reset': {
        const total = placedSteps(flow).length;
        const text = t('admin:confirm.reset', { who: target.user, done: doneCount(flow, target), total });
        return ask({ action: 'reset', target: target.user }, text);
      }
    }

    /** Asks yes/no; the buttons name this question, so they can answer nothing else. */
    async function ask(confirm: Omit<AdminConfirm, 'id'>, text: string): Promise<Reply[]> {
      const id = questionId(now);
      await store.save({ ...staff, confirm: { id, ...confirm }, updatedAt: at });
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

    async function answer(input: { yes: boolean; question?: string | undefined }): Promise<Reply[]> {
      const pending = staff.confirm as AdminConfirm;
      if (input.question !== undefined && input.question !== pending.id) {
        return say('admin:confirm.stale', {}, 'warning');
      }
      await store.save({ ...staff, confirm: undefined, updatedAt: at });
      if (!input.yes) return say('admin:confirm.cancelled');
      const stepId = pending.stepId;
      const done = await deps.update(
        pending.target,
        (fresh) =>
          pending.action === 'move' && stepId
            ? moveChange(flow, fresh, stepId, actor)
            : resetChange(flow, fresh, actor),
        staff.user,
      );
      if (!done) return say('admin:unknown-person', { who: pending.target }, 'warning');
      const { progress, entry } = done;
      if (pending.action === 'move' && stepId) {
        await tell(progress, 'admin:person.moved', [{ show: 'step', stepId }]);
        return say('admin:moved', { who: pending.target, step: view.stepTitle(stepId), id: entry.id });
      }
      await tell(progress, 'admin:person.reset', [{ show: 'status' }]);
      return say('admin:reset-done', { who: pending.target, id: entry.id });
    }

    async function approve(target: Progress): Promise<Reply[]> {
      let approved: ReturnType<typeof approveChange>;
      const done = await deps.update(
        target.user,
        (fresh) => (approved = approveChange(flow, fresh, actor, translator.languages)),
        staff.user,
      );
      if (!done || !approved) {
        const step = target.current ? view.stepTitle(target.current) : '-';
        return say('admin:approve.not-review', { who: target.user, step }, 'warning');
      }
      await tell(done.progress, 'admin:person.approved', approved.outcomes);
      const current = done.progress.current;
      const next = current ? view.stepTitle(current) : t('admin:stats.finished-row');
      const step = view.stepTitle(approved.stepId);
      return say('admin:approve.done', { who: target.user, step, next, id: done.entry.id });
    }

    /** Undoes an action once: a second undo of the same id (even at the same moment) changes nothing. */
    async function undo(id: string): Promise<Reply[]> {
      const [entry] = await store.auditLog({ id });
      if (!entry) return say('admin:undo.unknown', { id: id.slice(0, 20) }, 'warning');
      if (!entry.before || !entry.target) return say('admin:undo.nothing', { id: entry.id }, 'warning');
      let already: AuditEntry | undefined;
      // Checked inside the person's queue, right before the write: two undos in a row see each other.
      const done = await deps.update(
        entry.target,
        async (fresh) => {
          [already] = await store.auditLog({ undoes: entry.id, limit: 1 });
          return already ? undefined : undoChange(fresh, entry, actor);
        },
        staff.user,
      );
      if (already) return say('admin:undo.already', { id: entry.id, undo: already.id }, 'warning');
      if (!done) return say('admin:unknown-person', { who: entry.target }, 'warning');
      await tell(done.progress, 'admin:person.undone', [{ show: 'status' }]);
      const action = t(`admin:actions.${entry.action}`);
      return say('admin:undo.done', { id: entry.id, action, who: entry.target, undo: done.entry.id });
    }
  };
}
