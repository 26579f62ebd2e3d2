import { formatDay } from '../business-days.js';
import { actionId } from '../commands.js';
import { doneCount } from '../engine.js';
import { findStep, type PlacedStep, placedSteps } from '../flow.js';
import { reviewWindow } from '../review-window.js';
import type { Button, ReplyDraft as Reply } from '../types.js';
import type { Presenting } from './context.js';

/** A step: its text (with the review window while one is open), checklist, links, images and buttons. */
export function stepReply(c: Presenting, placed: PlacedStep, refresh = false): Reply {
  const { step } = placed;
  const base = `steps.${step.id}`;
  return {
    kind: 'step',
    stepId: step.id,
    ...(refresh ? { refresh } : {}),
    title: c.ft(`${base}.title`),
    text: stepText(c, placed),
    footer: stepFooter(c, placed),
    ...checklist(c, placed),
    links: step.links.map((l) => ({ label: c.ft(`${base}.links.${l.id}`), url: l.url })),
    images: step.images.map((i) => ({ url: i.url, alt: c.ft(`${base}.images.${i.id}`) })),
    buttons: stepButtons(c, placed),
  };
}

function stepText({ t, ft, p, holidays, language }: Presenting, { step }: PlacedStep): string {
  const text = ft(`steps.${step.id}.body`);
  const window = reviewWindow(step, p, holidays);
  if (!window) return text;
  const wait = t('common:step.wait', {
    submitted: formatDay(window.submitted, language),
    from: formatDay(window.from, language),
    to: formatDay(window.to, language),
    min: window.minDays,
    max: window.maxDays,
  });
  return `${text}\n\n${wait}`;
}

function stepFooter({ t, ft, flow, p, steps }: Presenting, placed: PlacedStep): string {
  return t('common:step.footer', {
    stage: placed.stageIndex + 1,
    stages: flow.stages.length,
    stageTitle: ft(`stages.${placed.stage.id}.title`),
    step: placed.index + 1,
    steps: steps.length,
    done: doneCount(flow, p),
    total: steps.length,
  });
}

function checklist({ t, ft, p }: Presenting, { step }: PlacedStep): Pick<Reply, 'checklist'> {
  if (step.checklist.length === 0) return {};
  const ticked = new Set(p.steps[step.id]?.ticked ?? []);
  return {
    checklist: {
      title: t('common:step.checklist'),
      items: step.checklist.map((id) => ({
        id,
        label: ft(`steps.${step.id}.checklist.${id}`),
        ticked: ticked.has(id),
        action: actionId.tick(step.id, id, !ticked.has(id)),
      })),
    },
  };
}

function stepButtons({ t }: Presenting, { step, index }: PlacedStep): Button[] {
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
  return buttons;
}

/** What to have ready before the first step, how many reviews to expect, and the other flows. */
export const introReply = (c: Presenting): Reply => {
  const { t, ft, flow } = c;
  const reviews = placedSteps(flow).filter((p) => p.step.wait).length;
  const others = c.flows.all
    .filter((f) => f.id !== flow.id)
    .map((f) => `**${c.translator.t(c.language, `${f.id}:title`)}**`);
  const text = [
    t('common:intro.text', { flow: ft('title') }),
    reviews > 0 ? t('common:intro.reviews', { count: reviews }) : '',
    others.length > 0 ? t('common:intro.others', { list: listOf(others, c.language) }) : '',
  ];
  return {
    kind: 'info',
    title: ft('prepare.title'),
    text: text.filter(Boolean).join(' '),
    checklist: {
      title: t('common:intro.checklist'),
      items: flow.prepare.map((id) => ({ id, label: ft(`prepare.items.${id}`), ticked: false })),
    },
  };
};

/** "A, B and C" in the person's language. */
const listOf = (items: readonly string[], language: string): string =>
  new Intl.ListFormat(language, { type: 'conjunction' }).format(items);

/**
 * Another step for a look (from an answer that quoted it): its text, links, screenshots and checklist,
 * but no buttons that act on it, and a way back to where the person is.
 */
export function peekReply(c: Presenting, placed: PlacedStep): Reply {
  const { checklist: list, stepId: _, ...card } = stepReply(c, placed);
  const here = c.p.current === null ? undefined : findStep(c.flow, c.p.current);
  const footer = c.t(here ? 'common:peek.footer' : 'common:peek.footer-none', {
    step: placed.index + 1,
    current: (here?.index ?? 0) + 1,
  });
  return {
    ...card,
    kind: 'info',
    footer,
    ...(list
      ? { checklist: { ...list, items: list.items.map(({ action: _action, ...item }) => item) } }
      : {}),
    buttons: [{ id: actionId.start(), label: c.t('common:buttons.my-step'), style: 'primary' }],
  };
}
