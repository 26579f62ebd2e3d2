import { setImmediate as nextTurn } from 'node:timers/promises';
import type { FlowCounts, PeopleQuery, PersonFacts } from '../core/people-query.js';
import type { UserKey } from '../core/types.js';
import { FlowTallies } from './flow-tallies.js';
import { matcher } from './people-match.js';
import {
  after,
  BTree,
  byIdle,
  byIdleThenUser,
  byTimeThenUser,
  byUser,
  byUserOnly,
  type Cursor,
  FirstInOrder,
  mergeByKey,
  SLICE,
  type Tree,
  take,
  testSlice,
} from './tree-walks.js';

const DEFAULT_LIMIT = 50;

/**
 * A page with a total no further down than this (offset plus limit) is picked while the matches are
 * counted; one further down is walked to in the query's order after counting (keeping that many in order
 * while counting would cost more than the walk).
 */
const MAX_PICKED = 1000;

/**
 * The store's indexes over everyone's facts, kept as records change: counts per flow and step, people
 * per current step (in user-key order, for pages), reminder times (in time order, for "due now") and
 * last activity (for "longest idle first"). Every change costs O(log n); only a list with a filter the
 * trees cannot narrow (stuck, platform, a total) walks its candidates, in slices that let other work in. At 100,000 people the facts
 * share their strings and step lists (a few distinct values each), so the index stays small.
 */
export class PeopleIndex {
  readonly #tallies = new FlowTallies();
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

  counts(flowId: string): FlowCounts {
    return this.#tallies.counts(flowId);
  }

  facts(user: UserKey): PersonFacts | undefined {
    return this.#facts.get(user);
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
    this.#tallies.count(f, 1);
    this.#all.set(user, f);
    if (f.current !== null) this.#stepTree(f.current).set(user, f);
    if (f.remindAt !== undefined) this.#due.set([f.remindAt, user], true);
    if (f.helpAt !== undefined) this.#help.set(user, f);
    this.#idle.set([f.activeAt, user], f);
  }

  #remove(user: UserKey, f: PersonFacts): void {
    this.#facts.delete(user);
    this.#tallies.count(f, -1);
    this.#all.delete(user);
    if (f.current !== null) this.#atStep.get(f.current)?.delete(user);
    if (f.remindAt !== undefined) this.#due.delete([f.remindAt, user]);
    this.#help.delete(user);
    this.#idle.delete([f.activeAt, user]);
  }

  /** A person's facts changed: each tree is only touched where its key moved (most changes move none). */
  #replace(user: UserKey, b: PersonFacts, f: PersonFacts): void {
    this.#facts.set(user, f);
    this.#tallies.count(b, -1);
    this.#tallies.count(f, 1);
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
}
