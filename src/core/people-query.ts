import { knownTimeZone } from './time-zone.js';
import type { Progress, UserKey } from './types.js';
import { parseUserKey } from './user-key.js';

/**
 * What the store answers about many people at once, so nothing on a request path reads every record.
 * Flows and calendars stay in the core: the core turns "stage", "waiting" or "stuck 3 business days"
 * into step ids and instants, and the store matches those against indexes it keeps as records change.
 */
export interface PeopleQuery {
  flowId?: string;
  /** People now at one of these steps. */
  at?: readonly string[];
  started?: boolean;
  finished?: boolean;
  muted?: boolean;
  /** The platform part of the user key (`slack`, `discord`, `console`). */
  platform?: string;
  /** Their own last activity was before this instant (ISO 8601). */
  activeBefore?: string;
  /** Stuck, in each person's own calendar: see `StuckBounds`. */
  stuck?: StuckBounds;
  /** Asked to talk to a person, and no staff member has acted on their record since. */
  needsHelp?: boolean;
  /** `user` (default): by user key, pages by `after`; `idle`: longest idle first, pages by `offset`. */
  order?: 'user' | 'idle';
  /** Start after this user key (the `next` of the previous page; `user` order only). */
  after?: UserKey;
  /** Skip this many matches first (a page number's worth). */
  offset?: number;
  /** At most this many people (default 50). */
  limit?: number;
  /** Also count the matches (`total`: all of them; with `after`, those after it); costs a walk, in slices. */
  total?: boolean;
}

/**
 * "Stuck" as instants per time zone, so the store needs no calendar: the core turns "idle N business
 * days where the person is" into, for each zone, the instant their own last activity must be before,
 * and "past the review window" into, for each review step and zone, the instant they must have entered
 * the step before. Zones are canonical IANA names, `''` for people without a (known) zone; a zone
 * missing from a map matches nobody.
 */
