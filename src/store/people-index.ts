import btree from 'sorted-btree';
import type { FlowCounts, PeopleQuery, PersonFacts } from '../core/people-query.js';
import type { UserKey } from '../core/types.js';

// A CommonJS module with `exports.default`: Node's loader hands over the exports object, vitest the class.
const BTree: typeof btree.default =
  (btree as { default?: typeof btree.default }).default ?? (btree as unknown as typeof btree.default);
type Tree<V> = InstanceType<typeof BTree<string, V>>;

const DEFAULT_LIMIT = 50;

interface Tally {
  started: number;
  finished: number;
  now: Map<string, number>;
  reached: Map<string, number>;
}

/**
 * The store's indexes over everyone's facts, kept as records change: counts per flow and step, people
 * per current step (in user-key order, for pages), and reminder times (in time order, for "due now").
 * Every change costs O(log n); nothing here ever looks at every person.
 */
export class PeopleIndex {
  readonly #facts = new Map<UserKey, PersonFacts>();
  readonly #tallies = new Map<string, Tally>();
  /** Everyone, by user key. */
  readonly #all: Tree<PersonFacts> = new BTree();
  /** `<step>\u0000<user>` for people now at a step, so one step's people are one key range. */
  readonly #atStep: Tree<PersonFacts> = new BTree();
  /** `<remindAt>\u0000<user>` for people with a reminder time. */
  readonly #due: Tree<UserKey> = new BTree();

  get size(): number {
    return this.#facts.size;
  }

  /** Takes in one person's new facts (undefined: the record is gone). */
  set(user: UserKey, facts: PersonFacts | undefined): void {
    const before = this.#facts.get(user);
    if (before) this.#remove(user, before);
    if (facts) this.#add(user, facts);
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
    };
  }

  /** User keys matching the query, one page, in user-key order; `next` when there may be more. */
  list(query: PeopleQuery): { users: UserKey[]; next?: UserKey } {
    const limit = Math.max(1, query.limit ?? DEFAULT_LIMIT);
    const users: UserKey[] = [];
    for (const [user, facts] of this.#candidates(query)) {
      if (!matches(facts, query)) continue;
      if (users.length === limit) return { users, next: users[users.length - 1] as UserKey };
      users.push(user);
    }
    return { users };
  }

  /** People whose reminder time has come (at or before `now`), earliest first. */
  due(now: string, limit: number): UserKey[] {
    const users: UserKey[] = [];
    for (const [key, user] of this.#due.entries()) {
      if (users.length >= limit || key.slice(0, key.indexOf('\u0000')) > now) break;
      users.push(user);
    }
    return users;
  }

  /** Candidates in user-key order after the cursor: one step's range per step asked for, else everyone. */
  *#candidates(query: PeopleQuery): Generator<[UserKey, PersonFacts]> {
    const after = query.after;
    if (!query.at) {
      for (const entry of this.#all.entries(after)) if (entry[0] !== after) yield entry;
      return;
    }
    // Several steps: merge their ranges by user key (each is already in order).
    const ranges = [...new Set(query.at)].map((step) => this.#stepRange(step, after));
    yield* mergeByKey(ranges);
  }

  *#stepRange(step: string, after: UserKey | undefined): Generator<[UserKey, PersonFacts]> {
    const prefix = `${step}\u0000`;
    const from = after === undefined ? prefix : `${prefix}${after}`;
    for (const [key, facts] of this.#atStep.entries(from)) {
      if (!key.startsWith(prefix)) return;
      const user = key.slice(prefix.length);
      if (user !== after) yield [user, facts];
    }
  }

  #add(user: UserKey, f: PersonFacts): void {
    this.#facts.set(user, f);
    this.#all.set(user, f);
    if (f.current !== null) this.#atStep.set(`${f.current}\u0000${user}`, f);
    if (f.remindAt !== undefined) this.#due.set(`${f.remindAt}\u0000${user}`, user);
    this.#tally(f, 1);
  }

  #remove(user: UserKey, f: PersonFacts): void {
    this.#facts.delete(user);
    this.#all.delete(user);
    if (f.current !== null) this.#atStep.delete(`${f.current}\u0000${user}`);
    if (f.remindAt !== undefined) this.#due.delete(`${f.remindAt}\u0000${user}`);
    this.#tally(f, -1);
  }

  #tally(f: PersonFacts, by: 1 | -1): void {
    let t = this.#tallies.get(f.flowId);
    if (!t) {
      t = { started: 0, finished: 0, now: new Map(), reached: new Map() };
      this.#tallies.set(f.flowId, t);
    }
    if (f.started) t.started += by;
    if (f.finished) t.finished += by;
    if (f.current !== null) bump(t.now, f.current, by);
    for (const step of f.reached) bump(t.reached, step, by);
  }
}

function bump(counts: Map<string, number>, key: string, by: number): void {
  const n = (counts.get(key) ?? 0) + by;
  if (n === 0) counts.delete(key);
  else counts.set(key, n);
}

function matches(f: PersonFacts, q: PeopleQuery): boolean {
  return (
    (q.flowId === undefined || f.flowId === q.flowId) &&
    (q.started === undefined || f.started === q.started) &&
    (q.finished === undefined || f.finished === q.finished) &&
    (q.muted === undefined || f.muted === q.muted) &&
    (q.platform === undefined || f.platform === q.platform) &&
    (q.activeBefore === undefined || f.activeAt < q.activeBefore)
  );
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
