import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { placedSteps } from '../../src/core/flow.js';
import { personFacts } from '../../src/core/people-query.js';
import { isStuck } from '../../src/core/reminders.js';
import { stuckQuery } from '../../src/core/stuck-bounds.js';
import type { Progress } from '../../src/core/types.js';
import { loadFlow } from '../../src/flows/load.js';
import { PeopleIndex } from '../../src/store/people-index.js';

const flow = await loadFlow();
const STEP_IDS = placedSteps(flow).map((p) => p.step.id);
const ZONES = [
  undefined,
  'Asia/Shanghai',
  'America/Los_Angeles',
  'Pacific/Kiritimati',
  'Pacific/Pago_Pago',
  'Asia/Kathmandu',
];
const START = Date.UTC(2026, 10, 20);
const HOUR = 3_600_000;
const instant = (hours: number) => new Date(START + hours * HOUR).toISOString();

/** Someone at any step, in any zone, idle or waiting for any number of hours, at any time of day. */
const personArb = fc
  .record({
    n: fc.integer({ min: 0, max: 999 }),
    step: fc.option(fc.constantFrom(...STEP_IDS), { nil: null }),
    zone: fc.constantFrom(...ZONES),
    entered: fc.integer({ min: 0, max: 24 * 20 }),
    active: fc.integer({ min: 0, max: 24 * 20 }),
    finished: fc.boolean(),
  })
  .map(
    ({ n, step, zone, entered, active, finished }): Progress => ({
      user: `slack:T1:U${n}`,
      flowId: flow.id,
      flowVersion: 1,
      current: step,
      steps: step ? { [step]: { enteredAt: instant(entered) } } : {},
      startedAt: instant(0),
      ...(finished && step === null ? { finishedAt: instant(active) } : {}),
      activeAt: instant(active),
      updatedAt: instant(active),
      ...(zone ? { timeZone: zone } : {}),
    }),
  );

describe('"stuck" as a store query', () => {
  it('picks exactly the people isStuck picks, each in their own calendar, with weekends and holidays', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(personArb, { selector: (p) => p.user, maxLength: 30 }),
        fc.integer({ min: 0, max: 24 * 24 }),
        fc.integer({ min: 0, max: 6 }),
        fc.subarray(['2026-11-26', '2026-11-27', '2026-12-01', '2026-12-08']),
        async (people, nowHours, days, holidayList) => {
          const now = new Date(START + nowHours * HOUR);
          const holidays = new Set(holidayList);
          const index = new PeopleIndex();
          for (const p of people) index.set(p.user, personFacts(p));
          const zones = index.counts(flow.id).zones;
          const query = stuckQuery(flow, zones, now, days, holidays);
          const { users } = await index.list({ ...query, limit: 1000 });
          const expected = people
            .filter((p) => isStuck(flow, p, now, days, holidays))
            .map((p) => p.user)
            .sort();
          expect([...users].sort()).toEqual(expected);
        },
      ),
      { numRuns: 400 },
    );
  });
});
