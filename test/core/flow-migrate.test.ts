import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FlowSchema, migratePart } from '../../src/core/index.js';
import type { MigrationNote } from '../../src/core/migration-notes.js';
import type { FlowPart } from '../../src/core/types.js';
import { demoFlow as flowOf } from '../helpers/demo-flow.js';

const AT = '2026-12-06T10:00:00.000Z';
const BEFORE = '2026-12-01T10:00:00.000Z';

/** Someone who did the first `done` steps of `ids` and is on the next (or finished). */
function personAt(ids: readonly string[], done: number): FlowPart {
  const steps = Object.fromEntries(
    ids.map((id, i) => [id, i < done ? { enteredAt: BEFORE, doneAt: BEFORE } : { enteredAt: BEFORE }]),
  );
  const reached = Object.fromEntries(Object.entries(steps).slice(0, done + 1));
  const current = ids[done] ?? null;
  return {
    flowVersion: 1,
    current,
    steps: reached,
    startedAt: BEFORE,
    ...(current === null ? { finishedAt: BEFORE } : {}),
  };
}

const OLD = ['register', 'verify', 'bind-card', 'submit', 'review'];
const v2 = (notes: MigrationNote[], ids: string[]) => flowOf(ids, 2, [{ version: 2, notes }]);
const doneIn = (part: FlowPart) => Object.keys(part.steps).filter((id) => part.steps[id]?.doneAt);

describe('moving people to a new version of a flow', () => {
  it('rename: the person stays on the same step under its new name, their work kept', () => {
    const flow = v2(
      [{ kind: 'rename', from: 'bind-card', to: 'add-card' }],
      ['register', 'verify', 'add-card', 'submit', 'review'],
    );
    const { part, vanished } = migratePart(flow, personAt(OLD, 2), AT);
    expect(vanished).toEqual([]);
    expect(part.current).toBe('add-card');
    expect(part.flowVersion).toBe(2);
    const ahead = migratePart(flow, personAt(OLD, 3), AT).part;
    expect(doneIn(ahead)).toEqual(['register', 'verify', 'add-card']);
    expect(ahead.current).toBe('submit');
  });

  it('split: done means both halves are done; someone on it starts on the first half', () => {
    const ids = ['register', 'verify', 'card-details', 'card-check', 'submit', 'review'];
    const flow = v2([{ kind: 'split', from: 'bind-card', to: ['card-details', 'card-check'] }], ids);
    expect(migratePart(flow, personAt(OLD, 2), AT).part.current).toBe('card-details');
    const past = migratePart(flow, personAt(OLD, 3), AT).part;
    expect(doneIn(past)).toEqual(expect.arrayContaining(['card-details', 'card-check']));
    expect(past.current).toBe('submit');
  });

  it('merge: done only when all merged steps were; someone on either lands on the merged step', () => {
    const ids = ['register', 'verify-and-card', 'submit', 'review'];
    const flow = v2([{ kind: 'merge', from: ['verify', 'bind-card'], to: 'verify-and-card' }], ids);
    const onCard = migratePart(flow, personAt(OLD, 2), AT).part;
    expect(onCard.current).toBe('verify-and-card');
    expect(onCard.steps['verify-and-card']?.doneAt).toBeUndefined();
    const past = migratePart(flow, personAt(OLD, 3), AT).part;
    expect(past.steps['verify-and-card']?.doneAt).toBe(BEFORE);
    expect(past.current).toBe('submit');
  });

  it('remove: its people go where the note says, or on to the first step there they have not done', () => {
    const ids = ['register', 'verify', 'submit', 'review'];
    const toSubmit = v2([{ kind: 'remove', from: 'bind-card', to: 'submit' }], ids);
    expect(migratePart(toSubmit, personAt(OLD, 2), AT).part.current).toBe('submit');
    const backToRegister = v2([{ kind: 'remove', from: 'bind-card', to: 'register' }], ids);
    const moved = migratePart(backToRegister, personAt(OLD, 2), AT).part;
    expect(moved.current).toBe('submit');
    expect(moved.steps['bind-card']).toBeUndefined();
  });

  it('follows the notes of every version in turn (1 -> 2 -> 3)', () => {
    const flow = flowOf(['register', 'verify', 'card', 'submit', 'review'], 3, [
      { version: 2, notes: [{ kind: 'rename', from: 'bind-card', to: 'add-card' }] },
      { version: 3, notes: [{ kind: 'rename', from: 'add-card', to: 'card' }] },
    ]);
    const { part } = migratePart(flow, personAt(OLD, 2), AT);
    expect(part.current).toBe('card');
    expect(part.flowVersion).toBe(3);
  });

  it('a step that vanished without a note is named, and the person is left where they were', () => {
    const flow = flowOf(['register', 'verify', 'submit', 'review'], 2, [
      { version: 2, notes: [{ kind: 'rename', from: 'register', to: 'register' }] },
    ]);
    const before = personAt(OLD, 2);
    const { part, vanished } = migratePart(flow, before, AT);
    expect(vanished).toEqual(['bind-card']);
    expect(part).toBe(before);
  });

  it('refuses notes that send people to a step the flow does not have, naming the note', () => {
    const result = FlowSchema.safeParse({
      id: 'demo',
      version: 2,
      prepare: ['email'],
      stages: [{ id: 'only', steps: [{ id: 'register' }, { id: 'submit' }] }],
      finish: {},
      migrations: [{ version: 2, notes: [{ kind: 'remove', from: 'bind-card', to: 'bind-crad' }] }],
    });
    expect(result.success).toBe(false);
    const issue = result.error?.issues[0];
    expect(issue?.path).toEqual(['migrations', 0, 'notes', 0, 'to']);
    expect(issue?.message).toContain('"bind-crad"');
  });
});

