import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StoreFileError } from '../../src/store/file-schema.js';
import { openStore } from '../../src/store/journal-store.js';
import { journalLine } from '../../src/store/replay.js';
import { restoreStore } from '../../src/store/restore.js';
import { runStoreCommand } from '../helpers/run-store-command.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { progressFor } from './contract.js';

const tempDir = useTempDirs();
const at = Date.parse('2026-11-27T10:00:00Z');

/** A store file holding these people, closed (a snapshot and nothing else). */
async function storeWith(file: string, users: string[]): Promise<void> {
  const store = await openStore(file, { now: () => at });
  for (const user of users) await store.save(progressFor(user));
  await store.close();
}

const people = async (file: string) => {
  const store = await openStore(file);
  const all = (await store.all()).map((p) => p.user).sort();
  await store.close();
  return all;
};

describe('restore', () => {
  // npm and tsx start a process of their own: seconds on a busy machine.
  it('refuses while a bot holds the store, naming STORE_FILE, and changes nothing', {
    timeout: 60_000,
  }, async () => {
    const dir = await tempDir();
    const file = join(dir, 'onboarding.json');
    const backup = join(dir, 'backup.json');
    await storeWith(backup, ['console:local:old']);
    const running = await openStore(file);
    try {
      await running.save(progressFor('console:local:now'));
      const files = (await readdir(dir)).sort();
      const result = await runStoreCommand('restore', backup, file);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`guidepost restore: STORE_FILE ${file} is in use`);
      expect(result.stderr).toContain('stop the bot, then restore');
      expect((await readdir(dir)).sort()).toEqual(files);
    } finally {
      await running.close();
    }
    expect(await people(file)).toEqual(['console:local:now']);
  });

  for (const [what, content] of [
    ['a corrupt backup', '{"version":2,"users":{'],
    ['a backup written by a newer version', JSON.stringify({ version: 3, users: {}, deliveries: {} })],
  ]) {
    it(`refuses ${what} by name before touching the store`, async () => {
      const dir = await tempDir();
      const file = join(dir, 'onboarding.json');
      await storeWith(file, ['console:local:ann']);
      const before = await readFile(file, 'utf8');
      const backup = join(dir, 'backup.json');
      await writeFile(backup, content as string);
      const error = await restoreStore(backup, file).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreFileError);
      expect((error as Error).message).toContain(`Store file ${backup} cannot be used`);
      expect((await readdir(dir)).sort()).toEqual(['backup.json', 'onboarding.json']);
      expect(await readFile(file, 'utf8')).toBe(before);
      expect(await readFile(backup, 'utf8')).toBe(content);
    });
  }

  it('keeps the current store (snapshot and journal) aside, untouched, and puts the backup in its place', async () => {
    const dir = await tempDir();
    const file = join(dir, 'onboarding.json');
    await storeWith(file, ['console:local:ann']);
    // A journal left beside it (a bot killed after a change): it belongs to the store being replaced.
    await writeFile(
      `${file}.journal`,
      journalLine(JSON.stringify(progressFor('console:local:bob')), 'D1', at),
    );
    const snapshot = await readFile(file, 'utf8');
    const journal = await readFile(`${file}.journal`, 'utf8');
    const backup = join(dir, 'backup.json');
    await storeWith(backup, ['console:local:cat', 'console:local:dan']);

    const { aside, people: count } = await restoreStore(backup, file);
    expect(count).toBe(2);
    expect(aside).toMatch(/onboarding\.json\.before-restore-\d{4}-/);
    expect(await readFile(join(aside as string, 'onboarding.json'), 'utf8')).toBe(snapshot);
    expect(await readFile(join(aside as string, 'onboarding.json.journal'), 'utf8')).toBe(journal);
    // The journal went with its snapshot: nothing of the old store is replayed over the backup.
    expect(await people(file)).toEqual(['console:local:cat', 'console:local:dan']);
    // And the kept store is whole: opened where it is, it has everyone it had.
    expect(await people(join(aside as string, 'onboarding.json'))).toEqual([
      'console:local:ann',
      'console:local:bob',
    ]);
  });

  it('refuses a store that still has its journal (restoring its document alone would lose changes)', async () => {
    const dir = await tempDir();
    const file = join(dir, 'onboarding.json');
    await storeWith(file, ['console:local:ann']);
    const other = join(dir, 'other.json');
    await storeWith(other, ['console:local:bob']);
    await writeFile(
      `${other}.journal`,
      journalLine(JSON.stringify(progressFor('console:local:cat')), 'D1', at),
    );
    const error = await restoreStore(other, file).catch((e: unknown) => e);
    expect((error as Error).message).toContain(
      `${other} has a journal beside it: it is a store, not a backup`,
    );
    expect(await people(file)).toEqual(['console:local:ann']);
  });

  it('restores into a folder that holds no store yet', async () => {
    const dir = await tempDir();
    const file = join(dir, 'new', 'onboarding.json');
    const backup = join(dir, 'backup.json');
    await storeWith(backup, ['console:local:ann']);
    expect(await restoreStore(backup, file)).toEqual({ people: 1, aside: undefined });
    expect(await people(file)).toEqual(['console:local:ann']);
  });
});
