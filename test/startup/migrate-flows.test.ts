import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Progress } from '../../src/core/index.js';
import { migrateStoredProgress, needsMoving } from '../../src/startup/migrate-flows.js';
import { openStore } from '../../src/store/journal-store.js';
import { journalLine } from '../../src/store/replay.js';
import { demoFlow } from '../helpers/demo-flow.js';
import { runMain } from '../helpers/run-main.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs();
const NOW = new Date('2026-12-06T10:00:00.000Z');
const DONE = { enteredAt: '2026-12-01T10:00:00.000Z', doneAt: '2026-12-01T11:00:00.000Z' };

const person = (user: string, current: string | null, done: string[]): Progress => ({
  user,
  flowId: 'demo',
  flowVersion: 1,
  current,
  steps: {
    ...Object.fromEntries(done.map((id) => [id, DONE])),
    ...(current ? { [current]: { enteredAt: DONE.doneAt } } : {}),
  },
  startedAt: DONE.enteredAt,
  updatedAt: DONE.doneAt,
});

/** A journaled store holding `people`, written and closed as a bot of today would leave it. */
async function storeWith(people: Progress[]): Promise<string> {
  const file = join(await tempDir(), 'progress.json');
  const store = await openStore(file);
  for (const p of people) await store.save(p);
  await store.close();
  return file;
}

async function read(file: string, user: string): Promise<Progress | undefined> {
  const store = await openStore(file);
  try {
    return await store.load(user);
  } finally {
    await store.close();
  }
}

describe('start-up moves stored people to the new version of their flow', () => {
  it('by the notes, durably: the moved records are there after a restart', async () => {
    const file = await storeWith([
      person('console:local:ann', 'bind-card', ['register']),
      person('console:local:bob', 'submit', ['register', 'bind-card']),
      person('console:local:cy', 'register', []),
    ]);
    const v2 = demoFlow(['register', 'add-card', 'submit'], 2, [
      { version: 2, notes: [{ kind: 'rename', from: 'bind-card', to: 'add-card' }] },
    ]);
    const store = await openStore(file);
    expect(await migrateStoredProgress(store, [v2], NOW)).toBe(3);
    await store.close();

    const ann = await read(file, 'console:local:ann');
    expect(ann?.current).toBe('add-card');
    expect(ann?.flowVersion).toBe(2);
    const bob = await read(file, 'console:local:bob');
    expect(bob?.steps['add-card']?.doneAt).toBe(DONE.doneAt);
    expect(bob?.steps['bind-card']).toBeUndefined();
    expect(bob?.current).toBe('submit');
  });

  it('refuses a step that vanished without a note, naming it and its flow file, and writes nothing', async () => {
    const file = await storeWith([
      person('console:local:ann', 'bind-card', ['register']),
      person('console:local:bob', 'bind-card', ['register']),
    ]);
    const before = await readFile(file, 'utf8');
    const v2 = demoFlow(['register', 'submit'], 2);
    const store = await openStore(file);
    const refused = migrateStoredProgress(store, [v2], NOW);
    await expect(refused).rejects.toMatchObject({ code: 'FLOW_INVALID' });
    await expect(refused).rejects.toThrow(/"bind-card" of flow "demo" \(2 people\).*src\/flows\/demo\.json/);
    await store.close();
    expect((await read(file, 'console:local:ann'))?.current).toBe('bind-card');
    expect(await readFile(file, 'utf8')).toBe(before);
  });

  it('refuses people in a flow whose file is gone, naming it, instead of showing them another flow', async () => {
    const file = await storeWith([
      { ...person('console:local:ann', 'sign', []), flowId: 'partner-training' },
      person('console:local:bob', 'register', []),
    ]);
    const store = await openStore(file);
    const refused = migrateStoredProgress(store, [demoFlow(['register'], 1)], NOW);
    await expect(refused).rejects.toMatchObject({ code: 'FLOW_INVALID' });
    await expect(refused).rejects.toThrow(/"partner-training" \(1 person\).*admin assign/);
    await store.close();
    expect((await read(file, 'console:local:ann'))?.flowId).toBe('partner-training');
  });

  it('finds who needs moving as the store opens: the last record read per person decides', async () => {
    const file = await storeWith([
      person('console:local:ann', 'bind-card', ['register']),
      person('console:local:bob', 'register', []),
    ]);
    // After the snapshot, the journal moved Ann on to a step the new flow has, and Bob to one it lacks.
    const later = (p: Progress) => journalLine(JSON.stringify(p), undefined, NOW.getTime());
    await appendFile(
      `${file}.journal`,
      later(person('console:local:ann', 'submit', ['register', 'bind-card'])) +
        later(person('console:local:bob', 'fax-form', ['register'])),
    );
    const v1 = demoFlow(['register', 'bind-card', 'submit'], 1);
    const toMove = new Set<string>();
    const needs = needsMoving([v1]);
    const store = await openStore(file, {
      onRecordRead: (p) => (needs(p) ? toMove.add(p.user) : toMove.delete(p.user)),
    });
    expect([...toMove]).toEqual(['console:local:bob']);
    await expect(migrateStoredProgress(store, [v1], NOW, toMove)).rejects.toThrow(
      /"fax-form" of flow "demo" \(1 person\)/,
    );
    await store.close();
  });

  it('npm start stops before answering anyone when the store has a step the shipped flow lacks', async () => {
    const file = await storeWith([
      { ...person('console:local:me', 'fax-the-form', ['register']), flowId: 'reseller' },
    ]);
    const result = await runMain('start\n', { STORE_FILE: file, LOG_LEVEL: 'warn' }, 60_000);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n').at(-1)).toMatch(
      /^guidepost: .*"fax-the-form" of flow "reseller" \(1 person\).*src\/flows\/reseller\.json/,
    );
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(result.stdout).not.toMatch(/Create your Tencent Cloud account|register/i);
    expect((await read(file, 'console:local:me'))?.current).toBe('fax-the-form');
  }, 90_000);
});
