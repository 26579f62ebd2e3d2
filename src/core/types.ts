import { z } from 'zod';

/** A person, prefixed by platform: `slack:T123:U456`, `discord:G1:U2`, `console:local:me`. */
export const UserKeySchema = z
  .string()
  .regex(/^(console|slack|discord):[^:\s]+:[^:\s]+$/, 'expected platform:space:user');
export type UserKey = z.infer<typeof UserKeySchema>;

export type Platform = 'console' | 'slack' | 'discord';

export const platformOf = (user: UserKey): Platform => user.split(':', 1)[0] as Platform;

/** What an adapter hands the core: typed text or a clicked button, never both. */
export interface IncomingEvent {
  user: UserKey;
  /** Typed text (the command words, a label or anything else). */
  text?: string;
  /** A clicked button's ActionId, e.g. `done:register`. */
  action?: string;
  /** The platform's own delivery id (Slack event_id, Discord interaction id): a repeat changes nothing. */
  deliveryId?: string;
  /** The language the platform reports for the person (Slack user locale, Discord interaction.locale). */
  locale?: string;
}

export const StepRecordSchema = z.object({
  enteredAt: z.iso.datetime().optional(),
  doneAt: z.iso.datetime().optional(),
  ticked: z.array(z.string()).optional(),
});
export type StepRecord = z.infer<typeof StepRecordSchema>;

/** One person's progress through one flow; what the store keeps. Keyed by step id, never by position. */
export const ProgressSchema = z.object({
  user: UserKeySchema,
  flowId: z.string(),
  flowVersion: z.number().int().nonnegative(),
  /** The language the person chose with `lang`; unset means "follow the platform". */
  locale: z.string().optional(),
  /** The step the person is on; null before `start` and after the last step. */
  current: z.string().nullable(),
  steps: z.record(z.string(), StepRecordSchema),
  /** A question waiting for a yes/no (only `restart` asks one). */
  confirm: z.literal('restart').optional(),
  startedAt: z.iso.datetime().optional(),
  finishedAt: z.iso.datetime().optional(),
  updatedAt: z.iso.datetime(),
});
export type Progress = z.infer<typeof ProgressSchema>;

/** What the person asked for, once text or a click has been understood. */
export type Command =
  | { type: 'start' }
  | { type: 'done'; stepId?: string }
  | { type: 'back'; stepId?: string }
  | { type: 'status' }
  | { type: 'help'; stepId?: string }
  | { type: 'tick'; item: string; stepId?: string }
  | { type: 'lang'; code?: string }
  | { type: 'restart' }
  | { type: 'confirm'; yes: boolean }
  | { type: 'unknown'; reason: 'empty' | 'unknown' | 'too-long' | 'sensitive' };

/** A button: `id` is a stable ActionId, `label` is already translated. */
export interface Button {
  id: string;
  label: string;
  style?: 'primary' | 'danger';
}

export interface LinkView {
  label: string;
  url: string;
}

export interface ImageView {
  url: string;
  alt: string;
}

export interface ChecklistItemView {
  id: string;
  label: string;
  ticked: boolean;
  /** The ActionId that toggles this item; absent for lists that are only read. */
  action?: string;
}

export type StepMark = 'done' | 'current' | 'waiting' | 'todo';

export interface StatusView {
  done: number;
  total: number;
  bar: string;
  stages: { title: string; steps: { id: string; title: string; mark: StepMark }[] }[];
}

/**
 * A neutral, already translated message. Adapters lay it out; they decide nothing.
 * Text may carry `**bold**`; adapters convert it to their own markup.
 */
export interface Reply {
  kind: 'step' | 'status' | 'help' | 'info' | 'warning' | 'finished' | 'confirm';
  /** The step this reply shows, so an adapter can update a message in place. */
  stepId?: string;
  /** Re-shows a step already on screen (e.g. after ticking an item): update it in place where possible. */
  refresh?: boolean;
  title?: string;
  text: string;
  /** Small print under the message, e.g. "Stage 1 of 3 · Step 2 of 11". */
  footer?: string;
  checklist?: { title: string; items: ChecklistItemView[] };
  links?: LinkView[];
  images?: ImageView[];
  status?: StatusView;
  buttons?: Button[];
}
