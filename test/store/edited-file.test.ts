import { readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseStoreFile } from '../../src/store/file-schema.js';
import { openStore } from '../../src/store/journal-store.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { progressFor } from './contract.js';

const tempDir = useTempDirs();

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 300 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
}

describe('a store file edited while the bot runs', () => {
  it('is not overwritten at the next snapshot: the failure names the file, and the journal keeps every change', async () => {
    const file = join(await tempDir(), 'onboarding.json');
    const written: unknown[] = [];
    const failed: Error[] = [];
    const store = await openStore(file, {
      journalLimitBytes: 1,
      snapshotRetryMs: 60_000,
      onSnapshot: (info) => written.push(info),
      onSnapshotFailed: (error) => failed.push(error),
    });
    await store.save(progressFor('console:local:ann'));
    await until(() => written.length === 1);
    expect(written).toHaveLength(1);

    // Someone edits the snapshot by hand while the bot runs.
    const data = parseStoreFile(await readFile(file, 'utf8'), file);
    const ann = data.users['console:local:ann'];
    if (!ann) throw new Error('ann missing from the snapshot');
    data.users['console:local:ann'] = { ...ann, current: 'activate' };
    const edited = `${JSON.stringify(data, null, 2)}\n`;
    await writeFile(file, edited);

    await store.save(progressFor('console:local:bob'), 'Ev-bob');
    await until(() => failed.length === 1);
    expect(failed[0]?.message).toContain(file);
    expect(failed[0]?.message).toMatch(/changed/);
    expect(await readFile(file, 'utf8')).toBe(edited);
    expect(store.health()).toEqual({ writable: false, lastError: expect.stringContaining(file) });
    // Saving still works meanwhile: the journal holds it.
    await store.save(progressFor('console:local:cy'));

    await expect(store.close()).rejects.toThrow(/changed/);
    expect(await readFile(file, 'utf8')).toBe(edited);
    expect((await readdir(dirname(file))).some((f) => f.includes('journal'))).toBe(true);

    // Restarted: the edit is read, and the journal replayed over it loses nothing.
    const again = await openStore(file);
    expect((await again.load('console:local:ann'))?.current).toBe('activate');
    expect(await again.load('console:local:bob')).toBeDefined();
    expect(await again.load('console:local:cy')).toBeDefined();
    expect(await again.seen('Ev-bob')).toBe(true);
    await again.close();
  });
});
