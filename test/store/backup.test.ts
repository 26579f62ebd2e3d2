import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BackupError, backupStore } from '../../src/store/backup.js';
import { StoreFileError } from '../../src/store/file-schema.js';
import { openStore } from '../../src/store/journal-store.js';
import { readSnapshot } from '../../src/store/snapshot-read.js';
import { StoreState } from '../../src/store/state.js';
import { runStoreCommand } from '../helpers/run-store-command.js';
import { eachLine, type StoreChild, spawnStoreChild } from '../helpers/spawn-store-child.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs();
const BACKUPS = 15;
const base = Date.parse('2026-11-27T10:00:00Z');

/** What a churning store child has acknowledged so far: each person's highest sequence number, some ids. */
class Acks {
  readonly users = new Map<string, number>();
  readonly ids: string[] = [];
  count = 0;

  follow(child: StoreChild): Promise<void> {
    return new Promise((ready) =>
      eachLine(child.stdout as NodeJS.ReadableStream, (line) => {
        const [word, user, seq] = line.split(' ');
        if (word === 'ready') return ready();
        this.users.set(user as string, Math.max(this.users.get(user as string) ?? -1, Number(seq)));
        if (Number(seq) % 50 === 0) this.ids.push(`D${seq}`);
        this.count++;
      }),
    );
  }

  /** A copy of what is acknowledged now. */
  now(): { users: Map<string, number>; ids: string[] } {
    return { users: new Map(this.users), ids: [...this.ids] };
  }
}

const waitFor = async (what: () => boolean) => {
  while (!what()) await new Promise((r) => setTimeout(r, 20));
};

const randomPause = () => new Promise<void>((r) => setTimeout(r, Math.random() * 10));

const inode = (path: string) =>
  stat(path, { bigint: true }).then(
    (s) => s.ino,
    () => undefined,
  );

/** A pause that, the first time only, waits until the store has finished a compaction (at most 10 s). */
function onceAfterCompaction(file: string): () => Promise<void> {
  let done = false;
  return async () => {
    if (done) return;
    done = true;
    const first = await inode(`${file}.journal`);
    const deadline = Date.now() + 10_000;
    for (;;) {
      const now = await inode(`${file}.journal`);
      if (now !== undefined && now !== first && (await inode(`${file}.journal.old`)) === undefined) return;
      if (Date.now() > deadline) throw new Error('no compaction within 10 s');
      await new Promise((r) => setTimeout(r, 5));
    }
  };
}

/** Each person's sequence number in a store file (the child writes it as updatedAt - base). */
async function readBackup(file: string): Promise<StoreState> {
  const state = new StoreState();
  await readSnapshot(file, state);
  return state;
}

const seqOf = (state: StoreState, user: string) => {
  const text = state.text(user);
  return text === undefined ? undefined : Date.parse(JSON.parse(text).updatedAt) - base;
};

describe('backup of a store in use', () => {
  it(`holds every change acknowledged before each of ${BACKUPS} backups began, while compactions run; restore puts one back`, {
    timeout: 120_000,
  }, async () => {
    const dir = await tempDir();
    const file = join(dir, 'onboarding.json');
    const acks = new Acks();
    // The child compacts every 64 KB of journal: several snapshot rewrites a second, racing the copies.
    // (At 16 KB a rotation came faster than a copy with its test pauses, up to 30 ms: on a fast machine
    // all 20 copies of one backup could race, and the test failed without anything being wrong.)
    const child = spawnStoreChild(['churn', file, '0', '64']);
    try {
      await acks.follow(child);
      await waitFor(() => acks.count > 200);
      let attempts = 0;
      for (let i = 0; i < BACKUPS; i++) {
        const before = acks.now();
        const out = join(dir, `backup-${i}.json`);
        // One backup in three copies as it comes; one pauses up to 10 ms after each file it opens; one
        // waits, after opening the first file, for a whole compaction (the journal renamed, a new
        // snapshot, .old removed), which must be seen and the copy made again.
        const forced = i % 3 === 2;
        const pause = forced ? onceAfterCompaction(file) : i % 3 ? randomPause : undefined;
        const { attempts: tries } = await backupStore(file, out, pause ? { pause } : {});
        if (forced) expect(tries, 'copies made around a compaction').toBeGreaterThan(1);
        attempts += tries;
        const state = await readBackup(out);
        for (const [user, seq] of before.users) expect(seqOf(state, user), user).toBeGreaterThanOrEqual(seq);
        for (const id of before.ids) expect(state.seen(id, Date.now()), id).toBe(true);
      }
      // The operator's command, then a restore of what it wrote, with the bot stopped.
      const before = acks.now();
      const out = join(dir, 'by-command.json');
      const backedUp = await runStoreCommand('backup', out, file);
      expect(backedUp.stderr).toBe('');
      expect(backedUp.stdout).toContain(`to ${out}`);
      child.kill('SIGKILL');
      await child.closed;
      const restored = await runStoreCommand('restore', out, file);
      expect(restored.stderr).toBe('');
      expect(restored.stdout).toMatch(/previous store is kept in .*onboarding\.json\.before-restore-/);
      const store = await openStore(file);
      const saved = new Map((await store.all()).map((p) => [p.user, Date.parse(p.updatedAt) - base]));
      for (const [user, seq] of before.users) expect(saved.get(user), user).toBeGreaterThanOrEqual(seq);
      for (const id of before.ids) expect(await store.seen(id), id).toBe(true);
      await store.close();
      console.log(
        `backup test: ${BACKUPS + 1} backups during ${acks.count} acknowledged saves, ` +
          `${attempts - BACKUPS} copies made again after a compaction was seen under them`,
      );
    } finally {
      child.kill('SIGKILL');
      await child.closed;
    }
  });

  it('refuses a store written by a newer version, naming the store file, not its copy', async () => {
    const dir = await tempDir();
    const file = join(dir, 'onboarding.json');
    const content = JSON.stringify({ version: 3, users: {}, deliveries: {}, audit: {} });
    await writeFile(file, content);
    const error = await backupStore(file, join(dir, 'b.json')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreFileError);
    expect((error as Error).message).toContain(`Store file ${file} cannot be used`);
    expect((error as Error).message).toContain('newer version of Guidepost (store file version 3');
    expect(await readFile(file, 'utf8')).toBe(content);
    expect(await readdir(dir)).toEqual(['onboarding.json']);
  });

  it('names STORE_FILE when there is no store there', async () => {
    const dir = await tempDir();
    const error = await backupStore(join(dir, 'nothing.json'), join(dir, 'b.json')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackupError);
    expect((error as Error).message).toMatch(/^STORE_FILE .*nothing\.json holds no store/);
  });
});
