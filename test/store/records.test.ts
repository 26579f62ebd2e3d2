import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Records } from '../../src/store/records.js';

const users = ['slack:T1:U1', 'slack:T1:U2', 'discord:G1:42', 'console:local:me', 'slack:T1:用户'];
/** Texts around the size classes' edges, in more than one script, and one past the shared slabs. */
const text = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.integer({ min: 0, max: 2000 }).map((n) => `{"a":"${'x'.repeat(n)}"}`),
  fc.integer({ min: 120, max: 140 }).map((n) => '进'.repeat(n)),
  fc.constant('y'.repeat(70_000)),
);

describe('records packed into slabs', () => {
  it('each person reads back their own latest text, whatever the sizes they grow and shrink through', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...users), text), { maxLength: 200 }), (writes) => {
        const records = new Records();
        const model = new Map<string, string>();
        for (const [user, json] of writes) {
          records.set(user, json);
          model.set(user, json);
        }
        expect(records.size).toBe(model.size);
        expect(new Set(records.keys())).toEqual(new Set(model.keys()));
        for (const [user, json] of model) {
          expect(records.text(user)).toBe(json);
          expect(records.bytes(user)?.toString('utf8')).toBe(json);
        }
      }),
    );
  });

  it('a slot given up by one person is reused by the next, without touching anyone else', () => {
    const records = new Records();
    for (let i = 0; i < 3000; i++) records.set(`p${i}`, `{"n":${i},"pad":"${'.'.repeat(700)}"}`);
    // Everyone grows into the next class; then the same number of newcomers take the freed slots.
    for (let i = 0; i < 3000; i++) records.set(`p${i}`, `{"n":${i},"pad":"${'.'.repeat(900)}"}`);
    for (let i = 0; i < 3000; i++) records.set(`q${i}`, `{"q":${i},"pad":"${'.'.repeat(700)}"}`);
    for (let i = 0; i < 3000; i += 7) {
      expect(records.text(`p${i}`)).toBe(`{"n":${i},"pad":"${'.'.repeat(900)}"}`);
      expect(records.text(`q${i}`)).toBe(`{"q":${i},"pad":"${'.'.repeat(700)}"}`);
    }
    expect(records.text('nobody')).toBeUndefined();
    records.clear();
    expect(records.size).toBe(0);
    expect(records.text('p1')).toBeUndefined();
  });
});