export interface StuckBounds {
  idleBefore: Readonly<Record<string, number>>;
  enteredBefore: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

/** One page of people in a stable order (by user key); `next` is where the following page starts. */
export interface PeoplePage {
  people: Progress[];
  next?: UserKey;
  /** Every match, when the query asked for it. */
  total?: number;
}

/** Counts for one flow, kept up to date as records change. */
export interface FlowCounts {
  flowId: string;
  started: number;
  finished: number;
  /** People now at each step (a step nobody is at is absent). */
  now: Record<string, number>;
  /** People who have reached each step (entered it at some point). */
  reached: Record<string, number>;
  /** The median time from entering each step to finishing it, to the minute under an hour, else to the hour. */
  medianMs: Record<string, number>;
  /** The time zones of the flow's people (`''`: none known), for `StuckBounds`. */
  zones: string[];
  /** People by the week they started the flow (oldest week first): how far each week's starters got. */
  cohorts: Cohort[];
}

/** The people who started a flow in one week (Monday, UTC) and how many of them reached each step. */
export interface Cohort {
  /** The week's Monday, `YYYY-MM-DD` (UTC). */
  week: string;
  started: number;
  finished: number;
  reached: Record<string, number>;
}

/** What the funnel counts of a flow a person is not in now (their shelved part of it). */
export interface PartFacts {
  flowId: string;
  reached: readonly string[];
  took: readonly number[];
  started: boolean;
  finished: boolean;
  /** The Monday (UTC, `YYYY-MM-DD`) of the week they started it, when known. */
  week?: string;
}

/** What the store's indexes need to know about one person, derived from their record alone. */
export interface PersonFacts {
  flowId: string;
  /** Their place in the other flows they have been in: counted in those flows' funnels. */
  shelved?: readonly PartFacts[];
  platform: string;
  current: string | null;
  reached: readonly string[];
  started: boolean;
  finished: boolean;
  muted: boolean;
  /** Canonical IANA zone, `''` when none is known. */
  zone: string;
  /** When they entered their current step (ms since the epoch), if known. */
  enteredAt?: number;
  /** For each step in `reached`, the time it took in `durationBucket`s, or -1 (not done yet). */
  took: readonly number[];
  /** Their own last activity (or the last change, for records from before it was kept), ms since the epoch. */
  activeAt: number;
  /** When they asked to talk to a person, if no staff member has acted on their record since (ms). */
  helpAt?: number;
  /** The Monday (UTC, `YYYY-MM-DD`) of the week they started the flow they are in, when known. */
  week?: string;
  /** When their next reminder may be due (ms since the epoch), if any (set by the core on every change). */
  remindAt?: number;
}

export function personFacts(p: Progress): PersonFacts {
  const reached = reachedSteps(p.steps);
  const entered = p.current === null ? undefined : p.steps[p.current]?.enteredAt;
  return {
    flowId: p.flowId,
    platform: parseUserKey(p.user)?.platform ?? '',
    current: p.current,
    reached,
    started: p.current !== null || p.finishedAt !== undefined,
    finished: p.finishedAt !== undefined,
    muted: p.muted === true,
    zone: knownTimeZone(p.timeZone) ?? '',
    took: reached.map((id) => took(p, id)),
    activeAt: Date.parse(p.activeAt ?? p.updatedAt),
    ...(entered === undefined ? {} : { enteredAt: Date.parse(entered) }),
    ...remindFacts(p),
    ...helpFacts(p),
    ...weekFacts(p),
    ...shelvedFacts(p),
  };
}

/** The week a part was started: `startedAt`, else (older records) the first step entered. */
function weekFacts(part: Pick<Progress, 'startedAt' | 'steps'>): { week?: string } {
  const first =
    part.startedAt ??
    Object.values(part.steps)
      .flatMap((r) => (r.enteredAt ? [r.enteredAt] : []))
      .sort()[0];
  const at = first === undefined ? Number.NaN : Date.parse(first);
  return Number.isFinite(at) ? { week: mondayOf(at) } : {};
}

const DAY = 24 * 60 * 60 * 1000;

/** The Monday (UTC) of the week holding `ms`, as `YYYY-MM-DD`. */
const mondayOf = (ms: number): string => {
  const weekday = (new Date(ms).getUTCDay() + 6) % 7;
  return new Date(Math.floor(ms / DAY) * DAY - weekday * DAY).toISOString().slice(0, 10);
};

/** An open "talk to a person": their latest escalation, unless staff acted on their record after it. */
function helpFacts(p: Progress): { helpAt?: number } {
  const asked = (p.history ?? []).filter((h) => h.kind === 'escalated').at(-1);
  if (!asked) return {};
  const at = Date.parse(asked.at);
  const answered = p.staffAt !== undefined && Date.parse(p.staffAt) >= at;
  return answered || !Number.isFinite(at) ? {} : { helpAt: at };
}

function shelvedFacts(p: Progress): { shelved?: PartFacts[] } {
  const parts = Object.entries(p.shelved ?? {}).map(([flowId, part]): PartFacts => {
    const reached = reachedSteps(part.steps);
    return {
      flowId,
      reached,
      took: reached.map((id) => took(part, id)),
      started: part.current !== null || part.finishedAt !== undefined,
      finished: part.finishedAt !== undefined,
      ...weekFacts(part),
    };
  });
  return parts.length > 0 ? { shelved: parts } : {};
}

const reachedSteps = (steps: Progress['steps']): string[] =>
  Object.entries(steps)
    .filter(([, r]) => r.enteredAt !== undefined || r.doneAt !== undefined)
    .map(([id]) => id);

function took(p: Pick<Progress, 'steps'>, stepId: string): number {
  const r = p.steps[stepId];
  if (!r?.enteredAt || !r.doneAt) return -1;
  return durationBucket(Date.parse(r.doneAt) - Date.parse(r.enteredAt));
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * A step's duration as a small whole number, so medians come from counts kept per bucket rather than
 * from everyone's records: minutes under an hour (0-59), whole hours beyond (60 + hours).
 */
function durationBucket(ms: number): number {
  const safe = Number.isFinite(ms) ? Math.max(0, ms) : 0;
  return safe < HOUR ? Math.floor(safe / MINUTE) : 60 + Math.floor(safe / HOUR);
}

/** The duration a bucket stands for (its start). */
export const bucketMs = (bucket: number): number => (bucket < 60 ? bucket * MINUTE : (bucket - 60) * HOUR);

/**
 * The reminder time the core stamped; a record from before it did (no stamp, never looked at) that could
 * still need a reminder counts as due from its last activity, so the sweep looks at it once.
 */
function remindFacts(p: Progress): { remindAt?: number } {
  if (p.remindAt !== undefined) return { remindAt: Date.parse(p.remindAt) };
  const legacy = p.remindCheckedAt === undefined && p.current !== null && p.finishedAt === undefined;
  return legacy ? { remindAt: Date.parse(p.activeAt ?? p.updatedAt) } : {};
}
