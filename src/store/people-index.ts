import { setImmediate as nextTurn } from 'node:timers/promises';
import btree from 'sorted-btree';
import {
  bucketMs,
  type Cohort,
  type FlowCounts,
  type PartFacts,
  type PeopleQuery,
  type PersonFacts,
} from '../core/people-query.js';
import type { UserKey } from '../core/types.js';

// A CommonJS module with `exports.default`: Node's loader hands over the exports object, vitest the class.
const BTree: typeof btree.default =
  (btree as { default?: typeof btree.default }).default ?? (btree as unknown as typeof btree.default);
type Tree<K, V> = InstanceType<typeof BTree<K, V>>;

const DEFAULT_LIMIT = 50;

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

/** Candidates looked at between two turns of the event loop while walking a list (a few ms). */
const SLICE = 4000;

/**
 * A page with a total no further down than this (offset plus limit) is picked while the matches are
 * counted; one further down is walked to in the query's order after counting (keeping that many in order
 * while counting would cost more than the walk).
 */
const MAX_PICKED = 1000;

/** User keys in code-unit order (the library's default comparator first asks what type each key is). */
const byUser = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Reminder times in time order, then user key: `[ms, user]`. */
const byTimeThenUser = (a: [number, string], b: [number, string]): number =>
  a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);

/**
 * The store's indexes over everyone's facts, kept as records change: counts per flow and step, people
 * per current step (in user-key order, for pages), reminder times (in time order, for "due now") and
 * last activity (for "longest idle first"). Every change costs O(log n); only a list with a filter the
 * trees cannot narrow (stuck, platform, a total) walks its candidates, in slices that let other work in. At 100,000 people the facts
 * share their strings and step lists (a few distinct values each), so the index stays small.
 */
export class PeopleIndex {
  readonly #tallies = new Map<string, Tally>();
  readonly #facts = new Map<UserKey, PersonFacts>();
  /** Everyone, by user key. */
  readonly #all: Tree<UserKey, PersonFacts> = new BTree(undefined, byUser);
  /** People now at each step, by user key. */
  readonly #atStep = new Map<string, Tree<UserKey, PersonFacts>>();
  /** People with a reminder time. */
  readonly #due: Tree<[number, UserKey], true> = new BTree(undefined, byTimeThenUser);
  /** People with an open "talk to a person", by user key. */
  readonly #help: Tree<UserKey, PersonFacts> = new BTree(undefined, byUser);
  /** Everyone by their own last activity, longest idle first. */
  readonly #idle: Tree<[number, UserKey], PersonFacts> = new BTree(undefined, byTimeThenUser);
  readonly #strings = new Map<string, string>();
  readonly #lists = new Map<string, readonly string[]>();

  get size(): number {
    return this.#facts.size;
  }

  /** Takes in one person's new facts (undefined: the record is gone). */
  set(user: UserKey, facts: PersonFacts | undefined): void {
    const before = this.#facts.get(user);
    if (!facts) {
      if (before) this.#remove(user, before);
    } else if (before) this.#replace(user, before, this.#shared(facts));
    else this.#add(user, this.#shared(facts));
  }

  facts(user: UserKey): PersonFacts | undefined {
    return this.#facts.get(user);
  }

