import { businessDaysBetween, type Holidays, localDay } from '../business-days.js';
import { type Flow, placedSteps } from '../flow.js';
import type { PeopleQuery } from '../people-query.js';
import type { ProgressStore } from '../ports.js';
import { daysOverdue, idleDays } from '../reminders.js';
import { stuckQuery } from '../stuck-bounds.js';
import { knownTimeZone } from '../time-zone.js';
import type { Progress } from '../types.js';
import { platformOf } from '../types.js';
import type { PeopleList, PersonRow } from './types.js';

/** How many people each list shows (its total counts them all). */
const ATTENTION_ROWS = 50;

export interface AttentionInput {
  store: Pick<ProgressStore, 'counts' | 'people'>;
  flow: Flow;
  now: Date;
  days: number;
  holidays: Holidays;
  stepTitle: (stepId: string) => string;
}

/** The three lists of people who need someone: stuck, late on a review, asking for a person. */
export async function attentionLists(input: AttentionInput) {
  const { store, flow, now, days, holidays } = input;
  const { zones } = await store.counts(flow.id);
  const stuck = stuckQuery(flow, zones, now, days, holidays);
  const steps = placedSteps(flow).map((p) => p.step);
  const ordinary = steps.filter((s) => !s.wait).map((s) => s.id);
  const reviews = steps.filter((s) => s.wait).map((s) => s.id);
  const row = (p: Progress, n: number) => personRow(p, input.stepTitle, n);
  const [idle, late, help] = await Promise.all([
    list(store, { ...stuck, at: ordinary }, (p) => row(p, idleDays(p, now, holidays))),
    list(store, { ...stuck, at: reviews }, (p) => row(p, daysOverdue(flow, p, now, holidays))),
    list(store, { flowId: flow.id, needsHelp: true }, (p) => row(p, daysSinceAsked(p, now, holidays))),
  ]);
  return { stuck: idle, lateReviews: late, help };
}

async function list(
  store: Pick<ProgressStore, 'people'>,
  query: PeopleQuery,
  toRow: (p: Progress) => PersonRow,
): Promise<PeopleList> {
  // A query on no steps (a flow without reviews) matches nobody: no need to ask.
  if (query.at && query.at.length === 0) return { rows: [], total: 0 };
  const page = await store.people({ ...query, order: 'idle', limit: ATTENTION_ROWS, total: true });
  return { rows: page.people.map(toRow), total: page.total ?? page.people.length };
}

function personRow(p: Progress, stepTitle: (stepId: string) => string, days: number): PersonRow {
  return {
    user: p.user,
    ...(p.displayName ? { name: p.displayName } : {}),
    platform: platformOf(p.user),
    stepTitle: p.current ? stepTitle(p.current) : '',
    days,
  };
}

/** Business days since their latest "talk to a person", in their own calendar. */
function daysSinceAsked(p: Progress, now: Date, holidays: Holidays): number {
  const asked = (p.history ?? []).filter((h) => h.kind === 'escalated').at(-1);
  if (!asked) return 0;
  const zone = knownTimeZone(p.timeZone);
  return businessDaysBetween(localDay(new Date(asked.at), zone), localDay(now, zone), holidays);
}
