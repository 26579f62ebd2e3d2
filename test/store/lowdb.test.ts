import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StoreFileError } from '../../src/store/file-schema.js';
import { openLowdbStore } from '../../src/store/lowdb.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { progressFor, storeContract } from './contract.js';

const tempDir = useTempDirs();

storeContract(
  'lowdb file',
  async () => {
    const file = join(await tempDir(), 'nested', 'onboarding.json');
    let now = Date.parse('2026-11-27T10:00:00Z');
    const clock = () => now;
    let store = await openLowdbStore(file, clock);
    return {
      store,
      advance: (ms) => {
        now += ms;
      },
      reopen: async () => {
        await store.close();
        store = await openLowdbStore(file, clock);
        return store;
      },
    };
  },
  { restarts: true },
);

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
    expect(json.version).toBe(1);
    expect(json.users['console:local:ann'].current).toBe('register');
  });

  const refused: [string, string][] = [
    ['corrupt JSON', '{"version":1,"users":{'],
    ['an empty file', ''],
    ['null', 'null'],
    ['a wrong version', JSON.stringify({ version: 99, users: {}, deliveries: {} })],
    [
      'a progress record of the wrong shape',
      JSON.stringify({ version: 1, users: { 'console:local:x': { current: 3 } }, deliveries: {} }),
    ],
    [
      'a record filed under another person',
      JSON.stringify({
        version: 1,
        users: { 'console:local:x': progressFor('console:local:y') },
        deliveries: {},
      }),
    ],
  ];
  for (const [what, content] of refused) {
    it(`refuses ${what}, names the file, and leaves it byte-for-byte unchanged`, async () => {
      const file = join(await tempDir(), 'onboarding.json');
      await writeFile(file, content);
      const error = await openLowdbStore(file).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(StoreFileError);
      expect((error as Error).message).toContain(file);
      expect(await readFile(file, 'utf8')).toBe(content);
    });
  }
});
