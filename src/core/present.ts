import { formatDay, type Holidays } from './business-days.js';
import { actionId } from './commands.js';
import { doneCount, isFinished, type Outcome, RESTART_QUESTION } from './engine.js';
import { type Flow, findStep, type PlacedStep, placedSteps } from './flow.js';
import type { Translator } from './ports.js';
import { reviewWindow } from './review-window.js';
import type { Button, Progress, ReplyDraft as Reply, StatusView, StepMark } from './types.js';

const MARKS: Record<StepMark, string> = { done: '✅', current: '👉', waiting: '⏳', todo: '⬜' };
const ECHO_LIMIT = 40;
const HINTS = {
  empty: 'common:hint.empty',
  unknown: 'common:hint.unknown',
  'too-long': 'common:hint.too-long',
  sensitive: 'common:hint.sensitive',
  'nothing-to-confirm': 'common:hint.nothing-to-confirm',
  'stale-question': 'common:confirm.stale',
} as const;

/** Turns outcomes into translated, platform-neutral replies for one person. */
export function createPresenter(flow: Flow, translator: Translator, holidays: Holidays = new Set()) {
  const steps = placedSteps(flow);

  return function present(outcomes: Outcome[], p: Progress, language: string): Reply[] {
    const t = (key: string, vars?: Record<string, unknown>) => translator.t(language, key, vars);
    const ft = (key: string, vars?: Record<string, unknown>) => t(`${flow.id}:${key}`, vars);
    const info = (text: string, kind: Reply['kind'] = 'info'): Reply => ({ kind, text });

    const stepReply = (placed: PlacedStep, refresh = false): Reply => {
      const { step, stage, stageIndex, index } = placed;
      const record = p.steps[step.id] ?? {};
      const ticked = new Set(record.ticked ?? []);
      const base = `steps.${step.id}`;
      let text = ft(`${base}.body`);
      const window = reviewWindow(step, p, holidays);
      if (window) {
        text += `\n\n${t('common:step.wait', {
          submitted: formatDay(window.submitted, language),
          from: formatDay(window.from, language),
          to: formatDay(window.to, language),
          min: window.minDays,
          max: window.maxDays,
        })}`;
      }
      const buttons: Button[] = [
        {
          id: actionId.done(step.id),
          label: t(step.wait ? 'common:buttons.approved' : 'common:buttons.done'),
          style: 'primary',
        },
      ];
      if (step.wait)
        buttons.push({ id: actionId.review(step.id, 'rejected'), label: t('common:buttons.rejected') });
      if (index > 0) buttons.push({ id: actionId.back(step.id), label: t('common:buttons.back') });
      buttons.push({ id: actionId.help(step.id), label: t('common:buttons.help') });
      buttons.push({ id: actionId.escalate(step.id), label: t('common:buttons.talk') });
      return {
        kind: 'step',
        stepId: step.id,
        ...(refresh ? { refresh } : {}),
        title: ft(`${base}.title`),
        text,
        footer: t('common:step.footer', {
          stage: stageIndex + 1,
          stages: flow.stages.length,
          stageTitle: ft(`stages.${stage.id}.title`),
          step: index + 1,
          steps: steps.length,
          done: doneCount(flow, p),
          total: steps.length,
        }),
        ...(step.checklist.length > 0
          ? {
              checklist: {
                title: t('common:step.checklist'),
                items: step.checklist.map((id) => ({
                  id,
                  label: ft(`${base}.checklist.${id}`),
                  ticked: ticked.has(id),
                  action: actionId.tick(step.id, id, !ticked.has(id)),
                })),
              },
            }
          : {}),
        links: step.links.map((l) => ({ label: ft(`${base}.links.${l.id}`), url: l.url })),
        images: step.images.map((i) => ({ url: i.url, alt: ft(`${base}.images.${i.id}`) })),
        buttons,
      };
    };

    const intro = (): Reply => ({
      kind: 'info',
      title: ft('prepare.title'),
      text: t('common:intro.text', { flow: ft('title') }),
      checklist: {
        title: t('common:intro.checklist'),
        items: flow.prepare.map((id) => ({ id, label: ft(`prepare.items.${id}`), ticked: false })),
      },
    });

    const status = (): Reply => {
      const view = statusView(flow, p, (key) => ft(key));
      const lines = view.stages.map(
        (stage, i) =>
          `**${i + 1}. ${stage.title}**\n${stage.steps.map((s) => `${MARKS[s.mark]} ${s.title}`).join('\n')}`,
      );
      const summary = t('common:status.summary', { bar: view.bar, done: view.done, total: view.total });
      const note = isFinished(p)
        ? t('common:status.finished')
        : p.current
          ? ''
          : t('common:status.not-started');
      return {
        kind: 'status',
        title: ft('title'),
        text: [summary, ...lines, note].filter(Boolean).join('\n\n'),
        status: view,
        buttons: isFinished(p)
          ? []
          : [
              {
                id: actionId.start(),
                label: t(p.current ? 'common:buttons.resume' : 'common:buttons.start'),
                style: 'primary',
              },
            ],
      };
    };

    const help = (): Reply => {
      const placed = findStep(flow, p.current);
      const tips = placed
        ? placed.step.help.map(
            (h) => `• ${ft(`steps.${placed.step.id}.help.${h.id}`)}${h.url ? `\n  ${h.url}` : ''}`,
          )
        : [];
      const title = placed
        ? t('common:help.title-step', { step: ft(`steps.${placed.step.id}.title`) })
        : t('common:help.title');
      const intro = placed && tips.length === 0 ? t('common:help.no-tips') : '';
      return {
        kind: 'help',
        title,
        text: [intro, ...tips, t('common:help.commands')].filter(Boolean).join('\n\n'),
      };
    };

    const finished = (): Reply => ({
      kind: 'finished',
      title: ft('finish.title'),
      text: ft('finish.body'),
      links: flow.finish.links.map((l) => ({ label: ft(`finish.links.${l.id}`), url: l.url })),
      buttons: [{ id: actionId.status(), label: t('common:buttons.status') }],
    });

    const languages = () =>
      translator.languages
        .map((code) => `**${code}** (${translator.t(code, 'common:lang.name')})`)
        .join(', ');

    const render = (o: Outcome): Reply[] => {
      switch (o.show) {
        case 'step': {
          const placed = findStep(flow, o.stepId);
          if (!placed) return [];
          return o.intro ? [intro(), stepReply(placed)] : [stepReply(placed, o.refresh)];
        }
        case 'status':
          return [status()];
        case 'help':
          return [help()];
        case 'finished':
          return [finished()];
        case 'stale': {
          const placed = findStep(flow, o.stepId);
          const step = placed ? ft(`steps.${placed.step.id}.title`) : o.stepId.slice(0, ECHO_LIMIT);
          return [info(t('common:stale', { step }), 'warning')];
        }
        case 'not-started':
          return [
            {
              ...info(t('common:not-started')),
              buttons: [{ id: actionId.start(), label: t('common:buttons.start'), style: 'primary' }],
            },
          ];
        case 'at-first-step':
          return [info(t('common:at-first-step'))];
        case 'confirm-restart':
          return [
            {
              kind: 'confirm',
              text: t('common:confirm.restart', { done: doneCount(flow, p), total: steps.length }),
              buttons: [
                {
                  id: actionId.confirm(true, RESTART_QUESTION),
                  label: t('common:buttons.yes-restart'),
                  style: 'danger',
                },
                { id: actionId.confirm(false, RESTART_QUESTION), label: t('common:buttons.no-keep') },
              ],
            },
          ];
        case 'cancelled':
          return [info(t('common:confirm.cancelled'))];
        case 'lang-set':
          return [info(t('common:lang.set', { name: t('common:lang.name') }))];
        case 'lang-list': {
          const list = info(t('common:lang.list', { list: languages() }), o.unknown ? 'warning' : 'info');
          if (!o.unknown) return [list];
          return [
            {
              ...list,
              text: `${t('common:lang.unknown', { code: o.unknown.slice(0, ECHO_LIMIT) })}\n${list.text}`,
            },
          ];
        }
        case 'tick-unknown':
          return [info(t('common:tick.unknown', { item: o.item.slice(0, ECHO_LIMIT) }), 'warning')];
        case 'muted':
          return [info(t(o.on ? 'common:muted.on' : 'common:muted.off'))];
        case 'escalated':
          return [info(t(o.already ? 'common:escalated.already' : 'common:escalated.sent'))];
        case 'review-waiting':
          return [info(t('common:review.waiting'))];
        case 'review-rejected':
          return [info(t('common:review.rejected'), 'warning')];
        case 'not-a-review':
          return [info(t('common:review.not-a-review'))];
        case 'hint':
          return [info(t(HINTS[o.reason]), o.reason === 'sensitive' ? 'warning' : 'info')];
      }
    };

    return outcomes.flatMap(render);
  };
}

/** Every stage and step with its mark, and the progress bar: the Home tab and `status` share it. */
export function statusView(flow: Flow, p: Progress, ft: (key: string) => string): StatusView {
  const done = doneCount(flow, p);
  const total = placedSteps(flow).length;
  const mark = (id: string, wait: boolean): StepMark => {
    if (p.steps[id]?.doneAt) return 'done';
    if (p.current === id) return wait ? 'waiting' : 'current';
    return 'todo';
  };
  return {
    done,
    total,
    bar: `${'█'.repeat(done)}${'░'.repeat(total - done)}`,
    stages: flow.stages.map((stage) => ({
      title: ft(`stages.${stage.id}.title`),
      steps: stage.steps.map((step) => ({
        id: step.id,
        title: ft(`steps.${step.id}.title`),
        mark: mark(step.id, step.wait !== undefined),
      })),
    })),
  };
}
