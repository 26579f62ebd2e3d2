import btree from 'sorted-btree';
import { bulkLoad } from 'sorted-btree/extended/bulkLoad.js';
import type { FlowCounts, PeopleQuery, PersonFacts } from '../core/people-query.js';
import type { UserKey } from '../core/types.js';

// A CommonJS module with `exports.default`: Node's loader hands over the exports object, vitest the class.
const BTree: typeof btree.default =
  (btree as { default?: typeof btree.default }).default ?? (btree as unknown as typeof btree.default);
type Tree<K, V> = InstanceType<typeof BTree<K, V>>;

const DEFAULT_LIMIT = 50;
const NODE_SIZE = 64;
const byKey = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

interface Tally {
  started: number;
  finished: number;
  now: Map<string, number>;
  reached: Map<string, number>;
}

/** Reminder times in time order, then user key: `[ms, user]`. */
const byTimeThenUser = (a: [number, string], b: [number, string]): number =>
  a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);

/**
 * The store's indexes over everyone's facts, kept as records change: counts per flow and step, people
 * per current step (in user-key order, for pages), and reminder times (in time order, for "due now").
 * Every change costs O(log n); nothing here ever looks at every person. At 100,000 people the facts
 * share their strings and step lists (a few distinct values each), so the index stays small.
 */
export class PeopleIndex {
  readonly #tallies = new Map<string, Tally>();
  readonly #facts = new Map<UserKey, PersonFacts>();
  /** Everyone, by user key. */
  #all: Tree<UserKey, PersonFacts> = new BTree();
  /** People now at each step, by user key. */
  #atStep = new Map<string, Tree<UserKey, PersonFacts>>();
  /** People with a reminder time. */
  #due: Tree<[number, UserKey], true> = new BTree(undefined, byTimeThenUser);
  readonly #strings = new Map<string, string>();
  readonly #lists = new Map<string, readonly string[]>();
  /**
   * While a store loads its files (every record once, many again from the journal), only the facts and
   * counts are kept; the ordered trees are built once at the end from sorted keys (`ordered()`), which
   * costs a fraction of inserting one by one.
   */
  #ordered: boolean;

  constructor(options: { loading?: boolean } = {}) {
    this.#ordered = options.loading !== true;
  }

  get size(): number {
    return this.#facts.size;
  }

  /** Takes in one person's new facts (undefined: the record is gone). */
  set(user: UserKey, facts: PersonFacts | undefined): void {
    const before = this.#facts.get(user);
    if (before) this.#remove(user, before);
    if (facts) this.#add(user, this.#shared(facts));
  }

  facts(user: UserKey): PersonFacts | undefined {
    return this.#facts.get(user);
  }

  /** Ends loading: builds the ordered trees from everyone's facts, in bulk. */
  ordered(): this {
    if (this.#ordered) return this;
    const users = [...this.#facts.keys()].sort(byKey);
    const facts = users.map((user) => this.#facts.get(user) as PersonFacts);
    this.#all = bulkLoad(users, facts, NODE_SIZE, byKey);
    const perStep = new Map<string, [UserKey[], PersonFacts[]]>();
    const due: [number, UserKey][] = [];
    users.forEach((user, i) => {
      const f = facts[i] as PersonFacts;
      if (f.current !== null) {
        const lists = perStep.get(f.current) ?? [[], []];
        lists[0].push(user);
        lists[1].push(f);
        perStep.set(f.current, lists);
      }
      if (f.remindAt !== undefined) due.push([f.remindAt, user]);
    });
    this.#atStep = new Map([...perStep].map(([step, [u, f]]) => [step, bulkLoad(u, f, NODE_SIZE, byKey)]));
    due.sort(byTimeThenUser);
    this.#due = bulkLoad(
      due,
      due.map(() => true as const),
      NODE_SIZE,
      byTimeThenUser,
    );
    this.#ordered = true;
    return this;
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
    this.ordered();
    const limit = Math.max(1, query.limit ?? DEFAULT_LIMIT);
    const activeBefore = query.activeBefore === undefined ? undefined : Date.parse(query.activeBefore);
    const users: UserKey[] = [];
    for (const [user, facts] of this.#candidates(query)) {
      if (!matches(facts, query, activeBefore)) continue;
      if (users.length === limit) return { users, next: users[users.length - 1] as UserKey };
      users.push(user);
    }
    return { users };
  }

  /** People whose reminder time has come (at or before `now`), earliest first. */
  due(now: string, limit: number): UserKey[] {
    this.ordered();
    const until = Date.parse(now);
    const users: UserKey[] = [];
    for (const [[at, user]] of this.#due.entries()) {
      if (users.length >= limit || at > until) break;
      users.push(user);
    }
    return users;
  }

  /** Candidates in user-key order after the cursor: the steps asked for, merged, else everyone. */
  #candidates(query: PeopleQuery): Generator<[UserKey, PersonFacts]> {
    const trees = query.at
      ? [...new Set(query.at)].flatMap((step) => this.#atStep.get(step) ?? [])
      : [this.#all];
    return mergeByKey(trees.map((tree) => after(tree, query.after)));
  }

  #add(user: UserKey, f: PersonFacts): void {
    this.#facts.set(user, f);
    this.#tally(f, 1);
    if (!this.#ordered) return;
    this.#all.set(user, f);
    if (f.current !== null) this.#stepTree(f.current).set(user, f);
    if (f.remindAt !== undefined) this.#due.set([f.remindAt, user], true);
  }

  #remove(user: UserKey, f: PersonFacts): void {
    this.#facts.delete(user);
    this.#tally(f, -1);
    if (!this.#ordered) return;
    this.#all.delete(user);
    if (f.current !== null) this.#atStep.get(f.current)?.delete(user);
    if (f.remindAt !== undefined) this.#due.delete([f.remindAt, user]);
  }

  #stepTree(step: string): Tree<UserKey, PersonFacts> {
    let tree = this.#atStep.get(step);
    if (!tree) {
      tree = new BTree();
      this.#atStep.set(step, tree);
    }
    return tree;
  }

  /** The same facts, with strings and step lists shared with everyone else's. */
  #shared(f: PersonFacts): PersonFacts {
    const listKey = f.reached.join('\u0000');
    let reached = this.#lists.get(listKey);
    if (!reached) {
      reached = Object.freeze(f.reached.map((step) => this.#string(step)));
      this.#lists.set(listKey, reached);
    }
    return {
      ...f,
      flowId: this.#string(f.flowId),
      platform: this.#string(f.platform),
      current: f.current === null ? null : this.#string(f.current),
      reached,
    };
  }

  #string(value: string): string {
    const known = this.#strings.get(value);
    if (known !== undefined) return known;
    this.#strings.set(value, value);
    return value;
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

function matches(f: PersonFacts, q: PeopleQuery, activeBefore: number | undefined): boolean {
  return (
    (q.flowId === undefined || f.flowId === q.flowId) &&
    (q.started === undefined || f.started === q.started) &&
    (q.finished === undefined || f.finished === q.finished) &&
    (q.muted === undefined || f.muted === q.muted) &&
    (q.platform === undefined || f.platform === q.platform) &&
    (activeBefore === undefined || f.activeAt < activeBefore)
  );
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
