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
    target: Progress,
    at: Date,
    by: UserKey,
    id: string,
  ): Promise<'sent' | 'muted' | 'failed'> {
    if (target.muted) return 'muted';
    const iso = at.toISOString();
    let next = withHistory(target, {
      at: iso,
      kind: 'staff-nudge',
      ...(target.current ? { stepId: target.current } : {}),
    });
    next = withAudit(next, undefined, { id, at: iso, by, action: 'nudge' });
    await store.save(next);
    const sent = await notifier.notify(target.user, [notices.idleNudge(next, deps.languageOf(next))]);
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
      const target = people.find((p) => p.user === pending.target);
      if (!target) return say('admin:unknown-person', { who: pending.target }, 'warning');
      const id = nextAuditId(people);
      if (pending.action === 'move' && pending.stepId) {
        const moved = withAudit(moveTo(flow, target, pending.stepId, now), target, {
          id,
          at,
          by: staff.user,
          action: 'move',
          detail: pending.stepId,
        });
        await store.save(moved);
        await tell(moved, 'admin:person.moved', [{ show: 'step', stepId: pending.stepId }]);
        return say('admin:moved', { who: target.user, step: view.stepTitle(pending.stepId), id });
      }
      const reset = withAudit(resetProgress(flow, target, now), target, {
        id,
        at,
        by: staff.user,
        action: 'reset',
      });
      await store.save(reset);
      await tell(reset, 'admin:person.reset', [{ show: 'status' }]);
      return say('admin:reset-done', { who: target.user, id });
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
        for (const p of stuck) if ((await nudge(p, now, staff.user, `A${id++}`)) === 'sent') sent += 1;
        return say('admin:nudge.stuck', { count: sent, stuck: stuck.length });
      }
      case 'undo': {
        const found = allAudit(people).find(({ entry }) => entry.id === command.id);
        if (!found) return say('admin:undo.unknown', { id: command.id.slice(0, 20) }, 'warning');
        const { entry, target } = found;
        if (!entry.before) return say('admin:undo.nothing', { id: entry.id }, 'warning');
        const id = nextAuditId(people);
        const undone = withAudit(restore(target, entry.before), target, {
          id,
          at,
          by: staff.user,
          action: 'undo',
          detail: entry.id,
        });
        await store.save(undone);
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
        const result = await nudge(target, now, staff.user, nextAuditId(people));
        return say(`admin:nudge.${result}`, { who: target.user });
      }
      case 'approve': {
        const placed = findStep(flow, target.current);
        if (!placed?.step.wait) {
          const step = placed ? view.stepTitle(placed.step.id) : '-';
          return say('admin:approve.not-review', { who: target.user, step }, 'warning');
        }
        const done = transition(
          flow,
          target,
          { type: 'done', stepId: placed.step.id },
          now,
          translator.languages,
        );
        const id = nextAuditId(people);
        const approved = withAudit({ ...done.progress, activeAt: target.activeAt }, target, {
          id,
          at,
          by: staff.user,
          action: 'approve',
          detail: placed.step.id,
        });
        await store.save(approved);
        await tell(approved, 'admin:person.approved', done.outcomes);
        const next = approved.current ? view.stepTitle(approved.current) : t('admin:stats.finished-row');
        return say('admin:approve.done', {
          who: target.user,
          step: view.stepTitle(placed.step.id),
          next,
          id,
        });
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
