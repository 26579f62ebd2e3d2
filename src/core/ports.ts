import type { Flow } from './flow.js';
import type { FlowCounts, PeoplePage, PeopleQuery } from './people-query.js';
import type { StoreHealth } from './store-error.js';
import type { AuditDraft, AuditEntry, IncomingEvent, Progress, Reply, UserKey } from './types.js';

/** Where progress lives. `save` resolves only once the change is durable. */
export interface ProgressStore {
  load(user: UserKey): Promise<Progress | undefined>;
  /** Saves one person's progress; the delivery id (if any) is remembered in the same write. */
  save(progress: Progress, deliveryId?: string): Promise<void>;
  /**
   * One person's read-modify-write, atomic: updates of the same person run one after another, each on
   * the record the previous one left, so none overwrites another. With a delivery id the change is
   * claimed in the same durable write; a repeat of it (a platform retry, even one that arrives while
   * the first is being saved) is answered `duplicate` and `change` is not called. `change` returns the
   * new record, or undefined to leave it as it is.
   */
  update(user: UserKey, change: ProgressChange, options?: UpdateOptions): Promise<UpdateResult>;
  /** True when this platform delivery id was already handled (kept for at least an hour). */
  seen(deliveryId: string): Promise<boolean>;
  all(): Promise<Progress[]>;
  /** Every person's key, no record read: for start-up's one pass over everyone, a record at a time. */
  keys(): Promise<UserKey[]>;
  /** Started, finished, and people now at and having reached each step of one flow; kept as records change. */
  counts(flowId: string): Promise<FlowCounts>;
  /** One page of the people matching the query, in user-key order; never reads every record. */
  people(query: PeopleQuery): Promise<PeoplePage>;
  /**
   * People whose reminder time (`remindAt`) has come by `now`, earliest first, from an index. With
   * `claimForMs` (a sweep), a store shared by several instances leases them to this one for that long,
   * or until their next write, and leaves out people another instance holds: each is swept once.
   */
  due(now: Date, limit: number, claimForMs?: number): Promise<UserKey[]>;
  /**
   * Saves a staff action, with the record it changed (if any), in one durable write. Its id is the next
   * in a sequence that never repeats, taken the moment this is called (two at once never share one).
   */
  record(draft: AuditDraft, progress?: Progress): Promise<AuditEntry>;
  /** Staff actions, newest first, narrowed by the query. */
  auditLog(query?: AuditQuery): Promise<AuditEntry[]>;
  /** Cheap: whether the last write (a save or a snapshot rewrite) worked; for health checks. */
  health(): StoreHealth;
  close(): Promise<void>;
}

export type ProgressChange = (
  current: Progress | undefined,
) => Progress | undefined | Promise<Progress | undefined>;

export interface UpdateOptions {
  /** The platform's id of the delivery this change handles, claimed with it. */
  deliveryId?: string;
  /**
   * `change` returns at once (no promise) and does nothing but compute the record: no message sent,
   * nothing else written. A store may then run it in one transaction with other people's changes, and
   * run it again on the fresh record if that transaction fails.
   */
  pure?: boolean;
}

export interface UpdateResult {
  /** The delivery id was already handled: nothing was changed. */
  duplicate: boolean;
  /** The record after the update (undefined when there is none). */
  progress?: Progress;
}

export interface AuditQuery {
  id?: string;
  /** Actions on this person. */
  target?: UserKey;
  /** The undo of this action, if any. */
  undoes?: string;
  limit?: number;
}

/** Sign-in links to the staff dashboard in the browser (the dashboard adapter keeps them). */
export interface DashboardLinks {
  /** A link that signs this staff member in once, until `expiresAt`; the pages speak `language`. */
  open(staff: UserKey, language: string): Promise<{ url: string; expiresAt: Date }>;
}

/** Words in every language. Keys are `namespace:path`, e.g. `common:help.title`. */
export interface Translator {
  readonly languages: readonly string[];
  t(language: string, key: string, vars?: Record<string, unknown>): string;
  has(language: string, key: string): boolean;
}

export interface Clock {
  now(): Date;
}

/** The slice of a structured logger the core uses (pino fits). Never pass what people type. */
export interface Logger {
  info(context: object, message: string): void;
  warn(context: object, message: string): void;
  error(context: object, message: string): void;
}

/** Proactive messages (reminders, staff notices), sent by whichever adapter owns the person's platform. */
export interface Notifier {
  /** Sends to the person directly (a DM). Resolves false when they cannot be reached; never throws. */
  notify(user: UserKey, replies: Reply[]): Promise<boolean>;
  /** Posts to the staff channel of the platform `about` is on. Never throws. */
  notifyStaff(about: UserKey, replies: Reply[]): Promise<void>;
}

/**
 * The one way into the core: one event in, ready replies (each with its language) out. Never throws.
 * A repeat of a delivery already handled (here or by another instance on the same store) is answered
 * with no replies, and `claimed` is never called for it.
 */
export type Handle = (event: IncomingEvent, hooks?: HandleHooks) => Promise<Reply[]>;

/** What an adapter may learn about an event before its replies are ready. */
export interface HandleHooks {
  /**
   * Called once the event is this bot's to answer: its delivery id is claimed in the store (with the
   * change it made), or it had none to claim. Until then another instance may be answering it, so an
   * adapter that must acknowledge early (Discord's defer) waits for this first.
   */
  claimed?: () => void;
}

/** How an adapter tells /healthz whether it can take events from its platform. */
export interface ConnectionReporter {
  up(): void;
  down(): void;
}

/** What every adapter is given when it starts: of the bot, only `handle`. */
export interface AdapterDeps {
  handle: Handle;
  /** The flows the bot runs; the first is the one people start on. */
  flows: readonly [Flow, ...Flow[]];
  translator: Translator;
  /** For the adapter's own words when neither a reply nor the platform's locale names a language. */
  defaultLanguage: string;
  logger: Logger;
  connection: ConnectionReporter;
  /** Aborted when the process is asked to stop: stop taking events. */
  signal: AbortSignal;
}

/** A started adapter: stops cleanly, and may send proactive messages (reminders, staff notices). */
export interface RunningAdapter {
  /** Stops taking events and waits (bounded) for the work already accepted. */
  stop(): Promise<void>;
  notifier?: Notifier;
  /** Resolves when the adapter ends by itself (the console's input closed); platforms run until stopped. */
  ended?: Promise<void>;
}

/**
 * A platform adapter, built with its own small config by the composition root. `name` is its platform:
 * the first part of the user keys it hands the core, and how proactive messages find their notifier.
 */
export interface Adapter<Running extends RunningAdapter = RunningAdapter> {
  readonly name: string;
  start(deps: AdapterDeps): Promise<Running>;
}
