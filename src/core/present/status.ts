import { actionId } from '../commands.js';
import { doneCount, isFinished } from '../engine.js';
import { type Flow, findStep, placedSteps } from '../flow.js';
import { STEP_MARKS } from '../marks.js';
import type { Progress, ReplyDraft as Reply, StatusView, StepMark } from '../types.js';
import { slashCommandsOnly } from '../user-key.js';
import type { Presenting } from './context.js';
import { nextFlowOffer } from './flows.js';

/** Every stage with its steps marked, the progress bar, and a button to start or resume. */
export function statusReply({ flow, p, t, ft }: Presenting): Reply {
  const view = statusView(flow, p, (key) => ft(key));
  const lines = view.stages.map(
    (stage, i) =>
      `**${i + 1}. ${stage.title}**\n${stage.steps.map((s) => `${STEP_MARKS[s.mark]} ${s.title}`).join('\n')}`,
  );
  const summary = t('common:status.summary', { bar: view.bar, done: view.done, total: view.total });
  const note = isFinished(p) ? t('common:status.finished') : p.current ? '' : t('common:status.not-started');
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
}

/** The current step's tips (or a general help), and the commands as this platform takes them. */
export function helpReply({ flow, p, t, ft }: Presenting): Reply {
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
  const commands = t(slashCommandsOnly(p.user) ? 'common:help.commands-discord' : 'common:help.commands');
  return {
    kind: 'help',
    title,
    text: [intro, ...tips, commands].filter(Boolean).join('\n\n'),
  };
}

/** The flow's last words and links, and the flow that follows when there is one. */
export function finishedReply(c: Presenting): Reply {
  const { flow, t, ft } = c;
  const next = nextFlowOffer(c);
  return {
    kind: 'finished',
    title: ft('finish.title'),
    text: [ft('finish.body'), next.text].filter(Boolean).join('\n\n'),
    links: flow.finish.links.map((l) => ({ label: ft(`finish.links.${l.id}`), url: l.url })),
    buttons: [
      ...(next.button ? [next.button] : []),
      { id: actionId.status(), label: t('common:buttons.status') },
    ],
  };
}

/** Every stage and step with its mark, and the progress bar: the Home tab and `status` share it. */
function statusView(flow: Flow, p: Progress, ft: (key: string) => string): StatusView {
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
