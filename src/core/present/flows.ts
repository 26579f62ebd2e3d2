import { actionId } from '../commands.js';
import { doneCount } from '../engine.js';
import { type Flow, placedSteps } from '../flow.js';
import { partOf } from '../flow-parts.js';
import type { Button, Progress, ReplyDraft as Reply } from '../types.js';
import { ECHO_LIMIT, type Presenting } from './context.js';

/** A flow's name in the person's language. */
const titleOf = (c: Presenting, flow: Flow): string => c.translator.t(c.language, `${flow.id}:title`);

/** Where the person is in one flow: not started, N/M steps done, or finished. */
function stateIn(c: Presenting, flow: Flow): string {
  const part: Progress | undefined = partOf(c.p, flow.id);
  if (part?.finishedAt !== undefined) return c.t('common:flows.state-finished');
  if (!part || (part.current === null && part.startedAt === undefined)) return c.t('common:flows.state-new');
  return c.t('common:flows.state-at', { done: doneCount(flow, part), total: placedSteps(flow).length });
}

/** Every flow with the person's place in it, and a button into each of the others. */
export function flowsReply(c: Presenting, o: { unknown?: string }): Reply[] {
  const lines = c.flows.all.map((flow) => {
    const vars = { title: titleOf(c, flow), state: stateIn(c, flow), id: flow.id };
    return `• ${c.t(flow.id === c.flow.id ? 'common:flows.here' : 'common:flows.line', vars)}`;
  });
  const buttons: Button[] = c.flows.all
    .filter((flow) => flow.id !== c.flow.id)
    .map((flow) => ({
      id: actionId.start(flow.id),
      label: c.t('common:buttons.start-flow', { flow: titleOf(c, flow) }),
    }));
  const unknown =
    o.unknown === undefined ? [] : [c.t('common:flows.unknown', { name: o.unknown.slice(0, ECHO_LIMIT) })];
  return [
    {
      kind: o.unknown === undefined ? 'info' : 'warning',
      title: c.t('common:flows.title'),
      text: [...unknown, ...lines].join('\n'),
      ...(buttons.length > 0 ? { buttons } : {}),
    },
  ];
}

/** After the last step: the flow that follows, with a button into it, when the flow names one. */
export function nextFlowOffer(c: Presenting): { text?: string; button?: Button } {
  const next = c.flow.next === undefined ? undefined : c.flows.get(c.flow.next);
  if (!next || partOf(c.p, next.id)?.finishedAt !== undefined) return {};
  const flow = titleOf(c, next);
  return {
    text: c.t('common:finished.next', { flow, id: next.id }),
    button: {
      id: actionId.start(next.id),
      label: c.t('common:buttons.start-flow', { flow }),
      style: 'primary',
    },
  };
}