/** One random change to a flow's step list, resolved against the list as it is when it is applied. */
const editArb = fc.record({
  kind: fc.constantFrom('rename', 'split', 'merge', 'remove', 'add'),
  pick: fc.nat(),
  other: fc.nat(),
});
type Edit = typeof editArb extends fc.Arbitrary<infer E> ? E : never;

interface History {
  ids: string[];
  migrations: { version: number; notes: MigrationNote[] }[];
  /** For each step of the newest version, the steps it stands for (first-version ones, or itself when new). */
  ancestors: Map<string, Set<string>>;
}

/** Applies one version's edits, each to a step not yet touched in that version, and writes its notes. */
function applyVersion(h: History, edits: readonly Edit[], version: number, fresh: () => string): History {
  let ids = [...h.ids];
  const ancestors = new Map(h.ancestors);
  const touched = new Set<string>();
  const notes: MigrationNote[] = [];
  const removals: { from: string; pick: number }[] = [];
  for (const edit of edits) {
    const free = ids.filter((id) => h.ids.includes(id) && !touched.has(id));
    const a = free[edit.pick % Math.max(free.length, 1)];
    if (edit.kind === 'add' || a === undefined) {
      const id = fresh();
      ids.splice(edit.pick % (ids.length + 1), 0, id);
      // A new step stands for work nobody did yet.
      ancestors.set(id, new Set([id]));
      continue;
    }
    touched.add(a);
    const at = ids.indexOf(a);
    const from = ancestors.get(a) ?? new Set();
    ancestors.delete(a);
    if (edit.kind === 'rename') {
      const to = fresh();
      ids[at] = to;
      ancestors.set(to, from);
      notes.push({ kind: 'rename', from: a, to });
    } else if (edit.kind === 'split') {
      const to = [fresh(), fresh()];
      ids.splice(at, 1, ...to);
      for (const id of to) ancestors.set(id, new Set(from));
      notes.push({ kind: 'split', from: a, to });
    } else if (edit.kind === 'merge') {
      const b = free.find((id) => id !== a && !touched.has(id));
      if (b === undefined) {
        ids.splice(at, 1);
        removals.push({ from: a, pick: edit.other });
        continue;
      }
      touched.add(b);
      const to = fresh();
      const both = new Set([...from, ...(ancestors.get(b) ?? [])]);
      ancestors.delete(b);
      ids = ids.filter((id) => id !== b);
      ids.splice(ids.indexOf(a), 1, to);
      ancestors.set(to, both);
      notes.push({ kind: 'merge', from: [a, b], to });
    } else {
      ids.splice(at, 1);
      removals.push({ from: a, pick: edit.other });
    }
  }
  if (ids.length === 0) {
    const id = fresh();
    ids.push(id);
    ancestors.set(id, new Set([id]));
  }
  for (const r of removals)
    notes.push({ kind: 'remove', from: r.from, to: ids[r.pick % ids.length] as string });
  const migrations = notes.length > 0 ? [...h.migrations, { version, notes }] : h.migrations;
  return { ids, migrations, ancestors };
}

const scenarioArb = fc.record({
  steps: fc.integer({ min: 2, max: 8 }),
  versions: fc.array(fc.array(editArb, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 3 }),
  done: fc.nat(),
  back: fc.boolean(),
});

describe('a random change to a flow, with its notes, loses nobody', () => {
  it('keeps every person, their finished work, and never sends them back to work they did', () => {
    fc.assert(
      fc.property(scenarioArb, ({ steps, versions, done: doneSeed, back }) => {
        let n = 0;
        const fresh = () => `n${n++}`;
        const first = Array.from({ length: steps }, (_, i) => `s${i}`);
        let h: History = {
          ids: first,
          migrations: [],
          ancestors: new Map(first.map((id) => [id, new Set([id])])),
        };
        versions.forEach((edits, i) => {
          h = applyVersion(h, edits, i + 2, fresh);
        });
        const version = versions.length + 1;
        const flow = flowOf(h.ids, version, h.migrations);
        const done = doneSeed % (steps + 1);
        const person = personAt(first, done);
        // Pressed `back`: on the last step they did.
        const onDoneStep = back && done > 0 && done < steps;
        const before = onDoneStep ? { ...person, current: first[done - 1] as string } : person;

        const { part, vanished } = migratePart(flow, before, AT);

        expect(vanished).toEqual([]);
        expect(part.flowVersion).toBe(version);
        if (part.current !== null) expect(h.ids).toContain(part.current);
        else expect(part.finishedAt).toBeDefined();
        const wasDone = (id: string) => before.steps[id]?.doneAt !== undefined;
        for (const id of h.ids) {
          const from = h.ancestors.get(id) ?? new Set();
          const expected = from.size > 0 && [...from].every(wasDone);
          expect(part.steps[id]?.doneAt !== undefined, `step ${id} done`).toBe(expected);
        }
        if (part.current !== null && !onDoneStep) {
          expect(part.steps[part.current]?.doneAt, 'put back on a step they had done').toBeUndefined();
        }
      }),
      { numRuns: 500 },
    );
  });
});
