import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { doneCount, findStep, type IncomingEvent, type ProgressStore } from '../../src/core/index.js';
import { openStore } from '../../src/store/journal-store.js';
import { makeTestBot, type TestBot } from '../helpers/bot.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs();
const TEXTS = ['start', 'done', 'back', 'tick 1', 'status', 'restart', 'yes', 'no', 'lang zh-CN'] as const;
const USERS = ['slack:T1:ann', 'discord:G1:bob', 'console:local:cy', 'slack:T1:dee'];

type Op = { kind: 'event'; user: number; text: number; id: number | null } | { kind: 'restart' };
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.record({
      kind: fc.constant('event' as const),
      user: fc.nat(USERS.length - 1),
      text: fc.nat(TEXTS.length - 1),
      id: fc.option(fc.nat(15)),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'restart' as const }) },
);

const sorted = async (store: ProgressStore) =>
  (await store.all()).sort((a, b) => a.user.localeCompare(b.user));

describe('the real bot on the journaled store: random commands from many people, with restarts', () => {
  it('keeps the invariants and matches the in-memory twin', { timeout: 60_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 40 }), async (ops) => {
        const file = join(await tempDir(), 'onboarding.json');
        const twin = await makeTestBot();
        let now = twin.clock.now();
        const open = async () => {
          const store = await openStore(file, { now: () => now.getTime() });
          return makeTestBot({ store, at: now });
        };
        let real: TestBot = await open();
        const usedIds = new Set<string>();
        try {
          for (const op of ops) {
            if (op.kind === 'restart') {
              const before = await sorted(real.store);
              await real.store.close();
              real = await open();
              expect(await sorted(real.store)).toEqual(before);
              continue;
            }
            now = new Date(now.getTime() + 60_000);
            real.clock.set(now);
            twin.clock.set(now);
            const user = USERS[op.user] as string;
            const text = TEXTS[op.text] as string;
            const event: IncomingEvent = {
              user,
              text,
              ...(op.id === null ? {} : { deliveryId: `E${op.id}` }),
            };
            const before = await real.store.load(user);
            const everyoneBefore = await sorted(real.store);
            const replies = await real.bot.handle(event);
            expect(replies).toEqual(await twin.bot.handle(event));
            const after = await real.store.load(user);
            expect(after).toEqual(await twin.store.load(user));
            if (event.deliveryId && usedIds.has(event.deliveryId)) {
              expect(replies).toEqual([]);
              expect(await sorted(real.store)).toEqual(everyoneBefore);
              continue;
            }
            if (event.deliveryId) usedIds.add(event.deliveryId);
            if (after?.current) expect(findStep(real.flow, after.current)).toBeDefined();
            const delta =
              (after ? doneCount(real.flow, after) : 0) - (before ? doneCount(real.flow, before) : 0);
            if (text === 'done') expect([0, 1]).toContain(delta);
            else if (text === 'back') expect([0, -1]).toContain(delta);
            else if (text === 'yes' && before?.confirm === 'restart')
              expect(after && doneCount(real.flow, after)).toBe(0);
            else expect(delta).toBe(0);
          }
        } finally {
          await real.store.close();
        }
      }),
      { numRuns: 50 },
    );
  });
});
