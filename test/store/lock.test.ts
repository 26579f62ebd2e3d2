import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/journal-store.js';
import { StoreLockedError } from '../../src/store/lock.js';
import { eachLine, spawnStoreChild } from '../helpers/spawn-store-child.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { progressFor } from './contract.js';

const tempDir = useTempDirs();

describe('one process owns a store', () => {
  it('refuses a second opener in the same process, naming the file and the lock', async () => {
    const file = join(await tempDir(), 'onboarding.json');
    const store = await openStore(file);
    const error = await openStore(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreLockedError);
    expect((error as Error).message).toContain(`${file} is already in use by this process`);
    await store.close();
    await (await openStore(file)).close();
  });

  it('refuses another process while this one holds the store', async () => {
    const file = join(await tempDir(), 'onboarding.json');
    const store = await openStore(file);
    const child = spawnStoreChild(['hold', file]);
    let stderr = '';
    eachLine(child.stderr as NodeJS.ReadableStream, (l) => {
      stderr += l;
    });
    expect(await child.closed).toBe(1);
    expect(stderr).toContain(`already in use by process ${process.pid}`);
    await store.close();
  });

  it('is refused while another process holds the store, and opens once it has closed', async () => {
    const file = join(await tempDir(), 'onboarding.json');
    const child = spawnStoreChild(['hold', file]);
    const opened = new Promise<string>((resolve) => eachLine(child.stdout as NodeJS.ReadableStream, resolve));
    expect(await opened).toBe(`open ${child.pid}`);
    const error = await openStore(file).catch((e: unknown) => e);
    expect((error as Error).message).toContain(`already in use by process ${child.pid}`);
    child.stdin?.end();
    expect(await child.closed).toBe(0);
    await (await openStore(file)).close();
  });

  it('takes over a lock left by a process that is gone', async () => {
    const file = join(await tempDir(), 'onboarding.json');
    const child = spawnStoreChild(['hold', file]);
    await new Promise((resolve) => eachLine(child.stdout as NodeJS.ReadableStream, resolve));
    child.kill('SIGKILL');
    await child.closed;
    const store = await openStore(file);
    await store.save(progressFor('console:local:ann'));
    await store.close();
  });

  it('treats an unreadable lock file as stale', async () => {
    const file = join(await tempDir(), 'onboarding.json');
    await writeFile(`${file}.lock`, 'garbage');
    await (await openStore(file)).close();
  });
});
