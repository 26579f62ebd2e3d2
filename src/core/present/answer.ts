import { actionId } from '../commands.js';
import { findStep } from '../flow.js';
import { answerFromGuide } from '../guide-search.js';
import type { ReplyDraft as Reply } from '../types.js';
import { info, type Presenting } from './context.js';

/**
 * Free text that is no command, answered from the guide: the best passage quoted with the step it comes
 * from, or the usual hint with a "Talk to a person" button when the guide has nothing good enough.
 */
export function answerReply(c: Presenting, question: string): Reply[] {
  const { flow, translator, language, p, t, ft } = c;
  const answer = answerFromGuide(flow, translator, language, question, p.current);
  const placed = answer && findStep(flow, answer.stepId);
  if (!answer || !placed) {
    const talk =
      p.current === null ? [] : [{ id: actionId.escalate(p.current), label: t('common:buttons.talk') }];
    return [{ ...info(t('common:answer.none')), buttons: talk }];
  }
  const found = t('common:answer.found', {
    step: ft(`steps.${placed.step.id}.title`),
    number: placed.index + 1,
    quote: answer.quote,
  });
  const here = p.current === null ? undefined : findStep(flow, p.current);
  if (!here || here.step.id === placed.step.id) return [info(found)];
  // Another step: offered for a look, never a move (the person stays where they are).
  const show = {
    id: actionId.peek(placed.step.id),
    label: t('common:buttons.show-step', { number: placed.index + 1 }),
  };
  return [
    {
      ...info(`${found}\n${t('common:answer.other-step', { current: here.index + 1 })}`),
      buttons: [show],
    },
  ];
}
