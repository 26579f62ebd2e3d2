import type { Flow } from '../../core/flow.js';
import { type GuideOutline, type GuideStep, stepText } from './parse-guide.js';

/** What a person still has to write: `flow:check` refuses any text that starts with it. */
export const TO_WRITE = 'TODO';

type Texts = { [key: string]: string | Texts };

export interface ImportedFlow {
  flow: Flow;
  /** language → the flow's locale file, texts from the guide in place for a person to rewrite. */
  locales: Record<string, Texts>;
}

const todo: Record<string, { what: (thing: string) => string; alt: string }> = {
  en: { what: (thing) => `${TO_WRITE}: ${thing}`, alt: `${TO_WRITE}: describe this screenshot` },
  'zh-CN': { what: (thing) => `${TO_WRITE}：${thing}`, alt: `${TO_WRITE}：描述这张截图` },
};

/**
 * A flow and its locale skeletons from one guide in one or more languages (already compared): ids from
 * the first language's words, facts (links, screenshots, waits) from the guide, texts per language.
 */
export function toFlow(id: string, guides: { language: string; outline: GuideOutline }[]): ImportedFlow {
  const [first] = guides;
  if (!first) throw new Error('toFlow needs at least one guide');
  const stageIds = unique(first.outline.stages.map((s, i) => slug(s.title) || `stage-${i + 1}`));
  const stepIds = unique(
    first.outline.stages.flatMap((s) => s.steps.map((step) => slug(stepTitle(step)) || 'step')),
  );
  let n = 0;
  const flow: Flow = {
    id,
    version: 1,
    prepare: ['ready'],
    stages: first.outline.stages.map((stage, s) => ({
      id: stageIds[s] as string,
      steps: stage.steps.map((step) => flowStep(stepIds[n++] as string, step, guides)),
    })),
    finish: { links: [] },
  };
  const locales = Object.fromEntries(guides.map((g) => [g.language, localeFor(flow, g)]));
  return { flow, locales };
}

function flowStep(
  id: string,
  step: GuideStep,
  guides: { outline: GuideOutline }[],
): Flow['stages'][number]['steps'][number] {
  const wait = waitIn(stepText(step)) ?? waitFromOthers(step, guides);
  return {
    id,
    links: linkIds(step).map((linkId, i) => ({ id: linkId, url: step.links[i]?.url as string })),
    images: step.images.map((image, i) => ({ id: `screenshot-${i + 1}`, url: image.url })),
    checklist: [],
    help: step.notes.map((_, i) => ({ id: `note-${i + 1}` })),
    ...(wait ? { wait } : {}),
  };
}

/** The same step in the other languages (a wait written only in one of them still counts). */
function waitFromOthers(step: GuideStep, guides: { outline: GuideOutline }[]) {
  const position = guides[0]?.outline.stages.flatMap((s) => s.steps).indexOf(step) ?? -1;
  for (const g of guides.slice(1)) {
    const same = g.outline.stages.flatMap((s) => s.steps)[position];
    const wait = same && waitIn(stepText(same));
    if (wait) return wait;
  }
  return undefined;
}

/** "2–4 business days", "2-3个工作日", "3 business days": a review's wait, in business days. */
function waitIn(text: string): { minDays: number; maxDays: number } | undefined {
  const m = text.match(/(\d+)(?:\s*[–—~-]\s*(\d+))?\s*(?:business days?|working days?|个?工作日)/i);
  if (!m) return undefined;
  const minDays = Number(m[1]);
  return { minDays, maxDays: m[2] ? Number(m[2]) : minDays };
}

function localeFor(flow: Flow, guide: { language: string; outline: GuideOutline }): Texts {
  const t = todo[guide.language] ?? (todo.en as (typeof todo)['en']);
  const steps = guide.outline.stages.flatMap((s) => s.steps);
  const flowSteps = flow.stages.flatMap((s) => s.steps);
  return {
    title: t.what("the flow's title"),
    prepare: { title: t.what('what to have ready'), items: { ready: t.what('one thing to have ready') } },
    stages: Object.fromEntries(
      flow.stages.map((stage, i) => [
        stage.id,
        { title: guide.outline.stages[i]?.title || t.what("the stage's title") },
      ]),
    ),
    steps: Object.fromEntries(
      flowSteps.map((step, i) => {
        const source = steps[i] as GuideStep;
        const texts: Texts = { title: stepTitle(source), body: stepText(source) };
        if (step.links.length)
          texts.links = Object.fromEntries(
            step.links.map((l, k) => [l.id, source.links[k]?.text || t.what('the link text')]),
          );
        if (step.images.length)
          texts.images = Object.fromEntries(step.images.map((image) => [image.id, t.alt]));
        if (step.help.length)
          texts.help = Object.fromEntries(
            step.help.map((h, k) => [h.id, source.notes[k]?.text ?? t.what('the note')]),
          );
        return [step.id, texts];
      }),
    ),
    finish: { title: t.what('what the person has done'), body: t.what('what comes next') },
  };
}

/** The step's first sentence (at most 80 characters): a title to rewrite. */
function stepTitle(step: GuideStep): string {
  const text = stepText(step);
  const sentence = text.split(/(?<=[.。!！?？])\s*/)[0] ?? text;
  return sentence.length > 80 ? `${sentence.slice(0, 79)}…` : sentence;
}

const STOP = new Set([
  'the',
  'a',
  'an',
  'to',
  'and',
  'of',
  'your',
  'you',
  'on',
  'in',
  'for',
  'with',
  'after',
  'will',
  'can',
  'be',
]);

/** A few of the words as a slug ("Log in to your reseller account" → "log-reseller-account"). */
function slug(text: string): string {
  const words = text
    .toLowerCase()
    .replace(/['’]s\b/g, '')
    .replace(/[^a-z0-9\s-]/g, ' ')
    .split(/[\s-]+/)
    .filter((w) => w && !STOP.has(w));
  return words.slice(0, 3).join('-');
}

function linkIds(step: GuideStep): string[] {
  return unique(step.links.map((l, i) => slug(l.text) || `link-${i + 1}`));
}

/** Ids made unique by a number: "step", "step-2", "step-3". */
function unique(ids: string[]): string[] {
  const seen = new Map<string, number>();
  return ids.map((id) => {
    const count = (seen.get(id) ?? 0) + 1;
    seen.set(id, count);
    return count === 1 ? id : `${id}-${count}`;
  });
}
