import fc from 'fast-check';
import { bucketMs, type PartFacts, type PersonFacts } from '../../src/core/people-query.js';
import type { FlowPart, Progress } from '../../src/core/types.js';

export const STEPS = ['register', 'verify', 'review', 'sign'];
const USERS = [
  'slack:T1:U1',
  'slack:T1:U2',
  'discord:dm:7',
  'discord:dm:8',
  'console:local:me',
  'console:local:ann',
];
const DAY = 86_400_000;
export const at = (day: number) => new Date(Date.UTC(2026, 10, 1) + day * DAY).toISOString();

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
      /** Minutes each step took, for the steps behind the current one. */
      took: fc.array(fc.integer({ min: 0, max: 6000 }), { minLength: STEPS.length, maxLength: STEPS.length }),
      timeZone: fc.constantFrom(undefined, 'Asia/Shanghai', 'America/Los_Angeles', 'Not/AZone'),
      /** The day they started (cohorts are by week). */
      start: fc.integer({ min: 0, max: 20 }),
      /** The day they asked to talk to a person, and the day staff last acted on them. */
      asked: fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined }),
      staff: fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined }),
      /** Their place in the other flow, left there when they moved on (steps reached, finished). */
      shelf: fc.option(
        fc.record({ reached: fc.integer({ min: 0, max: STEPS.length }), finished: fc.boolean() }),
        {
          nil: undefined,
        },
      ),
    })
    .map(
      ({
        flowId,
        reached,
        finished,
        muted,
        active,
        remind,
        took,
        timeZone,
        shelf,
        start,
        asked,
        staff,
      }): Progress => {
        const done = finished && reached === STEPS.length;
        const doneAt = (i: number) =>
          new Date(Date.parse(at(0)) + (took[i] as number) * 60_000).toISOString();
        const steps = Object.fromEntries(
          STEPS.slice(0, reached).map((id, i) => [
            id,
            i < reached - 1 || done ? { enteredAt: at(0), doneAt: doneAt(i) } : { enteredAt: at(0) },
          ]),
        );
        return {
          user,
          flowId,
          flowVersion: 1,
          current: done || reached === 0 ? null : (STEPS[reached - 1] as string),
          steps,
          ...(reached > 0 ? { startedAt: at(start) } : {}),
          ...(done ? { finishedAt: at(active) } : {}),
          ...(muted ? { muted: true } : {}),
          ...(asked !== undefined ? { history: [{ at: at(asked), kind: 'escalated' as const }] } : {}),
          ...(staff !== undefined ? { staffAt: at(staff) } : {}),
          activeAt: at(active),
          updatedAt: at(active),
          ...(remind !== undefined ? { remindAt: at(remind) } : {}),
          ...(timeZone !== undefined ? { timeZone } : {}),
          ...(shelf
            ? { shelved: { [flowId === 'reseller' ? 'contract' : 'reseller']: shelfPart(shelf, took) } }
            : {}),
        };
      },
    );

/** A part of a flow someone left: the first `reached` steps, all done when finished (else the last is current). */
function shelfPart({ reached, finished }: { reached: number; finished: boolean }, took: number[]): FlowPart {
  const done = finished && reached === STEPS.length;
  const steps = Object.fromEntries(
    STEPS.slice(0, reached).map((id, i) => [
      id,
      i < reached - 1 || done
        ? {
            enteredAt: at(0),
            doneAt: new Date(Date.parse(at(0)) + (took[i] as number) * 60_000).toISOString(),
          }
        : { enteredAt: at(0) },
    ]),
  );
  return {
    flowVersion: 1,
    current: done || reached === 0 ? null : (STEPS[reached - 1] as string),
    steps,
    ...(reached > 0 ? { startedAt: at(0) } : {}),
    ...(done ? { finishedAt: at(1) } : {}),
  };
}

/** A change: someone's record is written anew, or removed. */
export const changeArb = fc
  .constantFrom(...USERS)
  .chain((user) =>
    fc.oneof(
      { weight: 5, arbitrary: progressArb(user).map((p) => ({ user, p: p as Progress | undefined })) },
      { weight: 1, arbitrary: fc.constant({ user, p: undefined as Progress | undefined }) },
    ),
  );

/** The facts of someone's part in a flow: the flow they are in, or the part they shelved. */
export const partIn = (f: PersonFacts, flowId: string): PartFacts | undefined =>
  f.flowId === flowId ? f : f.shelved?.find((part) => part.flowId === flowId);

/**
 * Counts for one flow worked out the slow way, from everyone's facts: where people are now (and their
 * zones) from those in the flow now, the rest from everyone's part in it, shelved ones included.
 */
export function recount(everyone: Iterable<PersonFacts>, flowId: string) {
  const people = [...everyone];
  const inIt = people.filter((f) => f.flowId === flowId);
  const all = people.flatMap((f) => partIn(f, flowId) ?? []);
  const tally = (ids: string[]) =>
    Object.fromEntries(
      [...new Set(ids)].map((id) => [id, ids.filter((x) => x === id).length]).filter(([, n]) => n),
    );
  return {
    flowId,
    started: all.filter((f) => f.started).length,
    finished: all.filter((f) => f.finished).length,
    now: tally(inIt.flatMap((f) => (f.current ? [f.current] : []))),
    reached: tally(all.flatMap((f) => [...f.reached])),
    medianMs: Object.fromEntries(
      [...new Set(all.flatMap((f) => [...f.reached]))].flatMap((step) => {
        const took = all
          .flatMap((f) =>
            f.reached.flatMap((s, i) => (s === step && (f.took[i] ?? -1) >= 0 ? [f.took[i]] : [])),
          )
          .sort((a, b) => (a as number) - (b as number));
        const lowerMiddle = took[Math.ceil(took.length / 2) - 1];
        return lowerMiddle === undefined ? [] : [[step, bucketMs(lowerMiddle)]];
      }),
    ),
    zones: [...new Set(inIt.map((f) => f.zone))].sort(),
    cohorts: [...new Set(all.flatMap((f) => (f.started && f.week ? [f.week] : [])))].sort().map((week) => {
      const of = all.filter((f) => f.started && f.week === week);
      return {
        week,
        started: of.length,
        finished: of.filter((f) => f.finished).length,
        reached: tally(of.flatMap((f) => [...f.reached])),
      };
    }),
  };
}
