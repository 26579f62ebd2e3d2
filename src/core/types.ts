import { z } from 'zod';
import type { AdminCommand } from './admin/catalogue.js';
import type { CommandWord } from './commands.js';
import { DisplayNameSchema } from './person.js';
import { parseUserKey } from './user-key.js';

/**
 * A person, prefixed by platform: `slack:T123:U456`, `discord:dm:U2`, `console:local:me`. Any lowercase
 * platform name works: platforms are not a closed list in the core.
 */
export const UserKeySchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]*:[^:\s]+:[^:\s]+$/, 'expected platform:space:user');
export type UserKey = z.infer<typeof UserKeySchema>;

/** The platform a user key belongs to: its first part (`slack`, `discord`, `console`, ...). */
export type Platform = string;

export const platformOf = (user: UserKey): Platform => parseUserKey(user)?.platform ?? '';

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
  /** The person's IANA time zone when the platform tells it (Slack's users.info `tz`). */
  timeZone?: string;
  /**
   * The person's name on the platform (Slack's display name, a Discord nick or global name), given by the
   * platform, never typed: the core cleans it and keeps it for staff views. Never logged.
   */
  displayName?: string;
  /** The platform vouches that this person is staff (Slack admin/owner, Discord Manage Server or staff role). */
  staff?: boolean;
  /** A staff command the platform already understood (Discord's slash options): used as it is, not parsed. */
  staffCommand?: AdminCommand;
  /**
   * Asks only to look (a Slack Home tab, the console's opening screen): answers the person's status and
   * changes nothing: nothing is saved and it does not count as activity. `text` and `action` are ignored.
   */
  view?: 'status';
}

export const StepRecordSchema = z.object({
  enteredAt: z.iso.datetime().optional(),
  doneAt: z.iso.datetime().optional(),
  ticked: z.array(z.string()).optional(),
});
export type StepRecord = z.infer<typeof StepRecordSchema>;

/** A person's place in one flow: where they are and what they did there. */
export const FlowPartSchema = z.object({
  flowVersion: z.number().int().nonnegative(),
  current: z.string().nullable(),
  steps: z.record(z.string(), StepRecordSchema),
  startedAt: z.iso.datetime().optional(),
  finishedAt: z.iso.datetime().optional(),
});
export type FlowPart = z.infer<typeof FlowPartSchema>;

/**
 * What a person's record looked like before an admin changed it, so the change can be undone. The flow
 * and the other flows' parts are kept when the change could move them (an `assign`).
 */
export const SnapshotSchema = z.object({
  current: z.string().nullable(),
  steps: z.record(z.string(), StepRecordSchema),
  startedAt: z.iso.datetime().optional(),
  finishedAt: z.iso.datetime().optional(),
  flowId: z.string().optional(),
  flowVersion: z.number().int().nonnegative().optional(),
  shelved: z.record(z.string(), FlowPartSchema).optional(),
});
export type Snapshot = z.infer<typeof SnapshotSchema>;

export const AuditActionSchema = z.enum(['approve', 'move', 'reset', 'nudge', 'undo', 'export', 'assign']);
export type AuditAction = z.infer<typeof AuditActionSchema>;

/**
 * One admin action: who, when, what, on whom, and the state before it. Kept by the store apart from
 * people's records (so nobody's own `restart` can erase it), with an id from a sequence that never repeats.
 */
