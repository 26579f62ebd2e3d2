import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Progress, ProgressStore } from '../../src/core/index.js';
import { personFacts } from '../../src/core/people-query.js';
import { at, changeArb, recount } from '../helpers/progress-arb.js';

export interface StoreUnderTest {
  store: ProgressStore;
  /** Close and open again on the same backing data (a restart), where the store has one. */
  reopen?: () => Promise<ProgressStore>;
  /** Moves the store's clock forward by `ms`. */
  advance: (ms: number) => void;
}

export const progressFor = (user: string, current: string | null = 'register'): Progress => ({
  user,
  flowId: 'reseller',
  flowVersion: 1,
  current,
  steps: current ? { [current]: { enteredAt: '2026-11-27T10:00:00.000Z' } } : {},
  startedAt: '2026-11-27T10:00:00.000Z',
  updatedAt: '2026-11-27T10:00:00.000Z',
});

/** Counts, every page and the due list equal what a full read of everyone gives. */
async function expectAnswersMatch(store: ProgressStore): Promise<void> {
  const everyone = await store.all();
  const facts = everyone.map(personFacts);
  for (const flowId of ['reseller', 'contract'])
    expect(await store.counts(flowId)).toEqual(recount(facts, flowId));
  const at2 = ['verify', 'review'];
  const expected = everyone
    .filter((p) => p.current !== null && at2.includes(p.current))
    .map((p) => p.user)
    .sort();
  const seen: string[] = [];
  let after: string | undefined;
  do {
    const page = await store.people({ at: at2, limit: 2, ...(after ? { after } : {}) });
    seen.push(...page.people.map((p) => p.user));
    after = page.next;
  } while (after);
  expect(seen).toEqual(expected);
  const now = at(10);
  const due = everyone
    .filter((p) => {
      const remindAt = personFacts(p).remindAt;
      return remindAt !== undefined && remindAt <= Date.parse(now);
    })
    .map((p) => p.user)
    .sort();
  expect([...(await store.due(new Date(now), 1000))].sort()).toEqual(due);
}

