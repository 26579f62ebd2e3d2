import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ShownMessage } from '../adapters/slack/fake-slack.js';
import { ROOT } from '../helpers/run-main.js';

/**
 * What the people of the kill test type, and what each of their messages must leave behind. Every word
 * changes the record and none is idempotent: `tick N` toggles item N (twice is unticked), `done` moves
 * on a step (twice skips one), and a tick applied before the `done` it followed lands on the wrong step.
 */
interface FlowStep {
  id: string;
  checklist?: string[];
}
const flow = JSON.parse(readFileSync(join(ROOT, 'src/flows/reseller.json'), 'utf8')) as {
  stages: { steps: FlowStep[] }[];
};
const titles = JSON.parse(readFileSync(join(ROOT, 'locales/en/reseller.json'), 'utf8')) as {
  steps: Record<string, { title: string }>;
};
export const STEPS = flow.stages.flatMap((s) => s.steps).map((s) => ({ id: s.id, items: s.checklist ?? [] }));
const stepOfTitle = new Map(STEPS.map((s, i) => [titles.steps[s.id]?.title as string, i]));

/** Where a person is: the step's index and how many of its items are ticked. */
export interface Place {
  step: number;
  ticks: number;
}

/** `start`, then on each step `tick 1`, `tick 2`, `done` (a review step: `done`). */
const ALL_WORDS = [
  'start',
  ...STEPS.flatMap((s) => (s.items.length >= 2 ? ['tick 1', 'tick 2', 'done'] : ['done'])),
];
/** The last `done` would finish the flow: a journey stops before it, so every word shows in the record. */
export const MAX_WORDS = ALL_WORDS.length - 1;

/** The first `length` words of the journey. */
export function wordsOf(length: number): string[] {
  if (length > MAX_WORDS) throw new Error(`at most ${MAX_WORDS} words`);
  return ALL_WORDS.slice(0, length);
}

/** The place after each word, in order: the one trace the person may see. */
export function placesAfter(words: string[]): Place[] {
  let place: Place = { step: 0, ticks: 0 };
  return words.map((w) => {
    if (w === 'done') place = { step: place.step + 1, ticks: 0 };
    else if (w.startsWith('tick')) place = { ...place, ticks: place.ticks + 1 };
    return place;
  });
}

/** The place a step message in the DM shows (its title and its Untick buttons); undefined for others. */
export function placeShown(message: ShownMessage): Place | undefined {
  const step = stepOfTitle.get(message.text.split('\n')[0] ?? '');
  if (step === undefined) return undefined;
  const ticks = message.blocks.filter((b) => b.accessory?.text?.text === 'Untick').length;
  return { step, ticks };
}

export const samePlace = (a: Place | undefined, b: Place | undefined) =>
  a !== undefined && b !== undefined && a.step === b.step && a.ticks === b.ticks;