  counts(flowId: string): FlowCounts {
    const t = this.#tallies.get(flowId);
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

  /**
   * User keys matching the query, one page, in the query's order; `next` when there may be more (user
   * order), `total` when asked. Walks the candidates in slices, letting other work in between: a page
   * alone in the query's order until it is full; with a total, the narrowest candidates in any order,
   * counting the matches and keeping the first ones.
   */
  async list(query: PeopleQuery): Promise<{ users: UserKey[]; next?: UserKey; total?: number }> {
    const limit = Math.max(1, query.limit ?? DEFAULT_LIMIT);
    const skip = Math.max(0, query.offset ?? 0);
    if (query.total === true) {
      const pick = skip + limit <= MAX_PICKED ? skip + limit : 0;
      const { first, total } = await this.#countAndPick(query, pick);
      const users = pick > 0 ? first.slice(skip) : await this.#page(query, skip, limit, total);
      return { users, total };
    }
    return this.#page(query, skip, limit);
  }

  /**
   * One page by walking the candidates in the query's order, a slice at a time, each from a fresh walk
   * after the last key (the trees may change in between); with `total` known, it ends once all are found.
   */
  async #page(query: PeopleQuery, skip: number, limit: number): Promise<{ users: UserKey[]; next?: UserKey }>;
  async #page(query: PeopleQuery, skip: number, limit: number, total: number): Promise<UserKey[]>;
  async #page(query: PeopleQuery, skip: number, limit: number, total?: number) {
    const test = matcher(query, query.order === 'idle');
    const users: UserKey[] = [];
    let matched = 0;
    let cursor: Cursor = query.order === 'idle' ? undefined : query.after;
    for (;;) {
      const slice = take(this.#candidates(query, cursor), SLICE);
      for (const [user, facts] of slice) {
        if (!test(facts)) continue;
        matched += 1;
        if (matched <= skip) continue;
        if (users.length < limit) users.push(user);
        else return total === undefined ? { users, next: users[users.length - 1] as UserKey } : users;
      }
      if (slice.length < SLICE || (total !== undefined && matched >= total)) break;
      cursor = this.#key(query, slice[slice.length - 1] as [UserKey, PersonFacts]);
      await nextTurn();
    }
    return total === undefined ? { users } : users;
  }

  /**
   * How many the query matches (with `after`: after it) and the first `pick` of them in its order, from
   * one walk over the narrowest candidates (people asking for a person, the steps asked for, else
   * everyone) in any order, a slice at a time with other work in between.
   */
  async #countAndPick(query: PeopleQuery, pick: number): Promise<{ first: UserKey[]; total: number }> {
    const help = query.needsHelp === true;
    const trees = help
      ? [this.#help]
      : query.at
        ? [...new Set(query.at)].flatMap((step) => this.#atStep.get(step) ?? [])
        : [this.#all];
    // People at the steps asked for are already at one of them; anyone else must be tested for it.
    const test = matcher(query, help);
    const first = new FirstInOrder(pick, query.order === 'idle' ? byIdleThenUser : byUserOnly);
    for (const tree of trees) {
      let from = query.order === 'idle' ? undefined : query.after;
      for (;;) {
        from = testSlice(tree, from, test, first);
        if (from === undefined) break;
        await nextTurn();
      }
    }
    return { first: first.users, total: first.offered };
  }

  /** People whose reminder time has come (at or before `now`), earliest first. */
  due(now: string, limit: number): UserKey[] {
    const until = Date.parse(now);
    const users: UserKey[] = [];
    for (const [[at, user]] of this.#due.entries()) {
      if (users.length >= limit || at > until) break;
      users.push(user);
    }
    return users;
  }

  /** Candidates in user-key order after the cursor: the steps asked for, merged, else everyone. */
  #candidates(query: PeopleQuery, cursor: Cursor): Iterator<[UserKey, PersonFacts]> {
    if (query.order === 'idle') return byIdle(this.#idle, cursor as [number, UserKey] | undefined);
    const trees = query.at
      ? [...new Set(query.at)].flatMap((step) => this.#atStep.get(step) ?? [])
      : [this.#all];
    return mergeByKey(trees.map((tree) => after(tree, cursor as UserKey | undefined)));
  }

  /** Where a walk in the query's order resumes after this entry. */
  #key(query: PeopleQuery, [user, facts]: [UserKey, PersonFacts]): Cursor {
    return query.order === 'idle' ? [facts.activeAt, user] : user;
  }

  #add(user: UserKey, f: PersonFacts): void {
    this.#facts.set(user, f);
    this.#tally(f, 1);
    this.#all.set(user, f);
    if (f.current !== null) this.#stepTree(f.current).set(user, f);
    if (f.remindAt !== undefined) this.#due.set([f.remindAt, user], true);
    if (f.helpAt !== undefined) this.#help.set(user, f);
    this.#idle.set([f.activeAt, user], f);
  }

  #remove(user: UserKey, f: PersonFacts): void {
    this.#facts.delete(user);
    this.#tally(f, -1);
    this.#all.delete(user);
    if (f.current !== null) this.#atStep.get(f.current)?.delete(user);
    if (f.remindAt !== undefined) this.#due.delete([f.remindAt, user]);
    this.#help.delete(user);
    this.#idle.delete([f.activeAt, user]);
  }

  /** A person's facts changed: each tree is only touched where its key moved (most changes move none). */
  #replace(user: UserKey, b: PersonFacts, f: PersonFacts): void {
    this.#facts.set(user, f);
    this.#tally(b, -1);
    this.#tally(f, 1);
    this.#all.set(user, f);
    if (b.current !== f.current && b.current !== null) this.#atStep.get(b.current)?.delete(user);
    if (f.current !== null) this.#stepTree(f.current).set(user, f);
    if (b.remindAt !== f.remindAt) {
      if (b.remindAt !== undefined) this.#due.delete([b.remindAt, user]);
      if (f.remindAt !== undefined) this.#due.set([f.remindAt, user], true);
    }
    if (f.helpAt !== undefined) this.#help.set(user, f);
    else if (b.helpAt !== undefined) this.#help.delete(user);
    if (b.activeAt !== f.activeAt) this.#idle.delete([b.activeAt, user]);
    this.#idle.set([f.activeAt, user], f);
  }

  #stepTree(step: string): Tree<UserKey, PersonFacts> {
    let tree = this.#atStep.get(step);
    if (!tree) {
      tree = new BTree(undefined, byUser);
      this.#atStep.set(step, tree);
    }
    return tree;
  }