/** The behaviour every ProgressStore must have; run against each implementation. */
export function storeContract(
  name: string,
  open: () => Promise<StoreUnderTest>,
  opts = { restarts: false },
): void {
  describe(`${name}: the ProgressStore contract`, () => {
    it('knows nobody at first', async () => {
      const { store } = await open();
      expect(await store.load('console:local:nobody')).toBeUndefined();
      expect(await store.all()).toEqual([]);
      expect(await store.keys()).toEqual([]);
    });

    it('gives back what was saved, as a copy the caller cannot change behind its back', async () => {
      const { store } = await open();
      const p = progressFor('console:local:ann');
      await store.save(p);
      const loaded = await store.load('console:local:ann');
      expect(loaded).toEqual(p);
      (loaded as Progress).current = 'activate';
      p.current = 'bind-card';
      expect((await store.load('console:local:ann'))?.current).toBe('register');
    });

    it('keeps the latest save per person and lists everyone', async () => {
      const { store } = await open();
      await store.save(progressFor('console:local:ann', 'register'));
      await store.save(progressFor('console:local:ann', 'activate'));
      await store.save(progressFor('slack:T1:U1', 'bind-card'));
      const all = await store.all();
      expect(all.map((p) => [p.user, p.current]).sort()).toEqual([
        ['console:local:ann', 'activate'],
        ['slack:T1:U1', 'bind-card'],
      ]);
      expect((await store.keys()).sort()).toEqual(['console:local:ann', 'slack:T1:U1']);
    });

    it('loses none of many concurrent saves for different people', async () => {
      const { store, reopen } = await open();
      const users = Array.from({ length: 50 }, (_, i) => `discord:G1:U${i}`);
      await Promise.all(users.map((u) => store.save(progressFor(u))));
      const again = reopen ? await reopen() : store;
      expect((await again.all()).map((p) => p.user).sort()).toEqual([...users].sort());
      expect((await again.keys()).sort()).toEqual([...users].sort());
    });

    it('remembers a delivery id saved with a change, and forgets it after a few hours', async () => {
      const { store, advance } = await open();
      expect(await store.seen('Ev1')).toBe(false);
      await store.save(progressFor('slack:T1:U1'), 'Ev1');
      expect(await store.seen('Ev1')).toBe(true);
      advance(61 * 60 * 1000);
      expect(await store.seen('Ev1')).toBe(true);
      advance(3 * 60 * 60 * 1000);
      await store.save(progressFor('slack:T1:U2'), 'Ev2');
      expect(await store.seen('Ev1')).toBe(false);
      expect(await store.seen('Ev2')).toBe(true);
    });

    it('gives staff actions ids that never repeat, even when two arrive at once', async () => {
      const { store } = await open();
      const draft = (target: string) =>
        ({ at: '2026-11-27T10:00:00.000Z', by: 'console:local:me', action: 'reset', target }) as const;
      const both = await Promise.all([
        store.record(draft('console:local:ann'), progressFor('console:local:ann', null)),
        store.record(draft('console:local:bob'), progressFor('console:local:bob', null)),
      ]);
      expect(both.map((e) => e.id).sort()).toEqual(['A1', 'A2']);
      // The record changed in the same write as its audit entry.
      expect((await store.load('console:local:ann'))?.current).toBeNull();
      const [ann] = await store.auditLog({ target: 'console:local:ann' });
      expect(ann?.id).toBe(both[0]?.id);
    });

    it('keeps every staff action on a person, newest first, however many there are', async () => {
      const { store } = await open();
      for (let i = 0; i < 250; i++) {
        await store.record({
          at: '2026-11-27T10:00:00.000Z',
          by: 'console:local:me',
          action: 'nudge',
          target: 'console:local:ann',
        });
      }
      const all = await store.auditLog({ target: 'console:local:ann' });
      expect(all).toHaveLength(250);
      expect(all[0]?.id).toBe('A250');
      expect((await store.auditLog({ id: 'A1' }))[0]?.target).toBe('console:local:ann');
      expect(await store.auditLog({ limit: 3 })).toHaveLength(3);
    });

    it('keeps every one of many concurrent updates of the same person, each on the record the last one left', async () => {
      const { store } = await open();
      const user = 'console:local:ann';
      await store.save(progressFor(user));
      const items = Array.from({ length: 40 }, (_, i) => `item-${i}`);
      await Promise.all(
        items.map((item) =>
          store.update(user, async (p) => {
            await new Promise((r) => setTimeout(r, Math.random() * 3));
            const step = p?.steps.register ?? {};
            return {
              ...(p as Progress),
              steps: { register: { ...step, ticked: [...(step.ticked ?? []), item] } },
            };
          }),
        ),
      );
      expect([...((await store.load(user))?.steps.register?.ticked ?? [])].sort()).toEqual([...items].sort());
    });

    it('recognises a repeat of a delivery that arrives while the first is still being saved', async () => {
      const { store, reopen } = await open();
      const user = 'console:local:bob';
      let release: () => void = () => undefined;
      const gate = new Promise<void>((r) => {
        release = r;
      });
      let calls = 0;
      const change = async () => {
        calls += 1;
        await gate;
        return progressFor(user, 'activate');
      };
      const first = store.update(user, change, { deliveryId: 'Ev-retry' });
      const repeat = store.update(user, change, { deliveryId: 'Ev-retry' });
      release();
      expect(await first).toMatchObject({ duplicate: false, progress: { current: 'activate' } });
      expect(await repeat).toEqual({ duplicate: true });
      expect(calls).toBe(1);
      // A change that leaves the record as it is still claims its delivery id.
      expect((await store.update(user, () => undefined, { deliveryId: 'Ev-same' })).duplicate).toBe(false);
      expect(await store.seen('Ev-same')).toBe(true);
      if (opts.restarts) {
        const again = await (reopen as () => Promise<ProgressStore>)();
        expect(await again.update(user, change, { deliveryId: 'Ev-retry' })).toEqual({ duplicate: true });
        expect(calls).toBe(1);
      }
    });

    it('answers counts, pages and due people that equal a recount, after any sequence of saves', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(changeArb, { maxLength: 25 }), async (changes) => {
          const { store, reopen } = await open();
          // Half as plain saves, half as updates (a store may write less when it knows the record before).
          for (const [i, { p }] of changes.entries())
            if (p && i % 2 === 0) await store.save(p);
            else if (p) await store.update(p.user, () => p);
          // Staff changes go through `record`, with the record they changed.
          const last = changes.at(-1)?.p;
          if (last)
            await store.record(
              { at: at(1), by: 'console:local:me', action: 'nudge', target: last.user },
              last,
            );
          await expectAnswersMatch(store);
          if (opts.restarts) await expectAnswersMatch(await (reopen as () => Promise<ProgressStore>)());
          await store.close().catch(() => undefined);
        }),
        { numRuns: opts.restarts ? 15 : 60 },
      );
    });

    it('lets other events run between two pages a caller reads one after the other', async () => {
      const { store } = await open();
      for (let i = 0; i < 6; i++) await store.save(progressFor(`console:local:p${i}`));
      // Another event source: a callback that queues itself again each turn of the event loop.
      let turns = 0;
      let spinning = true;
      const spin = () => {
        turns += 1;
        if (spinning) setImmediate(spin);
      };
      setImmediate(spin);
      const seen: number[] = [];
      let after: string | undefined;
      do {
        const page = await store.people({ limit: 2, ...(after ? { after } : {}) });
        seen.push(turns);
        after = page.next;
      } while (after);
      spinning = false;
      expect(seen).toHaveLength(3);
      expect(seen[1]).toBeGreaterThan(seen[0] as number);
      expect(seen[2]).toBeGreaterThan(seen[1] as number);
      await store.close().catch(() => undefined);
    });

    if (opts.restarts)
      it('keeps staff actions and their sequence across a restart', async () => {
        const { store, reopen } = await open();
        const draft = { at: '2026-11-27T10:00:00.000Z', by: 'console:local:me', action: 'export' } as const;
        await store.record(draft);
        await store.record(draft);
        const again = await (reopen as () => Promise<ProgressStore>)();
        expect((await again.auditLog()).map((e) => e.id)).toEqual(['A2', 'A1']);
        expect((await again.record(draft)).id).toBe('A3');
      });

    if (opts.restarts)
      it('keeps progress and delivery ids across a restart', async () => {
        const { store, reopen } = await open();
        await store.save(progressFor('console:local:ann', 'activate'), 'Ev9');
        const again = await (reopen as () => Promise<ProgressStore>)();
        expect((await again.load('console:local:ann'))?.current).toBe('activate');
        expect(await again.seen('Ev9')).toBe(true);
      });
  });
}
