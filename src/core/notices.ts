import { formatDay, type Holidays } from './business-days.js';
import { actionId } from './commands.js';
import { doneCount } from './engine.js';
import { findStep, placedSteps } from './flow.js';
import type { FlowCatalogue } from './flow-catalogue.js';
import { personMark } from './person.js';
import type { Translator } from './ports.js';
import { reviewWindow } from './review-window.js';
import type { Progress, Reply } from './types.js';
import { slashCommandsOnly } from './user-key.js';

/** Proactive messages, ready to send: reminders to a person (in their language) and notices to staff (in staff's). */
export function createNotices(flows: FlowCatalogue, translator: Translator, holidays: Holidays) {
  const title = (language: string, p: Progress, stepId: string) =>
    translator.t(language, `${flows.of(p).id}:steps.${stepId}.title`);
  /** The flow a message is about, named under it: a person may be in more than one over time. */
  const flowTitle = (language: string, p: Progress) => translator.t(language, `${flows.of(p).id}:title`);

  return {
    /** "Did your review come through?" with Approved / Still waiting / Rejected: what now?. */
    reviewCheck(p: Progress, language: string): Reply {
      const t = (key: string, vars?: Record<string, unknown>) => translator.t(language, key, vars);
      const placed = findStep(flows.of(p), p.current);
      const stepId = placed?.step.id ?? '';
      const window = placed && reviewWindow(placed.step, p, holidays);
      return {
        kind: 'reminder',
        language,
        stepId,
        title: title(language, p, stepId),
        footer: flowTitle(language, p),
        text: t('admin:reminder.review', {
          submitted: window ? formatDay(window.submitted, language) : '-',
          to: window ? formatDay(window.to, language) : '-',
          min: window?.minDays,
          max: window?.maxDays,
        }),
        buttons: [
          { id: actionId.done(stepId), label: t('common:buttons.approved'), style: 'primary' },
          { id: actionId.review(stepId, 'waiting'), label: t('common:buttons.still-waiting') },
          { id: actionId.review(stepId, 'rejected'), label: t('common:buttons.rejected') },
        ],
      };
    },

    /** A gentle nudge with a Resume button; how to mute it is said as the person's platform takes it. */
    idleNudge(p: Progress, language: string): Reply {
      const t = (key: string, vars?: Record<string, unknown>) => translator.t(language, key, vars);
      return {
        kind: 'reminder',
        language,
        ...(p.current ? { stepId: p.current } : {}),
        text: t(slashCommandsOnly(p.user) ? 'admin:reminder.idle-discord' : 'admin:reminder.idle', {
          step: p.current ? title(language, p, p.current) : '',
        }),
        footer: flowTitle(language, p),
        buttons: [{ id: actionId.start(), label: t('common:buttons.resume'), style: 'primary' }],
      };
    },

    /** For the staff channel: who, where, how far, and why staff should look. */
    staffNotice(p: Progress, language: string, reason: 'escalation' | 'late', days = 0): Reply {
      const t = (key: string, vars?: Record<string, unknown>) => translator.t(language, key, vars);
      const flow = flows.of(p);
      const step = p.current ? title(language, p, p.current) : t('admin:list.not-started');
      const vars = {
        who: personMark(p),
        step,
        days,
        done: doneCount(flow, p),
        total: placedSteps(flow).length,
      };
      return {
        kind: 'admin',
        language,
        text: t(reason === 'late' ? 'admin:staff.late' : 'admin:staff.escalation', vars),
        footer: `${flowTitle(language, p)} · ${t('admin:staff.footer', { who: p.user })}`,
      };
    },
  };
}
export type Notices = ReturnType<typeof createNotices>;