  /** The same facts, with strings and step lists shared with everyone else's. */
  #shared(f: PersonFacts): PersonFacts {
    return {
      ...f,
      flowId: this.#string(f.flowId),
      platform: this.#string(f.platform),
      current: f.current === null ? null : this.#string(f.current),
      zone: this.#string(f.zone),
      reached: this.#list(f.reached),
      ...(f.week === undefined ? {} : { week: this.#string(f.week) }),
      ...(f.shelved
        ? {
            shelved: f.shelved.map((part) => ({
              ...part,
              flowId: this.#string(part.flowId),
              reached: this.#list(part.reached),
              ...(part.week === undefined ? {} : { week: this.#string(part.week) }),
            })),
          }
        : {}),
    };
  }

  #list(steps: readonly string[]): readonly string[] {
    const key = steps.join('\u0000');
    let shared = this.#lists.get(key);
    if (!shared) {
      shared = Object.freeze(steps.map((step) => this.#string(step)));
      this.#lists.set(key, shared);
    }
    return shared;
  }

  #string(value: string): string {
    const known = this.#strings.get(value);
    if (known !== undefined) return known;
    this.#strings.set(value, value);
    return value;
  }

  #tallyOf(flowId: string): Tally {
    let t = this.#tallies.get(flowId);
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
      this.#tallies.set(flowId, t);
    }
    return t;
  }

  /** The person in the funnel of the flow they are in (now, zones), and of every flow they have shelved. */
  #tally(f: PersonFacts, by: 1 | -1): void {
    const t = this.#tallyOf(f.flowId);
    if (f.current !== null) bump(t.now, f.current, by);
    bump(t.zones, f.zone, by);
    this.#tallyPart(t, f, by);
    for (const part of f.shelved ?? []) this.#tallyPart(this.#tallyOf(part.flowId), part, by);
  }

