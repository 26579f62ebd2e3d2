import { describe, expect, it } from 'vitest';
import { placedSteps } from '../../src/core/flow.js';
import type { Flow, Progress } from '../../src/core/index.js';
import { makeTestBot } from '../helpers/bot.js';
import { admin, fileChunks, staff } from '../helpers/staff.js';

const AT = '2026-11-20T10:00:00.000Z';

/**
 * Someone at step `at` of the flow (the steps before it done), finished (`at` = 'finished'), or who never
 * started (`at` = null).
 */
function person(flow: Flow, user: string, at: number | 'finished' | null): Progress {
  const steps = placedSteps(flow).map((s) => s.step.id);
  const done = at === 'finished' ? steps : steps.slice(0, at ?? 0);
  const current = at === 'finished' || at === null ? null : (steps[at] ?? null);
  return {
    user,
    flowId: flow.id,
    flowVersion: flow.version,
    current,
    steps: Object.fromEntries([
      ...done.map((id) => [id, { enteredAt: AT, doneAt: AT }]),
      ...(current ? [[current, { enteredAt: AT }]] : []),
    ]),
    ...(at === null ? {} : { startedAt: AT }),
    ...(at === 'finished' ? { finishedAt: AT } : {}),
    updatedAt: AT,
  };
}

/** 3,000 people on three platforms, names whose case makes code-unit order differ from a locale's. */
function crowd(flow: Flow): Progress[] {
  const people: Progress[] = [];
  for (let i = 0; i < 3_000; i++) {
    const name = `${i % 2 ? 'a' : 'B'}${(i * 7919) % 3_001}`;
    const user = [`console:local:${name}`, `slack:T1:U${name}`, `discord:dm:${100_000 + i}`][i % 3] as string;
    people.push(person(flow, user, i % 10 === 0 ? 'finished' : i % 7 === 0 ? null : i % 11));
  }
  return people;
}

describe('admin export at a few thousand people', () => {
  it('has one row per person who started, in user-key order, under one header, a page at a time', async () => {
    const tb = await makeTestBot({ admins: [staff] });
    const people = crowd(tb.flow);
    for (const p of people) await tb.store.save(p);
    const started = people.filter((p) => p.current !== null || p.finishedAt !== undefined);
    const expected = started.map((p) => p.user).sort(); // UTF-16 code-unit order

    const reply = await admin(tb, 'admin export');
    expect(reply?.text).toContain(`(${started.length} started)`);
    const chunks = await fileChunks(reply);
    const csv = chunks.join('');
    expect(csv.endsWith('\r\n')).toBe(true);
    const [header, ...rows] = csv.slice(0, -2).split('\r\n');
    expect(header).toMatch(/^user,platform,language,current_step,steps_done,steps_total,/);
    expect(rows.filter((r) => r.startsWith('user,'))).toEqual([]);
    expect(rows.map((r) => r.split(',')[0])).toEqual(expected);
    // Streamed: no chunk holds more than one store page (500 people) of rows.
    expect(chunks.length).toBeGreaterThan(started.length / 500);
    for (const chunk of chunks) expect(chunk.split('\r\n').length - 1).toBeLessThanOrEqual(500);

    const total = placedSteps(tb.flow).length;
    const finished = started.find((p) => p.finishedAt !== undefined) as Progress;
    expect(rows.find((r) => r.startsWith(`${finished.user},`))).toContain(`,finished,${total},${total},`);
  });

  it('lets other events run while it is read: one queued at the start runs before the second page', async () => {
    const tb = await makeTestBot({ admins: [staff] });
    for (const p of crowd(tb.flow)) await tb.store.save(p);
    const reply = await admin(tb, 'admin export');
    let otherEventRan = false;
    setImmediate(() => {
      otherEventRan = true;
    });
    let chunksBefore = 0;
    let rows = 0;
    for await (const chunk of reply?.file?.body() ?? []) {
      if (!otherEventRan) chunksBefore += 1;
      rows += chunk.split('\r\n').length - 1;
    }
    expect(otherEventRan).toBe(true);
    // The header and at most the first page were made before the other event had its turn.
    expect(chunksBefore).toBeLessThanOrEqual(2);
    expect(rows).toBeGreaterThan(1_000);
  });

  it('is made when it is read: a change after the answer is in the file', async () => {
    const tb = await makeTestBot({ admins: [staff] });
    for (const p of crowd(tb.flow).slice(0, 50)) await tb.store.save(p);
    const reply = await admin(tb, 'admin export');
    await tb.store.save(person(tb.flow, 'console:local:late', 2));
    // Read after a later change: the file shows the store as it is when read.
    expect((await fileChunks(reply)).join('')).toContain('console:local:late,');
  });
});
