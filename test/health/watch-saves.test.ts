import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { Progress } from '../../src/core/index.js';
import { watchSaves } from '../../src/health/watch-saves.js';
import { openStore } from '../../src/store/journal-store.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs();

const progress = (user: string) =>
  ({
    user,
    flowId: 'reseller',
    flowVersion: 1,
    current: 'register',
    steps: {},
    updatedAt: '2026-11-27T10:00:00.000Z',
  }) as unknown as Progress;

it('the last save outcome follows the real store: none, ok, then failed once a save is refused', async () => {
  const store = await openStore(join(await tempDir(), 'onboarding.json'));
  const watched = watchSaves(store);
  expect(watched.lastSave()).toBe('none');
  await watched.store.save(progress('console:local:ann'));
  expect(watched.lastSave()).toBe('ok');
  expect((await watched.store.load('console:local:ann' as never))?.current).toBe('register');
  await store.close();
  await expect(watched.store.save(progress('console:local:bob'))).rejects.toThrow();
  expect(watched.lastSave()).toBe('failed');
});
