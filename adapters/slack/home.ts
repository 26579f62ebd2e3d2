import type { types } from '@slack/bolt';
import type { Reply } from '../../src/core/index.js';
import { clipText as clip, STEP_MARKS as MARKS } from '../kit/index.js';
import { toMrkdwn } from './mrkdwn.js';
import { type Block, buttonRows, header, sections } from './render.js';

export type HomeView = types.HomeView;

/** A Home tab holds at most 100 blocks. */
const HOME_BLOCKS = 100;

type Say = (key: string, vars?: Record<string, unknown>) => string;

/** The Home tab: where the person is, every step with its mark, the bar, `N/11`, and Start / Resume. */
export function renderHome(reply: Reply, say: Say): HomeView {
  const status = reply.status;
  if (!status)
    return { type: 'home', blocks: [...(reply.title ? [header(reply.title)] : []), ...sections(reply.text)] };
  const { done, total, bar, stages } = status;
  const at = stages.findIndex((s) =>
    s.steps.some((step) => step.mark === 'current' || step.mark === 'waiting'),
  );
  const where =
    done === total
      ? say('slack:home.finished', { total })
      : at >= 0
        ? say('slack:home.stage', { stage: at + 1, stages: stages.length, title: stages[at]?.title })
        : say('slack:home.not-started');
  const blocks: Block[] = [
    ...(reply.title ? [header(reply.title)] : []),
    ...sections(`${say('slack:home.progress', { bar, done, total })}\n${where}`),
    ...buttonRows(reply.buttons ?? []),
    { type: 'divider' },
    ...stages.flatMap((stage, i) =>
      sections(
        `**${i + 1}. ${stage.title}**\n${stage.steps.map((s) => `${MARKS[s.mark]} ${s.title}`).join('\n')}`,
      ),
    ),
    { type: 'context', elements: [{ type: 'mrkdwn', text: clip(toMrkdwn(say('slack:home.hint')), 3000) }] },
  ];
  return { type: 'home', blocks: blocks.slice(0, HOME_BLOCKS) };
}
