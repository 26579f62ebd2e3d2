import {
  bucketMs,
  type Cohort,
  type FlowCounts,
  type PartFacts,
  type PersonFacts,
} from '../core/people-query.js';

interface Tally {
  started: number;
  finished: number;
  now: Map<string, number>;
  reached: Map<string, number>;
  /** Per step, how many people took each duration bucket to finish it. */
  took: Map<string, Map<number, number>>;
  zones: Map<string, number>;
  /** By start week: how many started, finished and reached each step. */
  cohorts: Map<string, CohortTally>;
}

interface CohortTally {
  started: number;
  finished: number;
  reached: Map<string, number>;
}

/** Each flow's funnel counts, kept as people's facts come and go: O(steps) per change, no walk to read. */
export class FlowTallies {
  readonly #byFlow = new Map<string, Tally>();

  counts(flowId: string): FlowCounts {
    const t = this.#byFlow.get(flowId);
    return {
      flowId,
      started: t?.started ?? 0,
      finished: t?.finished ?? 0,
      now: Object.fromEntries(t?.now ?? []),
      reached: Object.fromEntries(t?.reached ?? []),
      medianMs: Object.fromEntries(
        [...(t?.took ?? [])].map(([step, h]) => [step, bucketMs(medianBucket(h))]),
      ),
      zones: [...(t?.zones.keys() ?? [])].sort(),
      cohorts: [...(t?.cohorts ?? [])]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([week, c]): Cohort => ({ week, ...c, reached: Object.fromEntries(c.reached) })),
    };
  }

  #of(flowId: string): Tally {
    let t = this.#byFlow.get(flowId);
    if (!t) {
      t = {
        started: 0,
        finished: 0,
        now: new Map(),
        reached: new Map(),
        took: new Map(),
        zones: new Map(),
        cohorts: new Map(),
      };
      this.#byFlow.set(flowId, t);
    }
    return t;
  }

  /** The person in the funnel of the flow they are in (now, zones), and of every flow they have shelved. */
  count(f: PersonFacts, by: 1 | -1): void {
    const t = this.#of(f.flowId);
    if (f.current !== null) bump(t.now, f.current, by);
    bump(t.zones, f.zone, by);
    this.#part(t, f, by);
    for (const part of f.shelved ?? []) this.#part(this.#of(part.flowId), part, by);
  }

  #part(t: Tally, f: PartFacts, by: 1 | -1): void {
    if (f.started) t.started += by;
    if (f.finished) t.finished += by;
    f.reached.forEach((step, i) => {
      bump(t.reached, step, by);
      const bucket = f.took[i] ?? -1;
      if (bucket < 0) return;
      let histogram = t.took.get(step);
      if (!histogram) {
        histogram = new Map();
        t.took.set(step, histogram);
      }
      bump(histogram, bucket, by);
      if (histogram.size === 0) t.took.delete(step);
    });
    if (f.started && f.week !== undefined) tallyCohort(t.cohorts, f.week, f, by);
  }
}

/** The part in its start week's cohort; a week nobody is in any more is dropped. */
function tallyCohort(cohorts: Map<string, CohortTally>, week: string, f: PartFacts, by: 1 | -1): void {
  let c = cohorts.get(week);
  if (!c) {
    c = { started: 0, finished: 0, reached: new Map() };
    cohorts.set(week, c);
  }
  c.started += by;
  if (f.finished) c.finished += by;
  for (const step of f.reached) bump(c.reached, step, by);
  if (c.started === 0) cohorts.delete(week);
}

function bump<K>(counts: Map<K, number>, key: K, by: number): void {
  const n = (counts.get(key) ?? 0) + by;
  if (n === 0) counts.delete(key);
  else counts.set(key, n);
}

/** The lower middle of a histogram of buckets (a few thousand at most). */
export function medianBucket(histogram: Map<number, number>): number {
  const buckets = [...histogram.keys()].sort((a, b) => a - b);
  const total = buckets.reduce((sum, b) => sum + (histogram.get(b) ?? 0), 0);
  let seen = 0;
  for (const b of buckets) {
    seen += histogram.get(b) ?? 0;
    if (seen * 2 >= total) return b;
  }
  return 0;
}
