import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type PeopleQuery, type PersonFacts, personFacts } from '../../src/core/people-query.js';
import type { UserKey } from '../../src/core/types.js';
import { PeopleIndex } from '../../src/store/people-index.js';
import { at, changeArb, partIn, recount, STEPS } from '../helpers/progress-arb.js';

const ZONE_ARB = fc.constantFrom('', 'Asia/Shanghai', 'America/Los_Angeles');

const queryArb: fc.Arbitrary<PeopleQuery> = fc.record(
  {
    flowId: fc.constantFrom('reseller', 'contract'),
    at: fc.subarray(STEPS, { minLength: 1 }),
    started: fc.boolean(),
    finished: fc.boolean(),
    muted: fc.boolean(),
    platform: fc.constantFrom('slack', 'discord', 'console'),
    needsHelp: fc.boolean(),
    activeBefore: fc.integer({ min: 0, max: 21 }).map(at),
    stuck: fc.record({
      idleBefore: fc.dictionary(
        ZONE_ARB,
        fc.integer({ min: 0, max: 21 }).map((d) => Date.parse(at(d))),
      ),
      enteredBefore: fc.dictionary(
        fc.constantFrom(...STEPS),
        fc.dictionary(
          ZONE_ARB,
          fc.integer({ min: -1, max: 1 }).map((d) => Date.parse(at(d))),
        ),
      ),
    }),
    order: fc.constantFrom('user' as const, 'idle' as const),
    limit: fc.integer({ min: 1, max: 4 }),
  },
  { requiredKeys: [] },
);

/** A query's matches the slow way: a flow's started/finished from the part in it, shelved or not. */
function slowList(records: Map<string, PersonFacts>, q: PeopleQuery): string[] {
  const part = (f: PersonFacts) => (q.flowId === undefined ? f : partIn(f, q.flowId));
  const inFlowNow = (f: PersonFacts) => q.flowId === undefined || f.flowId === q.flowId;
  return [...records.entries()]
    .filter(
      ([, f]) =>
        (q.at === undefined || (inFlowNow(f) && f.current !== null && q.at.includes(f.current))) &&
        part(f) !== undefined &&
        (q.started === undefined || part(f)?.started === q.started) &&
        (q.finished === undefined || part(f)?.finished === q.finished) &&
        (q.muted === undefined || f.muted === q.muted) &&
        (q.platform === undefined || f.platform === q.platform) &&
        (q.needsHelp === undefined || (f.helpAt !== undefined) === q.needsHelp) &&
        (q.activeBefore === undefined || f.activeAt < Date.parse(q.activeBefore)) &&
        (q.stuck === undefined || (inFlowNow(f) && stuckSlowly(f, q.stuck))),
    )
    .sort(([a, fa], [b, fb]) => (q.order === 'idle' ? fa.activeAt - fb.activeAt : 0) || (a < b ? -1 : 1))
    .map(([user]) => user);
}

function stuckSlowly(f: PersonFacts, stuck: NonNullable<PeopleQuery['stuck']>): boolean {
  if (f.current === null || f.finished) return false;
  if (f.current in stuck.enteredBefore) {
    const bound = stuck.enteredBefore[f.current]?.[f.zone];
    return bound !== undefined && f.enteredAt !== undefined && f.enteredAt < bound;
  }
  const bound = stuck.idleBefore[f.zone];
  return bound !== undefined && f.activeAt < bound;
}

/** Every page of a query, followed by its cursors; the first page's total counts them all. */
async function allPages(index: PeopleIndex, q: PeopleQuery): Promise<string[]> {
  const seen: string[] = [];
  let after: UserKey | undefined;
  let total: number | undefined;
  for (let pages = 0; pages < 100; pages++) {
    // Idle order pages by offset (a page number), user order by cursor (a total then counts from it).
    const where = q.order === 'idle' ? { offset: seen.length } : after ? { after } : {};
    const page = await index.list({ ...q, ...where, total: true });
    expect(page.users.length).toBeLessThanOrEqual(q.limit ?? 50);
    total ??= page.total;
    if (q.order === 'idle') expect(page.total).toBe(total);
    seen.push(...page.users);
    if (page.users.length < (q.limit ?? 50) || seen.length === total) {
      expect(total).toBe(seen.length);
      return seen;
    }
    after = page.users.at(-1);
  }
  throw new Error('the pages never ended');
}

describe('the people index', () => {
  it('counts, pages and due lists equal a full recount after any sequence of changes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(changeArb, { maxLength: 40 }),
        queryArb,
        fc.integer({ min: 0, max: 21 }),
        async (changes, q, day) => {
          const index = new PeopleIndex();
          const records = new Map<string, PersonFacts>();
          for (const { user, p } of changes) {
            index.set(user, p && personFacts(p));
            if (p) records.set(user, personFacts(p));
            else records.delete(user);
          }
          for (const flowId of ['reseller', 'contract'])
            expect(index.counts(flowId)).toEqual(recount(records.values(), flowId));
          expect(await allPages(index, q)).toEqual(slowList(records, q));
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

  it('a page is stable: people added before the cursor do not shift the next page', async () => {
    const index = new PeopleIndex();
    const facts = (current: string): PersonFacts => ({
      flowId: 'reseller',
      platform: 'slack',
      current,
      reached: [current],
      started: true,
      finished: false,
      muted: false,
      zone: '',
      took: [-1],
      activeAt: Date.parse(at(0)),
    });
    for (const u of ['slack:T:b', 'slack:T:d', 'slack:T:f']) index.set(u, facts('verify'));
    const first = await index.list({ at: ['verify'], limit: 2 });
    expect(first).toEqual({ users: ['slack:T:b', 'slack:T:d'], next: 'slack:T:d' });
    index.set('slack:T:a', facts('verify'));
    expect(await index.list({ at: ['verify'], limit: 2, after: first.next as string })).toEqual({
      users: ['slack:T:f'],
    });
  });

  it('walks many people in slices: others get a turn, and a page far down in idle order is right', async () => {
    const index = new PeopleIndex();
    const n = 9_000;
    for (let i = 0; i < n; i++) {
      const p = {
        flowId: 'reseller',
        platform: 'slack',
        current: 'verify',
        reached: ['verify'],
        started: true,
        finished: false,
        muted: false,
        zone: '',
        took: [-1],
        // Later users were idle longer: idle order is the reverse of user order.
        activeAt: Date.parse(at(0)) - i * 1000,
      };
      index.set(`slack:T:${String(i).padStart(5, '0')}`, p);
    }
    let turns = 0;
    setImmediate(() => turns++);
    const page = await index.list({ order: 'idle', offset: 8_990, limit: 5, total: true });
    expect(page.total).toBe(n);
    expect(page.users).toEqual([
      'slack:T:00009',
      'slack:T:00008',
      'slack:T:00007',
      'slack:T:00006',
      'slack:T:00005',
    ]);
    expect(turns).toBeGreaterThan(0);
  });
});
