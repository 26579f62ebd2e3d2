import { z } from 'zod';
import { MigrationSchema, migrationProblems } from './migration-notes.js';

const Slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a lowercase slug like "bind-card"');
const Url = z.url({ protocol: /^https$/ });

const LinkSchema = z.object({ id: Slug, url: Url });
const ImageSchema = z.object({ id: Slug, url: Url });
const HelpEntrySchema = z.object({ id: Slug, url: Url.optional() });
const WaitSchema = z
  .object({ minDays: z.number().int().positive(), maxDays: z.number().int().positive() })
  .refine((w) => w.minDays <= w.maxDays, { message: 'minDays must not exceed maxDays' });

export const StepSchema = z.object({
  id: Slug,
  links: z.array(LinkSchema).default([]),
  images: z.array(ImageSchema).default([]),
  checklist: z.array(Slug).default([]),
  help: z.array(HelpEntrySchema).default([]),
  /** A review by someone else: the person waits this many business days. */
  wait: WaitSchema.optional(),
});

export const StageSchema = z.object({ id: Slug, steps: z.array(StepSchema).min(1) });

/** A flow is data: ids, links, images and waits. Its words live in `locales/<lng>/<flow id>.json`. */
export const FlowSchema = z
  .object({
    id: Slug,
    version: z.number().int().positive(),
    prepare: z.array(Slug).min(1),
    stages: z.array(StageSchema).min(1),
    finish: z.object({ links: z.array(LinkSchema).default([]) }),
    /** The flow offered to a person who finishes this one. */
    next: Slug.optional(),
    /** For each version after the first: what became of the previous version's steps. */
    migrations: z.array(MigrationSchema).optional(),
  })
  .superRefine((flow, ctx) => {
    const seen = new Set<string>();
    flow.stages.forEach((stage, s) => {
      stage.steps.forEach((step, i) => {
        if (seen.has(step.id)) {
          ctx.addIssue({
            code: 'custom',
            path: ['stages', s, 'steps', i, 'id'],
            message: `step id "${step.id}" is used twice`,
          });
        }
        seen.add(step.id);
      });
    });
    for (const problem of migrationProblems(flow.version, flow.migrations ?? [], seen)) {
      ctx.addIssue({ code: 'custom', ...problem });
    }
  });

export type Flow = z.infer<typeof FlowSchema>;
export type Step = z.infer<typeof StepSchema>;
export type Stage = z.infer<typeof StageSchema>;

export interface PlacedStep {
  step: Step;
  stage: Stage;
  /** 0-based position in the whole flow. */
  index: number;
  stageIndex: number;
}

const placedCache = new WeakMap<Flow, readonly PlacedStep[]>();

/** Every step in order, with where it stands (computed once per flow: flows are never changed in place). */
export function placedSteps(flow: Flow): readonly PlacedStep[] {
  const cached = placedCache.get(flow);
  if (cached) return cached;
  const placed = computePlaced(flow);
  placedCache.set(flow, placed);
  return placed;
}

function computePlaced(flow: Flow): PlacedStep[] {
  return flow.stages
    .flatMap((stage, stageIndex) => stage.steps.map((step) => ({ step, stage, stageIndex })))
    .map((p, index) => ({ ...p, index }));
}

export function findStep(flow: Flow, stepId: string | null | undefined): PlacedStep | undefined {
  return stepId ? placedSteps(flow).find((p) => p.step.id === stepId) : undefined;
}

/** Every translation key the flow needs, in its own namespace. */
export function flowKeys(flow: Flow): string[] {
  const keys = ['title', 'prepare.title', ...flow.prepare.map((id) => `prepare.items.${id}`)];
  keys.push('finish.title', 'finish.body', ...flow.finish.links.map((l) => `finish.links.${l.id}`));
  for (const stage of flow.stages) {
    keys.push(`stages.${stage.id}.title`);
    for (const step of stage.steps) {
      const base = `steps.${step.id}`;
      keys.push(`${base}.title`, `${base}.body`);
      keys.push(...step.checklist.map((id) => `${base}.checklist.${id}`));
      keys.push(...step.links.map((l) => `${base}.links.${l.id}`));
      keys.push(...step.images.map((i) => `${base}.images.${i.id}`));
      keys.push(...step.help.map((h) => `${base}.help.${h.id}`));
    }
  }
  return keys;
}
