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
  /** Start after this user key (the `next` of the previous page). */
  after?: UserKey;
  /** At most this many people (default 50). */
  limit?: number;
}

/** One page of people in a stable order (by user key); `next` is where the following page starts. */
export interface PeoplePage {
  people: Progress[];
  next?: UserKey;
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
}

/** What the store's indexes need to know about one person, derived from their record alone. */
export interface PersonFacts {
  flowId: string;
  platform: string;
  current: string | null;
  reached: readonly string[];
  started: boolean;
  finished: boolean;
  muted: boolean;
  /** Their own last activity (or the last change, for records from before it was kept), ms since the epoch. */
  activeAt: number;
  /** When their next reminder may be due (ms since the epoch), if any (set by the core on every change). */
  remindAt?: number;
}

export function personFacts(p: Progress): PersonFacts {
  const reached = Object.entries(p.steps)
    .filter(([, r]) => r.enteredAt !== undefined || r.doneAt !== undefined)
    .map(([id]) => id);
  return {
    flowId: p.flowId,
    platform: parseUserKey(p.user)?.platform ?? '',
    current: p.current,
    reached,
    started: p.current !== null || p.finishedAt !== undefined,
    finished: p.finishedAt !== undefined,
    muted: p.muted === true,
    activeAt: Date.parse(p.activeAt ?? p.updatedAt),
    ...remindFacts(p),
  };
}

/**
 * The reminder time the core stamped; a record from before it did (no stamp, never looked at) that could
 * still need a reminder counts as due from its last activity, so the sweep looks at it once.
 */
function remindFacts(p: Progress): { remindAt?: number } {
  if (p.remindAt !== undefined) return { remindAt: Date.parse(p.remindAt) };
  const legacy = p.remindCheckedAt === undefined && p.current !== null && p.finishedAt === undefined;
  return legacy ? { remindAt: Date.parse(p.activeAt ?? p.updatedAt) } : {};
}
