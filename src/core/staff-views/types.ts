import type { UserKey } from '../types.js';

/** A flow the bot runs, as staff pick it. */
export interface FlowChoice {
  id: string;
  title: string;
}

/** One step's row of the funnel. */
export interface FunnelStep {
  id: string;
  /** 1-based place in the flow. */
  number: number;
  title: string;
  /** A review step (people wait on someone else). */
  review: boolean;
  reached: number;
  now: number;
  /** Of those who reached it, the share that reached the next step (or finished, for the last); undefined when nobody reached it. */
  conversion?: number;
  /** The median time from entering the step to finishing it, when anyone has. */
  medianMs?: number;
}

/** People who started in one week, and how many of them reached each step (in step order). */
export interface CohortRow {
  week: string;
  started: number;
  reached: number[];
  finished: number;
}

export interface FunnelView {
  flow: FlowChoice;
  flows: FlowChoice[];
  started: number;
  finished: number;
  /** People idle past the reminder threshold, or past a review's window: `admin list stuck`. */
  stuck: number;
  remindAfterDays: number;
  steps: FunnelStep[];
  cohorts: CohortRow[];
}

/** A person in a staff list: who, where, and for how long. */
export interface PersonRow {
  user: UserKey;
  name?: string;
  platform: string;
  stepTitle: string;
  /** Business days, in the person's own calendar: idle, past the review window, or since asking. */
  days: number;
}

export interface PeopleList {
  rows: PersonRow[];
  /** Everyone matching (the rows are the first of them). */
  total: number;
}

export interface AttentionView {
  flow: FlowChoice;
  flows: FlowChoice[];
  /** The business days idle that count as stuck here. */
  days: number;
  stuck: PeopleList;
  lateReviews: PeopleList;
  help: PeopleList;
}

export type TimelineKind = 'started' | 'done' | 'history' | 'staff';

export interface TimelineEntry {
  at: string;
  kind: TimelineKind;
  text: string;
}

export interface PersonStep {
  number: number;
  title: string;
  state: 'done' | 'current' | 'todo';
}

export interface PersonPage {
  user: UserKey;
  name?: string;
  platform: string;
  flow: FlowChoice;
  done: number;
  total: number;
  finished: boolean;
  steps: PersonStep[];
  /** Newest first. */
  timeline: TimelineEntry[];
}

/** A file of everyone's progress in one flow, made page by page as it is read. */
export interface ExportFile {
  name: string;
  mimeType: string;
  body: () => AsyncIterable<string>;
}

/**
 * What staff see outside the chat (the dashboard), in the language asked for: read from the store's
 * counts and filtered pages, never a walk over every record per request. Nothing here changes anyone's
 * progress; an export is noted in the audit log, as `admin export` is.
 */
export interface StaffViews {
  funnel(language: string, flowId?: string): Promise<FunnelView | undefined>;
  attention(language: string, days: number, flowId?: string): Promise<AttentionView | undefined>;
  person(language: string, user: UserKey): Promise<PersonPage | undefined>;
  exportCsv(staff: UserKey, flowId?: string): Promise<ExportFile | undefined>;
}
