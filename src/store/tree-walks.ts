import btree from 'sorted-btree';
import type { PersonFacts } from '../core/people-query.js';
import type { UserKey } from '../core/types.js';

// How the people index walks its trees: the orders, cursors, slices and the first-k picker it pages with.

// A CommonJS module with `exports.default`: Node's loader hands over the exports object, vitest the class.
export const BTree: typeof btree.default =
  (btree as { default?: typeof btree.default }).default ?? (btree as unknown as typeof btree.default);
export type Tree<K, V> = InstanceType<typeof BTree<K, V>>;

/** Candidates looked at between two turns of the event loop while walking a list (a few ms). */
export const SLICE = 4000;

/** User keys in code-unit order (the library's default comparator first asks what type each key is). */
export const byUser = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Reminder times in time order, then user key: `[ms, user]`. */
export const byTimeThenUser = (a: [number, string], b: [number, string]): number =>
  a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);

/** A place in a walk: a user key (user order) or `[activeAt, user]` (idle order); undefined: the start. */
export type Cursor = UserKey | [number, UserKey] | undefined;

/** Everyone after `cursor` (exclusive), longest idle first. */
export function* byIdle(
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
export function testSlice(
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
export const byIdleThenUser: Order = (a, fa, b, fb) => fa.activeAt - fb.activeAt || byUser(a, b);
export const byUserOnly: Order = (a, _fa, b) => byUser(a, b);

/**
 * The first `k` people in an order, offered in any order, and how many were offered: one comparison
 * turns most away once `k` are kept (k is small next to the number offered).
 */
export class FirstInOrder {
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
export function take<T>(source: Iterator<T>, n: number): T[] {
  const out: T[] = [];
  for (let next = source.next(); !next.done && out.length < n; next = source.next()) out.push(next.value);
  return out;
}

/** A tree's entries after `cursor` (exclusive), in key order. */
export function* after<V>(tree: Tree<UserKey, V>, cursor: UserKey | undefined): Generator<[UserKey, V]> {
  for (const entry of tree.entries(cursor)) if (entry[0] !== cursor) yield entry;
}

/** Merges iterators that each yield in key order into one in key order. */
export function* mergeByKey<V>(sources: Iterator<[string, V]>[]): Generator<[string, V]> {
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
