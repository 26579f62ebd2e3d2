import { actionId, suggestedAction } from '../commands.js';
import type { Outcome } from '../engine.js';
import { findStep } from '../flow.js';
import type { ReplyDraft as Reply } from '../types.js';
import { slashCommandsOnly } from '../user-key.js';
import { answerReply } from './answer.js';
import { ECHO_LIMIT, info, type Presenting } from './context.js';
import { flowsReply } from './flows.js';
import { questionReply, welcomeReply } from './questions.js';
import { finishedReply, helpReply, statusReply } from './status.js';
import { introReply, peekReply, stepReply } from './step.js';

type Presenter<O> = (c: Presenting, o: O) => Reply[];
type Presenters = { [S in Outcome['show']]: Presenter<Extract<Outcome, { show: S }>> };

const HINTS = {
  empty: 'common:hint.empty',
  unknown: 'common:hint.unknown',
  'too-long': 'common:hint.too-long',
  sensitive: 'common:hint.sensitive',
  'nothing-to-confirm': 'common:hint.nothing-to-confirm',
  'stale-question': 'common:confirm.stale',
} as const;

/** One presenter per kind of outcome, keyed by what it shows. */
export const PRESENTERS: Presenters = {
  step: (c, o) => {
    const placed = findStep(c.flow, o.stepId);
    if (!placed) return [];
    return o.intro ? [introReply(c), stepReply(c, placed)] : [stepReply(c, placed, o.refresh)];
  },
  status: (c) => [statusReply(c)],
  help: (c) => [helpReply(c)],
  finished: (c) => [finishedReply(c)],
  stale: (c, o) => {
    const placed = findStep(c.flow, o.stepId);
    const step = placed ? c.ft(`steps.${placed.step.id}.title`) : o.stepId.slice(0, ECHO_LIMIT);
    return [info(c.t('common:stale', { step }), 'warning')];
  },
  'not-started': ({ t }) => [
    {
      ...info(t('common:not-started')),
      buttons: [{ id: actionId.start(), label: t('common:buttons.start'), style: 'primary' }],
    },
  ],
  'at-first-step': ({ t }) => [info(t('common:at-first-step'))],
  confirm: questionReply,
  welcome: welcomeReply,
  peek: (c, o) => {
    const placed = findStep(c.flow, o.stepId);
    return placed ? [peekReply(c, placed)] : [];
  },
  cancelled: ({ t }) => [info(t('common:confirm.cancelled'))],
  'lang-set': ({ t }) => [info(t('common:lang.set', { name: t('common:lang.name') }))],
  'lang-list': langList,
  'tick-unknown': ({ t }, o) => [
    info(t('common:tick.unknown', { item: o.item.slice(0, ECHO_LIMIT) }), 'warning'),
  ],
  muted: ({ t, p }, o) => {
    const nowOff = slashCommandsOnly(p.user) ? 'common:muted.on-discord' : 'common:muted.on';
    return [info(t(o.on ? nowOff : 'common:muted.off'))];
  },
  escalated: ({ t }, o) => [info(t(o.already ? 'common:escalated.already' : 'common:escalated.sent'))],
  'review-waiting': ({ t }) => [info(t('common:review.waiting'))],
  'review-rejected': ({ t }) => [info(t('common:review.rejected'), 'warning')],
  'not-a-review': ({ t }) => [info(t('common:review.not-a-review'))],
  flows: flowsReply,
  suggest: ({ t, p }, o) => [
    {
      ...info(t('common:hint.suggest', { word: o.said })),
      buttons: [{ id: suggestedAction(o.word, p.current ?? undefined), label: o.said, style: 'primary' }],
    },
  ],
  hint: (c, o) =>
    o.question === undefined
      ? [info(c.t(HINTS[o.reason]), o.reason === 'sensitive' ? 'warning' : 'info')]
      : answerReply(c, o.question),
};

/** The languages we speak; after an unknown code, said first (as a warning). */
function langList({ t, translator }: Presenting, o: { unknown?: string }): Reply[] {
  const languages = translator.languages
    .map((code) => `**${code}** (${translator.t(code, 'common:lang.name')})`)
    .join(', ');
  const list = info(t('common:lang.list', { list: languages }), o.unknown ? 'warning' : 'info');
  if (!o.unknown) return [list];
  return [
    { ...list, text: `${t('common:lang.unknown', { code: o.unknown.slice(0, ECHO_LIMIT) })}\n${list.text}` },
  ];
}
