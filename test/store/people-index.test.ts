import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type PeopleQuery, type PersonFacts, personFacts } from '../../src/core/people-query.js';
import type { Progress, UserKey } from '../../src/core/types.js';
import { PeopleIndex } from '../../src/store/people-index.js';

const STEPS = ['register', 'verify', 'review', 'sign'];
const USERS = [
  'slack:T1:U1',
  'slack:T1:U2',
  'discord:dm:7',
  'discord:dm:8',
  'console:local:me',
  'console:local:ann',
];
const DAY = 86_400_000;
const at = (day: number) => new Date(Date.UTC(2026, 10, 1) + day * DAY).toISOString();

/** A record as a person might have it at any point of the journey. */
const progressArb = (user: string) =>
  fc
    .record({
      flowId: fc.constantFrom('reseller', 'contract'),
      reached: fc.integer({ min: 0, max: STEPS.length }),
      finished: fc.boolean(),
      muted: fc.boolean(),
      active: fc.integer({ min: 0, max: 20 }),
      remind: fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined }),
    })
    .map(({ flowId, reached, finished, muted, active, remind }): Progress => {
      const done = finished && reached === STEPS.length;
      const steps = Object.fromEntries(STEPS.slice(0, reached).map((id) => [id, { enteredAt: at(0) }]));
      return {
        user,
        flowId,
        flowVersion: 1,
        current: done || reached === 0 ? null : (STEPS[reached - 1] as string),
        steps,
        ...(reached > 0 ? { startedAt: at(0) } : {}),
        ...(done ? { finishedAt: at(active) } : {}),
        ...(muted ? { muted: true } : {}),
        activeAt: at(active),
        updatedAt: at(active),
        ...(remind !== undefined ? { remindAt: at(remind) } : {}),
      };
    });

/** A change: someone's record is written anew, or removed. */
const changeArb = fc
  .constantFrom(...USERS)
  .chain((user) =>
    fc.oneof(
      { weight: 5, arbitrary: progressArb(user).map((p) => ({ user, p: p as Progress | undefined })) },
      { weight: 1, arbitrary: fc.constant({ user, p: undefined as Progress | undefined }) },
    ),
  );

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

/** The answers worked out the slow way, from every record. */
function recount(records: Map<string, PersonFacts>, flowId: string) {
  const all = [...records.values()].filter((f) => f.flowId === flowId);
  const tally = (ids: string[]) =>
    Object.fromEntries(
      [...new Set(ids)].map((id) => [id, ids.filter((x) => x === id).length]).filter(([, n]) => n),
    );
  return {
    flowId,
    started: all.filter((f) => f.started).length,
    finished: all.filter((f) => f.finished).length,
    now: tally(all.flatMap((f) => (f.current ? [f.current] : []))),
    reached: tally(all.flatMap((f) => [...f.reached])),
  };
}

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
        (q.activeBefore === undefined || Date.parse(f.activeAt) < Date.parse(q.activeBefore)),
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
          const index = new PeopleIndex();
          const records = new Map<string, PersonFacts>();
          for (const { user, p } of changes) {
            index.set(user, p && personFacts(p));
            if (p) records.set(user, personFacts(p));
            else records.delete(user);
          }
          for (const flowId of ['reseller', 'contract'])
            expect(index.counts(flowId)).toEqual(recount(records, flowId));
          expect(allPages(index, q)).toEqual(slowList(records, q));
          const due = [...records.entries()]
            .filter(([, f]) => f.remindAt !== undefined && f.remindAt <= at(day))
            .sort(
              ([a, fa], [b, fb]) =>
                (fa.remindAt as string).localeCompare(fb.remindAt as string) || a.localeCompare(b),
            )
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
      activeAt: at(0),
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
