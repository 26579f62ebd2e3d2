import { bucketMs, type Cohort, type FlowCounts } from '../../core/people-query.js';
import { medianBucket } from '../flow-tallies.js';
import type { Queryable } from './db.js';
import type { SchemaName } from './schema.js';

/** One line of the counts query: what it counts, by which step, bucket or week, and how many. */
interface CountRow {
  kind: 'started' | 'finished' | 'now' | 'zone' | 'took' | 'week' | 'week-finished' | 'week-reached';
  step: string | null;
  bucket: number | null;
  week: string | null;
  n: number;
}

/**
 * A flow's funnel in one round trip, grouped on the indexed tables: its parts (everyone who has been in
 * it) for started, finished, steps reached and how long each took, by start week for the cohorts; its
 * people now (where they are, their time zones).
 */
export async function flowCounts(db: Queryable, s: SchemaName, flowId: string): Promise<FlowCounts> {
  const rows = await db.query<CountRow & Record<string, unknown>>(
    `WITH part AS (SELECT * FROM ${s.table('parts')} WHERE flow_id = $1),
     person AS (SELECT current_step, zone FROM ${s.table('people')} WHERE flow_id = $1),
     step AS (SELECT u.step, u.took, part.week, part.started FROM part, unnest(part.reached, part.took) AS u(step, took))
     SELECT 'started' AS kind, NULL AS step, NULL::int AS bucket, NULL AS week, count(*)::int AS n FROM part WHERE started
     UNION ALL SELECT 'finished', NULL, NULL, NULL, count(*)::int FROM part WHERE finished
     UNION ALL SELECT 'now', current_step, NULL, NULL, count(*)::int FROM person WHERE current_step IS NOT NULL GROUP BY current_step
     UNION ALL SELECT 'zone', zone, NULL, NULL, count(*)::int FROM person GROUP BY zone
     UNION ALL SELECT 'took', step, took, NULL, count(*)::int FROM step GROUP BY step, took
     UNION ALL SELECT 'week', NULL, NULL, week, count(*)::int FROM part WHERE started AND week IS NOT NULL GROUP BY week
     UNION ALL SELECT 'week-finished', NULL, NULL, week, count(*)::int FROM part WHERE started AND finished AND week IS NOT NULL GROUP BY week
     UNION ALL SELECT 'week-reached', step, NULL, week, count(*)::int FROM step WHERE started AND week IS NOT NULL GROUP BY week, step`,
    [flowId],
    `gp-counts-${s.tag}`,
  );
  return countsFrom(flowId, rows);
}

function countsFrom(flowId: string, rows: readonly CountRow[]): FlowCounts {
  const counts: FlowCounts = {
    flowId,
    started: 0,
    finished: 0,
    now: {},
    reached: {},
    medianMs: {},
    zones: [],
    cohorts: [],
  };
  const histograms = new Map<string, Map<number, number>>();
  const weeks = new Map<string, Cohort>();
  const week = (w: string): Cohort => {
    const c = weeks.get(w) ?? { week: w, started: 0, finished: 0, reached: {} };
    weeks.set(w, c);
    return c;
  };
  for (const r of rows) {
    const step = r.step ?? '';
    if (r.kind === 'started' || r.kind === 'finished') counts[r.kind] = r.n;
    else if (r.kind === 'now') counts.now[step] = r.n;
    else if (r.kind === 'zone') counts.zones.push(step);
    else if (r.kind === 'took') {
      counts.reached[step] = (counts.reached[step] ?? 0) + r.n;
      if ((r.bucket ?? -1) >= 0) histogramOf(histograms, step).set(r.bucket as number, r.n);
    } else if (r.kind === 'week') week(r.week ?? '').started = r.n;
    else if (r.kind === 'week-finished') week(r.week ?? '').finished = r.n;
    else week(r.week ?? '').reached[step] = r.n;
  }
  counts.zones.sort();
  for (const [step, h] of histograms) counts.medianMs[step] = bucketMs(medianBucket(h));
  counts.cohorts = [...weeks.values()].sort((a, b) => (a.week < b.week ? -1 : 1));
  return counts;
}

function histogramOf(all: Map<string, Map<number, number>>, step: string): Map<number, number> {
  const h = all.get(step) ?? new Map<number, number>();
  all.set(step, h);
  return h;
}