  #tallyPart(t: Tally, f: PartFacts, by: 1 | -1): void {
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
function medianBucket(histogram: Map<number, number>): number {
  const buckets = [...histogram.keys()].sort((a, b) => a - b);
  const total = buckets.reduce((sum, b) => sum + (histogram.get(b) ?? 0), 0);
  let seen = 0;
  for (const b of buckets) {
    seen += histogram.get(b) ?? 0;
    if (seen * 2 >= total) return b;
  }
  return 0;
}

/** The query as one test of a person's facts; `testAt`: the candidates are not only people at `at`. */
function matcher(q: PeopleQuery, testAt: boolean): (f: PersonFacts) => boolean {
  const activeBefore = q.activeBefore === undefined ? undefined : Date.parse(q.activeBefore);
  const at = testAt && q.at ? new Set(q.at) : undefined;
  // Where someone is now, and whether they are stuck there, is about the flow they are in.
  const now = q.at !== undefined || q.stuck !== undefined;
  return (f) =>
    matches(f, q, activeBefore) &&
    (!now || q.flowId === undefined || f.flowId === q.flowId) &&
    (at === undefined || (f.current !== null && at.has(f.current))) &&
    (q.stuck === undefined || isStuck(f, q.stuck));
}

/** Stuck by the core's bounds: past the review window on a review step, else idle long enough. */
function isStuck(f: PersonFacts, bounds: NonNullable<PeopleQuery['stuck']>): boolean {
  if (f.current === null || f.finished) return false;
  const review = bounds.enteredBefore[f.current];
  if (review) {
    const before = review[f.zone];
    return f.enteredAt !== undefined && before !== undefined && f.enteredAt < before;
  }
  const before = bounds.idleBefore[f.zone];
  return before !== undefined && f.activeAt < before;
}

/**
 * The facts of the person's part in the query's flow: the flow they are in, or one they shelved (they
 * are at no step of that one now); undefined when they have never been in it.
 */
function partIn(f: PersonFacts, flowId: string | undefined): PartFacts | undefined {
  if (flowId === undefined || f.flowId === flowId) return f;
  return f.shelved?.find((part) => part.flowId === flowId);
}

function matches(f: PersonFacts, q: PeopleQuery, activeBefore: number | undefined): boolean {
  const part = partIn(f, q.flowId);
  return (
    part !== undefined &&
    (q.started === undefined || part.started === q.started) &&
    (q.finished === undefined || part.finished === q.finished) &&
    (q.muted === undefined || f.muted === q.muted) &&
    (q.platform === undefined || f.platform === q.platform) &&
    (q.needsHelp === undefined || (f.helpAt !== undefined) === q.needsHelp) &&
    (activeBefore === undefined || f.activeAt < activeBefore)
  );
}

/** A place in a walk: a user key (user order) or `[activeAt, user]` (idle order); undefined: the start. */
type Cursor = UserKey | [number, UserKey] | undefined;

/** Everyone after `cursor` (exclusive), longest idle first. */
function* byIdle(
  tree: Tree<[number, UserKey], PersonFacts>,
  cursor: [number, UserKey] | undefined,
): Generator<[UserKey, PersonFacts]> {
  for (const [key, facts] of tree.entries(cursor)) {
    if (cursor && byTimeThenUser(key, cursor) === 0) continue;
    yield [key[1], facts];
  }
}

/**
 * Up to `SLICE` of a tree's people after `from` (exclusive), those who pass `test` offered to `first`;
 * the last one looked at when there may be more, else undefined.
 */
function testSlice(
  tree: Tree<UserKey, PersonFacts>,
  from: UserKey | undefined,
  test: (f: PersonFacts) => boolean,
  first: FirstInOrder,
): UserKey | undefined {
  const entries = tree.entries(from, []);
  let seen = 0;
  for (let next = entries.next(); !next.done; next = entries.next()) {
    const [user, f] = next.value;
    if (user !== from && test(f)) first.offer(user, f);
    if (++seen === SLICE) return user;
  }
  return undefined;
}

type Order = (user: UserKey, f: PersonFacts, otherUser: UserKey, other: PersonFacts) => number;

/** Longest idle first, then by user key: the idle tree's order. */
const byIdleThenUser: Order = (a, fa, b, fb) => fa.activeAt - fb.activeAt || byUser(a, b);
const byUserOnly: Order = (a, _fa, b) => byUser(a, b);

/**
 * The first `k` people in an order, offered in any order, and how many were offered: one comparison
 * turns most away once `k` are kept (k is small next to the number offered).
 */
class FirstInOrder {
  readonly users: UserKey[] = [];
  readonly #facts: PersonFacts[] = [];
  offered = 0;

  constructor(
    readonly k: number,
    readonly order: Order,
  ) {}

  offer(user: UserKey, f: PersonFacts): void {
    this.offered += 1;
    const n = this.users.length;
    if (this.k === 0) return;
    if (
      n === this.k &&
      this.order(user, f, this.users[n - 1] as UserKey, this.#facts[n - 1] as PersonFacts) >= 0
    )
      return;
    let low = 0;
    let high = n;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.order(this.users[mid] as UserKey, this.#facts[mid] as PersonFacts, user, f) <= 0)
        low = mid + 1;
      else high = mid;
    }
    this.users.splice(low, 0, user);
    this.#facts.splice(low, 0, f);
    if (n + 1 > this.k) {
      this.users.pop();
      this.#facts.pop();
    }
  }
}

/** Up to `n` entries of an iterator. */
function take<T>(source: Iterator<T>, n: number): T[] {
  const out: T[] = [];
  for (let next = source.next(); !next.done && out.length < n; next = source.next()) out.push(next.value);
  return out;
}

/** A tree's entries after `cursor` (exclusive), in key order. */
function* after<V>(tree: Tree<UserKey, V>, cursor: UserKey | undefined): Generator<[UserKey, V]> {
  for (const entry of tree.entries(cursor)) if (entry[0] !== cursor) yield entry;
}

/** Merges iterators that each yield in key order into one in key order. */
function* mergeByKey<V>(sources: Iterator<[string, V]>[]): Generator<[string, V]> {
  const heads = sources.map((s) => s.next());
  for (;;) {
    let best = -1;
    for (let i = 0; i < heads.length; i++) {
      const h = heads[i] as IteratorResult<[string, V]>;
      if (!h.done && (best < 0 || h.value[0] < (heads[best] as IteratorYieldResult<[string, V]>).value[0]))
        best = i;
    }
    if (best < 0) return;
    yield (heads[best] as IteratorYieldResult<[string, V]>).value;
    heads[best] = (sources[best] as Iterator<[string, V]>).next();
  }
}
