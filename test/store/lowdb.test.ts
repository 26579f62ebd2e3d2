import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STORE_FILE_VERSION } from '../../src/store/file-schema.js';
import { openLowdbStore } from '../../src/store/lowdb.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { progressFor } from './contract.js';
import { fileStoreContract } from './file-contract.js';

const tempDir = useTempDirs();

fileStoreContract('lowdb file', (file, now) => openLowdbStore(file, now));

describe('lowdb file store on disk', () => {
  it('creates nothing until the first save, then writes a versioned, readable file and no temp files', async () => {
    const dir = await tempDir();
    const file = join(dir, 'data', 'onboarding.json');
    const store = await openLowdbStore(file);
    expect(await readdir(dir)).toEqual(['data']);
    expect(await readdir(join(dir, 'data'))).toEqual([]);
    await store.save(progressFor('console:local:ann'));
    expect(await readdir(join(dir, 'data'))).toEqual(['onboarding.json']);
    const json = JSON.parse(await readFile(file, 'utf8'));
    expect(json.version).toBe(STORE_FILE_VERSION);
    expect(json.users['console:local:ann'].current).toBe('register');
  });
});
