import { actionId } from '../commands.js';
import { doneCount, type Outcome } from '../engine.js';
import type { ReplyDraft as Reply } from '../types.js';
import { info, type Presenting } from './context.js';

type Asked = Extract<Outcome, { show: 'confirm' }>;

/** What each question says, and its Yes and No labels (Yes is the big step, so it is the danger one). */
function wording(c: Presenting, o: Asked): { text: string; yes: string; no: string } {
  const { t, ft, flow, p, steps } = c;
  if (o.ask === 'restart') {
    const text = t('common:confirm.restart', { done: doneCount(flow, p), total: steps.length });
    return { text, yes: 'common:buttons.yes-restart', no: 'common:buttons.no-keep' };
  }
  if (o.ask === 'approve') {
    const step = p.current === null ? '' : ft(`steps.${p.current}.title`);
    return {
      text: t('common:confirm.approve', { step }),
      yes: 'common:buttons.yes-approved',
      no: 'common:buttons.no-not-yet',
    };
  }
  const last = steps[steps.length - 1]?.step.id;
  const step = last === undefined ? '' : ft(`steps.${last}.title`);
  return {
    text: t('common:confirm.reopen', { step }),
    yes: 'common:buttons.yes-reopen',
    no: 'common:buttons.no-stay',
  };
}

/** A yes/no of the person's own, its buttons naming this asking of the question. */
export function questionReply(c: Presenting, o: Asked): Reply[] {
  const { text, yes, no } = wording(c, o);
  return [
    {
      kind: 'confirm',
      text,
      buttons: [
        { id: actionId.confirm(true, o.question), label: c.t(yes), style: 'danger' },
        { id: actionId.confirm(false, o.question), label: c.t(no) },
      ],
    },
  ];
}

/** "You're welcome", with what to press next when they are on a step. */
export const welcomeReply = ({ t, p }: Presenting): Reply[] => [
  info(t(p.current === null ? 'common:welcome.plain' : 'common:welcome.on-step')),
];
