import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProgressStore } from '../../src/core/index.js';
import { parseStoreFile } from '../../src/store/file-schema.js';
import { openStore } from '../../src/store/journal-store.js';
import { openLowdbStore } from '../../src/store/lowdb.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { progressFor } from './contract.js';
import { fileStoreContract } from './file-contract.js';

const tempDir = useTempDirs();

fileStoreContract('journaled file', (file, now) => openStore(file, now ? { now } : {}));

describe('journaled store on disk', () => {
  it('journals each save, and at close writes a StoreFileSchema snapshot, drops the journal and the lock', async () => {
    const dir = await tempDir();
    const file = join(dir, 'onboarding.json');
    const store = await openStore(file);
    expect((await readdir(dir)).sort()).toEqual(['onboarding.json.journal', 'onboarding.json.lock']);
    await store.save(progressFor('console:local:ann'), 'Ev1');
    await store.save(progressFor('slack:T1:U"q', 'activate'));
    const lines = (await readFile(`${file}.journal`, 'utf8')).trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l).p.user)).toEqual(['console:local:ann', 'slack:T1:U"q']);
    await store.close();
    expect(await readdir(dir)).toEqual(['onboarding.json']);
    const snapshot = parseStoreFile(await readFile(file, 'utf8'), file);
    expect(snapshot.users['slack:T1:U"q']?.current).toBe('activate');
    expect(Object.keys(snapshot.deliveries)).toEqual(['Ev1']);
  });

  it('writes non-ASCII keys and ids into the snapshot intact', async () => {
    const file = join(await tempDir(), 'onboarding.json');
    const store = await openStore(file);
    await store.save({ ...progressFor('slack:T1:用户'), locale: 'zh-CN' }, '事件-1');
    const again = await reopen(store, file);
    expect((await again.load('slack:T1:用户'))?.locale).toBe('zh-CN');
    expect(await again.seen('事件-1')).toBe(true);
    await again.close();
    expect(Object.keys(parseStoreFile(await readFile(file, 'utf8'), file).users)).toEqual(['slack:T1:用户']);
  });

  it('finishes the saves in flight before close resolves, and refuses saves after', async () => {
    const file = join(await tempDir(), 'onboarding.json');
    const store = await openStore(file);
    const users = Array.from({ length: 100 }, (_, i) => `discord:G1:U${i}`);
    const saves = users.map((u) => store.save(progressFor(u)));
    await store.close();
    await Promise.all(saves);
    await expect(store.save(progressFor('discord:G1:late'))).rejects.toThrow(/closed/);
    expect(Object.keys(parseStoreFile(await readFile(file, 'utf8'), file).users)).toHaveLength(100);
  });

  it('rewrites the snapshot and cuts the journal once the journal passes its limit', async () => {
    const dir = await tempDir();
    const file = join(dir, 'onboarding.json');
    const store = await openStore(file, { journalLimitBytes: 4096 });
    for (let i = 0; i < 40; i++) await store.save(progressFor(`slack:T1:U${i}`), `Ev${i}`);
    await store.save(progressFor('slack:T1:last'));
    await waitFor(async () => (await readdir(dir)).includes('onboarding.json'));
    const journalBytes = (await readFile(`${file}.journal`)).length;
    expect(journalBytes).toBeLessThan(4096 + 1024);
    const snapshot = parseStoreFile(await readFile(file, 'utf8'), file);
    expect(Object.keys(snapshot.users).length).toBeGreaterThan(0);
    const again = await reopen(store, file);
    expect(await again.all()).toHaveLength(41);
    expect(await again.seen('Ev0')).toBe(true);
    await again.close();
  });

  it('opens a file written by the plain lowdb store and keeps its people', async () => {
    const file = join(await tempDir(), 'onboarding.json');
    const lowdb = await openLowdbStore(file);
    await lowdb.save(progressFor('console:local:ann', 'bind-card'), 'Ev7');
    await lowdb.close();
    const store = await openStore(file);
    expect((await store.load('console:local:ann'))?.current).toBe('bind-card');
    expect(await store.seen('Ev7')).toBe(true);
    await store.save(progressFor('console:local:bob'));
    const again = await reopen(store, file);
    expect((await again.all()).map((p) => p.user).sort()).toEqual(['console:local:ann', 'console:local:bob']);
    await again.close();
  });

  it('refuses to save a progress record that would not validate on the next start', async () => {
    const store = await openStore(join(await tempDir(), 'onboarding.json'));
    const bad = { ...progressFor('console:local:ann'), updatedAt: 'yesterday' };
    await expect(store.save(bad)).rejects.toThrow(/invalid progress/);
    expect(await store.all()).toEqual([]);
    await store.close();
  });
});

async function reopen(store: ProgressStore, file: string): Promise<ProgressStore> {
  await store.close();
  return openStore(file);
}

async function waitFor(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200 && !(await check()); i++) await new Promise((r) => setTimeout(r, 10));
}
