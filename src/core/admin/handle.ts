import { actionId } from '../commands.js';
import { doneCount, type Outcome, transition, withHistory } from '../engine.js';
import { type Flow, findStep, placedSteps } from '../flow.js';
import type { Notices } from '../notices.js';
import type { Logger, Notifier, ProgressStore, Translator } from '../ports.js';
import { isStuck } from '../reminders.js';
import type { AdminConfirm, Progress, Reply, UserKey } from '../types.js';
import { moveTo, nextAuditId, resetProgress, restore, withAudit } from './actions.js';
import type { AdminView } from './context.js';
import { type AdminCommand, parseAdmin, resolvePerson } from './parse.js';
import { allAudit, auditReply, progressCsv, timelineReply } from './records.js';
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
  view(staff: UserKey, everyone: Progress[], now: Date, language: string): AdminView;
  /**
   * Changes one person's record on a fresh copy, in that person's own queue (so a change of theirs that
   * arrives at the same moment is never lost); `change` returns undefined to leave it as it is.
   * `staff` is the queue the caller already runs in.
   */
  update(
    user: UserKey,
    change: (fresh: Progress) => Progress | undefined,
    staff: UserKey,
  ): Promise<Progress | undefined>;
}

/** Staff commands. `staffRecord` is the staff member's own record (it holds their pending yes/no). */
export function createAdmin(deps: AdminDeps) {
  const { flow, store, translator, notifier, notices, logger } = deps;

  async function tell(target: Progress, intro: string, outcomes: Outcome[]): Promise<void> {
    const language = deps.languageOf(target);
    const replies = [
      { kind: 'info' as const, text: translator.t(language, intro) },
      ...deps.present(outcomes, target),
    ];
    const delivered = await notifier.notify(target.user, replies);
    if (!delivered) logger.warn({ user: target.user }, 'could not tell the person about an admin change');
  }

  async function nudge(
    target: UserKey,
    at: Date,
    by: UserKey,
    id: string,
  ): Promise<'sent' | 'muted' | 'failed'> {
    const iso = at.toISOString();
    const next = await deps.update(
      target,
      (fresh) => {
        if (fresh.muted) return undefined;
        const step = fresh.current ? { stepId: fresh.current } : {};
        const nudged = withHistory(fresh, { at: iso, kind: 'staff-nudge', ...step });
        return withAudit(nudged, undefined, { id, at: iso, by, action: 'nudge' });
      },
      by,
    );
    if (!next) return 'muted';
    const sent = await notifier.notify(target, [notices.idleNudge(next, deps.languageOf(next))]);
    return sent ? 'sent' : 'failed';
  }

  return async function runAdmin(
    staff: Progress,
    input: { args: string[] } | { yes: boolean },
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
    const find = (who: string) => {
      const key = resolvePerson(who, staff.user);
      return key ? people.find((p) => p.user === key) : undefined;
    };

    if ('yes' in input) {
      const pending = staff.confirm as AdminConfirm;
      await store.save({ ...staff, confirm: undefined, updatedAt: at });
      if (!input.yes) return say('admin:confirm.cancelled');
      const id = nextAuditId(people);
      const by = staff.user;
      if (pending.action === 'move' && pending.stepId) {
        const stepId = pending.stepId;
        const moved = await deps.update(
          pending.target,
          (fresh) =>
            withAudit(moveTo(flow, fresh, stepId, now), fresh, {
              id,
              at,
              by,
              action: 'move',
              detail: stepId,
            }),
          by,
        );
        if (!moved) return say('admin:unknown-person', { who: pending.target }, 'warning');
        await tell(moved, 'admin:person.moved', [{ show: 'step', stepId }]);
        return say('admin:moved', { who: pending.target, step: view.stepTitle(stepId), id });
      }
      const reset = await deps.update(
        pending.target,
        (fresh) => withAudit(resetProgress(flow, fresh, now), fresh, { id, at, by, action: 'reset' }),
        by,
      );
      if (!reset) return say('admin:unknown-person', { who: pending.target }, 'warning');
      await tell(reset, 'admin:person.reset', [{ show: 'status' }]);
      return say('admin:reset-done', { who: pending.target, id });
    }

    const command: AdminCommand = parseAdmin(input.args);
    switch (command.type) {
      case 'usage':
        return say('admin:usage');
      case 'stats':
        return [statsReply(view)];
      case 'list':
        return [listReply(view, command.filter, command.page, command.days)];
      case 'audit':
        return [auditReply(view)];
      case 'export': {
        const id = nextAuditId(people);
        await store.save(
          withAudit(staff, undefined, {
            id,
            at,
            by: staff.user,
            action: 'export',
            detail: `${view.people.length}`,
          }),
        );
        const content = progressCsv(view);
        const name = `guidepost-progress-${at.slice(0, 10)}.csv`;
        return [
          {
            kind: 'admin',
            text: t('admin:export.done', { count: view.people.length, name }),
            file: { name, mimeType: 'text/csv', content },
          },
        ];
      }
      case 'nudge-stuck': {
        const stuck = view.people.filter((p) => isStuck(flow, p, now, view.remindAfterDays, view.holidays));
        let sent = 0;
        let id = Number.parseInt(nextAuditId(people).slice(1), 10);
        for (const p of stuck) if ((await nudge(p.user, now, staff.user, `A${id++}`)) === 'sent') sent += 1;
        return say('admin:nudge.stuck', { count: sent, stuck: stuck.length });
      }
      case 'undo': {
        const found = allAudit(people).find(({ entry }) => entry.id === command.id);
        if (!found) return say('admin:undo.unknown', { id: command.id.slice(0, 20) }, 'warning');
        const { entry, target } = found;
        if (!entry.before) return say('admin:undo.nothing', { id: entry.id }, 'warning');
        const id = nextAuditId(people);
        const before = entry.before;
        const undone = await deps.update(
          target.user,
          (fresh) =>
            withAudit(restore(fresh, before), fresh, {
              id,
              at,
              by: staff.user,
              action: 'undo',
              detail: entry.id,
            }),
          staff.user,
        );
        if (!undone) return say('admin:unknown-person', { who: target.user }, 'warning');
        await tell(undone, 'admin:person.undone', [{ show: 'status' }]);
        return say('admin:undo.done', {
          id: entry.id,
          action: t(`admin:actions.${entry.action}`),
          who: target.user,
          undo: id,
        });
      }
    }

    const target = find(command.who);
    if (!target) return say('admin:unknown-person', { who: command.who.slice(0, 60) }, 'warning');
    switch (command.type) {
      case 'user':
        return [timelineReply(view, target)];
      case 'nudge': {
        const result = await nudge(target.user, now, staff.user, nextAuditId(people));
        return say(`admin:nudge.${result}`, { who: target.user });
      }
      case 'approve': {
        const id = nextAuditId(people);
        let outcomes: Outcome[] = [];
        let approvedStep = '';
        const approved = await deps.update(
          target.user,
          (fresh) => {
            const placed = findStep(flow, fresh.current);
            if (!placed?.step.wait) return undefined;
            approvedStep = placed.step.id;
            const command = { type: 'done' as const, stepId: approvedStep };
            const done = transition(flow, fresh, command, now, translator.languages);
            outcomes = done.outcomes;
            const progress = { ...done.progress, activeAt: fresh.activeAt };
            return withAudit(progress, fresh, {
              id,
              at,
              by: staff.user,
              action: 'approve',
              detail: approvedStep,
            });
          },
          staff.user,
        );
        if (!approved) {
          const step = target.current ? view.stepTitle(target.current) : '-';
          return say('admin:approve.not-review', { who: target.user, step }, 'warning');
        }
        await tell(approved, 'admin:person.approved', outcomes);
        const next = approved.current ? view.stepTitle(approved.current) : t('admin:stats.finished-row');
        return say('admin:approve.done', { who: target.user, step: view.stepTitle(approvedStep), next, id });
      }
      case 'move': {
        if (!findStep(flow, command.stepId)) {
          const steps = placedSteps(flow)
            .map((p) => p.step.id)
            .join(', ');
          return say('admin:unknown-step', { step: command.stepId.slice(0, 40), steps }, 'warning');
        }
        return ask(
          staff,
          { action: 'move', target: target.user, stepId: command.stepId },
          t('admin:confirm.move', { who: target.user, step: view.stepTitle(command.stepId) }),
        );
      }
      case 'reset':
        return ask(
          staff,
          { action: 'reset', target: target.user },
          t('admin:confirm.reset', {
            who: target.user,
            done: doneCount(flow, target),
            total: placedSteps(flow).length,
          }),
        );
    }

    async function ask(me: Progress, confirm: AdminConfirm, text: string): Promise<Reply[]> {
      await store.save({ ...me, confirm, updatedAt: at });
      return [
        {
          kind: 'confirm',
          text,
          buttons: [
            { id: actionId.confirm(true), label: t('admin:confirm.yes'), style: 'danger' },
            { id: actionId.confirm(false), label: t('admin:confirm.no') },
          ],
        },
      ];
    }
  };
}
