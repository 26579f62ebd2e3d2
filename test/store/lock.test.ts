import { spawn } from 'node:child_process';
import { readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/journal-store.js';
import { StoreLockedError } from '../../src/store/lock.js';
import { eachLine, type StoreChild, spawnStoreChild } from '../helpers/spawn-store-child.js';
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

  it('records who owns it in the lock file, for people, and removes the record on close', async () => {
    const file = join(await tempDir(), 'onboarding.json');
    const store = await openStore(file);
    const record = JSON.parse(await readFile(`${file}.lock`, 'utf8'));
    expect(record).toMatchObject({ pid: process.pid, host: hostname() });
    expect(Date.parse(record.startedAt)).not.toBeNaN();
    await store.close();
    await expect(readFile(`${file}.lock`, 'utf8')).rejects.toThrow(/ENOENT/);
  });
});

// A lock written on another host (or a container with its own network) is out of the kernel lock's sight.
describe.runIf(process.platform === 'linux')('a lock file from another host', () => {
  const quick = { lock: { heartbeat: { everyMs: 40, staleMs: 400 } } };
  const otherHost = JSON.stringify({ pid: 4242, host: 'other-box', startedAt: '2026-01-01' });

  it('is refused while its owner keeps refreshing it, naming the owner', async () => {
    const file = join(await tempDir(), 'onboarding.json');
    await writeFile(`${file}.lock`, otherHost);
    const beat = setInterval(() => {
      const now = new Date();
      utimes(`${file}.lock`, now, now).catch(() => undefined);
    }, 40);
    try {
      const error = await openStore(file, quick).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreLockedError);
      expect((error as Error).message).toContain('in use by process 4242 on host other-box');
      expect((error as Error).message).toContain('still refreshes its lock');
    } finally {
      clearInterval(beat);
    }
  });

  it('is taken over when nobody refreshes it (a container recreated after a crash, with a new host name)', async () => {
    const file = join(await tempDir(), 'onboarding.json');
    await writeFile(`${file}.lock`, otherHost);
    const old = new Date(Date.now() - 60_000);
    await utimes(`${file}.lock`, old, old);
    const store = await openStore(file, quick);
    expect(JSON.parse(await readFile(`${file}.lock`, 'utf8'))).toMatchObject({ host: hostname() });
    await store.close();
    // A fresh-looking lock that nobody refreshes is taken over once it has gone a stale period unrefreshed.
    await writeFile(`${file}.lock`, otherHost);
    await (await openStore(file, quick)).close();
  });

  it('is what the owner keeps refreshing while it runs', async () => {
    const file = join(await tempDir(), 'onboarding.json');
    const store = await openStore(file, quick);
    const before = (await stat(`${file}.lock`)).mtimeMs;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await stat(`${file}.lock`)).mtimeMs).toBeGreaterThan(before);
    await store.close();
  });
});

// Issue 10: in a container the restarted process often gets the dead one's pid (1, or this test's own).
describe.runIf(process.platform === 'linux')('after a crash, on Linux (the kernel holds the lock)', () => {
  it("starts although the dead owner's pid now belongs to this very process", async () => {
    const file = join(await tempDir(), 'onboarding.json');
    await writeFile(`${file}.lock`, `${process.pid}\n`);
    await (await openStore(file)).close();
  });

  it("starts although the dead owner's pid now belongs to another live process", async () => {
    const file = join(await tempDir(), 'onboarding.json');
    await writeFile(`${file}.lock`, `${process.ppid}\n`);
    await (await openStore(file)).close();
  });

  it('starts while the killed owner is still a zombie (not yet reaped by its parent)', {
    timeout: 60_000,
  }, async () => {
    const file = join(await tempDir(), 'onboarding.json');
    const { parent, pid } = await storeChildUnderSleepingParent(file);
    process.kill(pid, 'SIGKILL');
    while (!(await readFile(`/proc/${pid}/stat`, 'utf8')).match(/^\d+ \(.*\) Z/))
      await new Promise((r) => setTimeout(r, 20));
    try {
      await (await openStore(file)).close();
    } finally {
      parent.kill('SIGKILL');
      await parent.closed;
    }
  });
});

const STORE_CHILD = fileURLToPath(new URL('../helpers/store-child.ts', import.meta.url));

/**
 * A store child whose parent is `sleep` (sh runs it in the background, then becomes sleep), which never
 * reaps it: once killed it stays a zombie until the parent is killed too.
 */
async function storeChildUnderSleepingParent(file: string): Promise<{ parent: StoreChild; pid: number }> {
  const script = 'exec 3<&0; "$0" --import tsx "$1" hold "$2" <&3 & exec sleep 60';
  const parent = spawn('sh', ['-c', script, process.execPath, STORE_CHILD, file], { stdio: 'pipe' });
  const closed = new Promise<number | null>((resolve) => parent.once('close', resolve));
  const line = await new Promise<string>((resolve) =>
    eachLine(parent.stdout as NodeJS.ReadableStream, resolve),
  );
  expect(line).toMatch(/^open \d+$/);
  return { parent: Object.assign(parent, { closed }), pid: Number(line.split(' ')[1]) };
}