export const AuditEntrySchema = z.object({
  id: z.string().regex(/^A[1-9]\d*$/, 'expected A1, A2, ...'),
  at: z.iso.datetime(),
  by: UserKeySchema,
  action: AuditActionSchema,
  /** The person the action concerns; absent for actions on nobody in particular (an export). */
  target: UserKeySchema.optional(),
  detail: z.string().optional(),
  /** For an undo: the id of the action it undid (an action is undone at most once). */
  undoes: z.string().optional(),
  before: SnapshotSchema.optional(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
/** An audit entry before the store gives it its id. */
export type AuditDraft = Omit<AuditEntry, 'id'>;

/** The number in an audit id (`A12` -> 12), or 0 for anything else. */
export const auditNumber = (id: string): number => (/^A[1-9]\d*$/.test(id) ? Number(id.slice(1)) : 0);

/** Things that happened to a person besides their own commands: reminders, answers, escalations. */
export const HistoryEntrySchema = z.object({
  at: z.iso.datetime(),
  kind: z.enum(['review-check', 'idle-nudge', 'staff-nudge', 'staff-alert', 'review-answer', 'escalated']),
  stepId: z.string().optional(),
  detail: z.string().optional(),
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

/**
 * A reminder to the person that could not be delivered yet (DMs closed, platform down). It is not in the
 * history until it is delivered; it is retried with back-off, and these counts survive a restart.
 */
export const UndeliveredSchema = z.object({
  kind: z.enum(['review-check', 'idle-nudge']),
  stepId: z.string(),
  attempts: z.number().int().positive(),
  lastAt: z.iso.datetime(),
});
export type Undelivered = z.infer<typeof UndeliveredSchema>;

/** A question an admin must answer with yes or no before a change to someone else happens. */
export const AdminConfirmSchema = z.object({
  /** Names the question, so a Yes pressed under an older question cannot answer this one. */
  id: z.string().optional(),
  action: z.enum(['move', 'reset']),
  target: UserKeySchema,
  stepId: z.string().optional(),
});
export type AdminConfirm = z.infer<typeof AdminConfirmSchema>;

/** What a person's own yes/no question asks: start over, a review approved, back after finishing. */
export const PERSON_ASKS = ['restart', 'approve', 'reopen'] as const;
export type PersonAsk = (typeof PERSON_ASKS)[number];

/** A question the person must answer with yes or no before a big step of their own happens. */
export const PersonConfirmSchema = z.object({
  /** Names this asking of the question, so a Yes pressed under an older one cannot answer it. */
  id: z.string(),
  ask: z.enum(PERSON_ASKS),
  /** The step the question is about (the review step to approve). */
  stepId: z.string().optional(),
});
export type PersonConfirm = z.infer<typeof PersonConfirmSchema>;

/**
 * One person's progress; what the store keeps. Keyed by step id, never by position. The top-level
 * `flowId`, `current`, `steps`, `startedAt` and `finishedAt` are the flow they are in now (a record
 * written before there were several flows is exactly that); their place in any other flow they have
 * been in waits in `shelved` until they go back to it.
 */
export const ProgressSchema = z.object({
  user: UserKeySchema,
  flowId: z.string(),
  flowVersion: z.number().int().nonnegative(),
  /** Their place in the other flows they have been in, by flow id. */
  shelved: z.record(z.string(), FlowPartSchema).optional(),
  /** The language the person chose with `lang`; unset means "follow the platform". */
  locale: z.string().optional(),
  /** Their name on the platform, as it last told it (staff views show it); refreshed when it changes. */
  displayName: DisplayNameSchema.optional(),
  /** The language their platform last reported (for reminders, which arrive without a platform event). */
  platformLocale: z.string().optional(),
  /** The step the person is on; null before `start` and after the last step. */
  current: z.string().nullable(),
  steps: z.record(z.string(), StepRecordSchema),
  /**
   * A question waiting for a yes/no: the person's own (start over, approved, reopen) or an admin's
   * move/reset of someone. The bare `'restart'` is how records written before questions had names hold it.
   */
  confirm: z.union([z.literal('restart'), PersonConfirmSchema, AdminConfirmSchema]).optional(),
  /** How many yes/no questions of their own they have been asked: numbers the next one's name. */
  asked: z.number().int().nonnegative().optional(),
  /**
   * IANA time zone, when the platform told us; reminders keep quiet 20:00-09:00 there. Only zones Intl
   * knows are taken in; one stored before that check that Intl does not know is read as UTC.
   */
  timeZone: z.string().optional(),
  /** The person asked for no reminders (`mute`). */
  muted: z.boolean().optional(),
  history: z.array(HistoryEntrySchema).optional(),
  /**
   * Legacy: admin actions were kept on the record before the store kept its own audit log. Stores move
   * these entries into the log when they read an old record; nothing writes this field any more.
   */
  audit: z.array(AuditEntrySchema.extend({ id: z.string() })).optional(),
  /** The reminder being retried because it could not be delivered, if any. */
  undelivered: UndeliveredSchema.optional(),
  startedAt: z.iso.datetime().optional(),
  finishedAt: z.iso.datetime().optional(),
  /** The last time the person themselves changed something: "idle" counts from here. */
  activeAt: z.iso.datetime().optional(),
  /** The last change by anyone (the person, a reminder, an admin). */
  updatedAt: z.iso.datetime(),
  /** The last time a staff member acted on this record (approve, move, nudge...): answers a "talk to a person". */
  staffAt: z.iso.datetime().optional(),
  /** The earliest moment a reminder may be due (kept by the core on every change; the store indexes it). */
  remindAt: z.iso.datetime().optional(),
  /** The reminder sweep's last look at this person (the next one is not sooner than an hour after). */
  remindCheckedAt: z.iso.datetime().optional(),
});
export type Progress = z.infer<typeof ProgressSchema>;

/** What the person asked for, once text or a click has been understood. */
export type Command =
  /** `flowId`: the flow they asked for by name (`start contract`, a flow's button); absent: resume. */
  | { type: 'start'; flowId?: string }
  /** Lists the flows; `unknown` echoes a flow name that is none of them. */
  | { type: 'flows'; unknown?: string }
  | { type: 'done'; stepId?: string }
  | { type: 'back'; stepId?: string }
  | { type: 'status' }
  | { type: 'help'; stepId?: string }
  | {
      type: 'tick';
      item: string;
      stepId?: string /** Set this state; absent means toggle (typed `tick N`). */;
      on?: boolean;
    }
  | { type: 'lang'; code?: string }
  | { type: 'restart' }
  /** A look at another step of the flow (from an answer that quoted it): changes nothing. */
  | { type: 'peek'; stepId: string }
  /** A loose acknowledgement (`ok`, `好的`, `thanks`): never taken as approving a review. */
  | { type: 'ack'; word: 'ok' | 'thanks' }
  /** `question` names the question a button answered; typed yes/no answer the open one. */
  | { type: 'confirm'; yes: boolean; question?: string }
  | { type: 'mute'; on: boolean }
  | { type: 'escalate'; stepId?: string }
  | { type: 'review'; answer: 'waiting' | 'rejected'; stepId?: string }
  | { type: 'admin'; args: string[] }
  /** `question`: the words of unrecognised text, kept only while the bot answers it from the guide. */
  | { type: 'unknown'; reason: 'empty' | 'unknown' | 'too-long' | 'sensitive'; question?: string }
  /** Typed text a slip away from a command word: `said` is the vocabulary's word, never the input. */
  | { type: 'suggest'; word: CommandWord; said: string };

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
 * A file a reply hands over. Its text comes as chunks, made as they are read, so a file about every
 * person is never whole in memory: the adapter calls `body` once, when it sends the file, and streams
 * the chunks on (to disk, an upload, a gzip).
 */
export interface ReplyFile {
  name: string;
  mimeType: string;
  body: () => AsyncIterable<string>;
}

/**
 * A reply as the core's presenters build it; it leaves the core as a `Reply`, with its language.
 * Text may carry `**bold**`; adapters convert it to their own markup.
 */
export interface ReplyDraft {
  kind: 'step' | 'status' | 'help' | 'info' | 'warning' | 'finished' | 'confirm' | 'reminder' | 'admin';
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
  /** A file to hand over (admin export): adapters upload it or write it to disk. */
  file?: ReplyFile;
}

/**
 * A neutral, already translated message: everything the layout needs travels in it. Adapters lay it out
 * and decide nothing; they never ask the bot anything after `handle`.
 */
export interface Reply extends ReplyDraft {
  /** The language the text is in (a translator language): the adapter's own words around it follow it. */
  language: string;
}

/** Drafts as they leave the core, each with the language it was written in. */
export const inLanguage = (drafts: readonly ReplyDraft[], language: string): Reply[] =>
  drafts.map((draft) => ({ ...draft, language }));
