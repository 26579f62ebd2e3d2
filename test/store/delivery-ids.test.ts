import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DeliveryIds } from '../../src/store/delivery-ids.js';

const SPAN = 1000;

/** What the ids must behave like: a map from id to its first time, minus what was forgotten. */
class Model {
  readonly times = new Map<string, number>();
  add(id: string, at: number) {
    if (!this.times.has(id)) this.times.set(id, at);
  }
  forgetUpTo(cutoff: number) {
    for (const [id, at] of this.times) if (at <= cutoff) this.times.delete(id);
  }
}

const op = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('add' as const),
      id: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('Ev1', '事件-1', 'slack:123.456.abc', '')),
      dt: fc.integer({ min: 0, max: 300 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('forget' as const), back: fc.integer({ min: 0, max: 3000 }) }),
  },
);

describe('delivery ids kept off the heap', () => {
  it('answer like a map of first times, whatever the order of adds and expiries', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
        // Small generations, so that rollovers, growth and whole-generation expiry all happen.
        const ids = new DeliveryIds({ generationSize: 7, generationSpanMs: SPAN });
        const model = new Model();
        let now = 1_700_000_000_000;
        const touched = new Set<string>();
        for (const o of ops) {
          if (o.kind === 'add') {
            now += o.dt;
            ids.add(o.id, now);
            model.add(o.id, now);
          } else {
            ids.forgetUpTo(now - o.back);
            model.forgetUpTo(now - o.back);
          }
          touched.add(o.kind === 'add' ? o.id : '');
        }
        for (const id of touched) expect(ids.at(id), id).toBe(model.times.get(id));
        expect(new Map([...ids])).toEqual(model.times);
        expect([...ids].length).toBe(model.times.size);
      }),
    );
  });

  it('keep many ids (growing tables and byte arenas) and find each one', () => {
    const ids = new DeliveryIds({ generationSpanMs: 60_000 });
    for (let i = 0; i < 100_000; i++) ids.add(`slack:Ev${i.toString(36)}-${'x'.repeat(i % 40)}`, 5_000 + i);
    expect([...ids].length).toBe(100_000);
    for (let i = 0; i < 100_000; i += 997) {
      expect(ids.at(`slack:Ev${i.toString(36)}-${'x'.repeat(i % 40)}`)).toBe(5_000 + i);
    }
    expect(ids.at('slack:Ev-never')).toBeUndefined();
  });

  it('keep an id longer than any seen before, in any script', () => {
    const ids = new DeliveryIds({ generationSpanMs: 60_000 });
    const long = `交互-${'é'.repeat(500)}`;
    ids.add(long, 1);
    ids.add('short', 2);
    expect(ids.at(long)).toBe(1);
    expect([...ids]).toEqual([
      [long, 1],
      ['short', 2],
    ]);
  });

  it('a walk that is under way sees the ids added during it', () => {
    const ids = new DeliveryIds({ generationSize: 2, generationSpanMs: 60_000 });
    ids.add('a', 1);
    const walked: string[] = [];
    for (const [id] of ids) {
      walked.push(id);
      if (id === 'a') ids.add('b', 2);
    }
    expect(walked).toEqual(['a', 'b']);
  });
});
