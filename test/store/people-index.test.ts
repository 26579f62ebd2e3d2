import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type PeopleQuery, type PersonFacts, personFacts } from '../../src/core/people-query.js';
import type { UserKey } from '../../src/core/types.js';
import { PeopleIndex } from '../../src/store/people-index.js';
import { at, changeArb, recount, STEPS } from '../helpers/progress-arb.js';

const queryArb: fc.Arbitrary<PeopleQuery> = fc.record(
  {
    flowId: fc.constantFrom('reseller', 'contract'),
    at: fc.subarray(STEPS, { minLength: 1 }),
    started: fc.boolean(),
    finished: fc.boolean(),
    muted: fc.boolean(),
    platform: fc.constantFrom('slack', 'discord', 'console'),
    activeBefore: fc.integer({ min: 0, max: 21 }).map(at),
    limit: fc.integer({ min: 1, max: 4 }),
  },
  { requiredKeys: [] },
);

function slowList(records: Map<string, PersonFacts>, q: PeopleQuery): string[] {
  return [...records.entries()]
    .filter(
      ([, f]) =>
        (q.at === undefined || (f.current !== null && q.at.includes(f.current))) &&
        (q.flowId === undefined || f.flowId === q.flowId) &&
        (q.started === undefined || f.started === q.started) &&
        (q.finished === undefined || f.finished === q.finished) &&
        (q.muted === undefined || f.muted === q.muted) &&
        (q.platform === undefined || f.platform === q.platform) &&
        (q.activeBefore === undefined || f.activeAt < Date.parse(q.activeBefore)),
    )
    .map(([user]) => user)
    .sort();
}

/** Every page of a query, followed by its cursors. */
function allPages(index: PeopleIndex, q: PeopleQuery): string[] {
  const seen: string[] = [];
  let after: UserKey | undefined;
  for (let pages = 0; pages < 100; pages++) {
    const page = index.list({ ...q, ...(after ? { after } : {}) });
    expect(page.users.length).toBeLessThanOrEqual(q.limit ?? 50);
    seen.push(...page.users);
    if (!page.next) return seen;
    after = page.next;
  }
  throw new Error('the pages never ended');
}

describe('the people index', () => {
  it('counts, pages and due lists equal a full recount after any sequence of changes', () => {
    fc.assert(
      fc.property(
        fc.array(changeArb, { maxLength: 40 }),
        queryArb,
        fc.integer({ min: 0, max: 21 }),
        (changes, q, day) => {
          // Half the runs load first (as a store reading its files) and order the index half-way.
          const loading = changes.length % 2 === 1;
          const index = new PeopleIndex({ loading });
          const records = new Map<string, PersonFacts>();
          for (const [i, { user, p }] of changes.entries()) {
            if (loading && i === Math.floor(changes.length / 2)) index.ordered();
            index.set(user, p && personFacts(p));
            if (p) records.set(user, personFacts(p));
            else records.delete(user);
          }
          for (const flowId of ['reseller', 'contract'])
            expect(index.counts(flowId)).toEqual(recount(records.values(), flowId));
          expect(allPages(index, q)).toEqual(slowList(records, q));
          const due = [...records.entries()]
            .filter(([, f]) => f.remindAt !== undefined && f.remindAt <= Date.parse(at(day)))
            .sort(([a, fa], [b, fb]) => (fa.remindAt as number) - (fb.remindAt as number) || (a < b ? -1 : 1))
            .map(([user]) => user);
          expect(index.due(at(day), 100)).toEqual(due);
          expect(index.size).toBe(records.size);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a page is stable: people added before the cursor do not shift the next page', () => {
    const index = new PeopleIndex();
    const facts = (current: string): PersonFacts => ({
      flowId: 'reseller',
      platform: 'slack',
      current,
      reached: [current],
      started: true,
      finished: false,
      muted: false,
      activeAt: Date.parse(at(0)),
    });
    for (const u of ['slack:T:b', 'slack:T:d', 'slack:T:f']) index.set(u, facts('verify'));
    const first = index.list({ at: ['verify'], limit: 2 });
    expect(first).toEqual({ users: ['slack:T:b', 'slack:T:d'], next: 'slack:T:d' });
    index.set('slack:T:a', facts('verify'));
    expect(index.list({ at: ['verify'], limit: 2, after: first.next as string })).toEqual({
      users: ['slack:T:f'],
    });
  });
});
