import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StoreFileError } from '../../src/store/file-schema.js';
import { openStore } from '../../src/store/journal-store.js';
import { journalLine } from '../../src/store/replay.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { progressFor } from './contract.js';

const tempDir = useTempDirs();
const at = Date.parse('2026-11-27T10:00:00Z');
const line = (user: string, current: string, id?: string) =>
  journalLine(JSON.stringify(progressFor(user, current)), id, at);

async function refusal(file: string): Promise<Error> {
  const error = await openStore(file, { now: () => at }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StoreFileError);
  return error as Error;
}

describe('journaled store: start-up from the files on disk', () => {
  it('replays the journal over the snapshot, the latest line per person winning', async () => {
    const file = join(await tempDir(), 'onboarding.json');
    await writeFile(
      file,
      JSON.stringify({ version: 1, users: { 'slack:T1:A': progressFor('slack:T1:A') }, deliveries: {} }),
    );
    await writeFile(
      `${file}.journal`,
      line('slack:T1:A', 'activate', 'E1') + line('slack:T1:B', 'register') + line('slack:T1:A', 'bind-card'),
    );
    const store = await openStore(file, { now: () => at });
    expect((await store.load('slack:T1:A'))?.current).toBe('bind-card');
    expect((await store.load('slack:T1:B'))?.current).toBe('register');
    expect(await store.seen('E1')).toBe(true);
    await store.close();
  });

  it('replays staff actions written with the change they made, and continues their sequence', async () => {
    const file = join(await tempDir(), 'onboarding.json');
    const entry = (id: string) =>
      JSON.stringify({
        id,
        at: '2026-11-27T10:00:00.000Z',
        by: 'console:local:me',
        action: 'reset',
        target: 'slack:T1:A',
      });
    const reset = JSON.stringify(progressFor('slack:T1:A', null));
    await writeFile(
      `${file}.journal`,
      journalLine(reset, undefined, at, entry('A1')) + journalLine(undefined, undefined, at, entry('A2')),
    );
    const store = await openStore(file, { now: () => at });
    expect((await store.load('slack:T1:A'))?.current).toBeNull();
    expect((await store.auditLog()).map((e) => e.id)).toEqual(['A2', 'A1']);
    expect(
      (await store.record({ at: '2026-11-27T10:00:00.000Z', by: 'console:local:me', action: 'export' })).id,
    ).toBe('A3');
    await store.close();
  });

  it('drops a torn last line, cuts it off, and appends after it cleanly', async () => {
    const dir = await tempDir();
    const file = join(dir, 'onboarding.json');
    const whole = line('slack:T1:A', 'activate');
    await writeFile(`${file}.journal`, whole + line('slack:T1:B', 'activate').slice(0, 40));
    const store = await openStore(file, { now: () => at });
    expect((await store.all()).map((p) => p.user)).toEqual(['slack:T1:A']);
    expect(await readFile(`${file}.journal`, 'utf8')).toBe(whole);
    await store.save(progressFor('slack:T1:C'));
    expect((await readFile(`${file}.journal`, 'utf8')).split('\n')).toHaveLength(3);
    await store.close();
  });

  const corrupt: [string, string][] = [
    ['a line that is not JSON', '{"p":{"user"\n'],
    ['a record of the wrong shape', '{"p":{"user":"slack:T1:X"},"t":"2026-11-27T10:00:00.000Z"}\n'],
    ['an empty line', '\n'],
  ];
  for (const [what, bad] of corrupt) {
    it(`refuses ${what} before the last, naming the journal and the line, changing no file`, async () => {
      const dir = await tempDir();
      const file = join(dir, 'onboarding.json');
      const snapshot = JSON.stringify({ version: 1, users: {}, deliveries: {} });
      const journal = line('slack:T1:A', 'activate') + bad + line('slack:T1:B', 'activate');
      await writeFile(file, snapshot);
      await writeFile(`${file}.journal`, journal);
      const error = await refusal(file);
      expect(error.message).toContain(`${file}.journal`);
      expect(error.message).toContain('line 2');
      expect(await readFile(file, 'utf8')).toBe(snapshot);
      expect(await readFile(`${file}.journal`, 'utf8')).toBe(journal);
      expect((await readdir(dir)).sort()).toEqual(['onboarding.json', 'onboarding.json.journal']);
    });
  }

  it('refuses a snapshot that is not a valid store file, naming it, leaving it and the journal alone', async () => {
    const file = join(await tempDir(), 'onboarding.json');
    const snapshot = '{"version":1,"users":{\n"slack:T1:A":{"user":"slack:T1:A"}\n},"deliveries":{\n}}\n';
    await writeFile(file, snapshot);
    await writeFile(`${file}.journal`, line('slack:T1:A', 'activate'));
    expect((await refusal(file)).message).toContain(file);
    expect(await readFile(file, 'utf8')).toBe(snapshot);
    expect(await readFile(`${file}.journal`, 'utf8')).toBe(line('slack:T1:A', 'activate'));
  });

  it('refuses our own layout with a missing comma, as any JSON reader would', async () => {
    const file = join(await tempDir(), 'onboarding.json');
    const p = (u: string) => `${JSON.stringify(u)}:${JSON.stringify(progressFor(u))}`;
    await writeFile(
      file,
      `{"version":1,"users":{\n${p('slack:T1:A')}\n${p('slack:T1:B')}\n},"deliveries":{\n}}\n`,
    );
    await refusal(file);
  });

  it('keeps a delivery id with quotes and backslashes across a snapshot rewrite and a restart', async () => {
    const file = join(await tempDir(), 'onboarding.json');
    const odd = 'Ev "quoted" \\ and ":" inside';
    const store = await openStore(file, { now: () => at });
    await store.save(progressFor('slack:T1:A'), odd);
    await store.close();
    const again = await openStore(file, { now: () => at });
    expect(await again.seen(odd)).toBe(true);
    expect((await again.load('slack:T1:A'))?.user).toBe('slack:T1:A');
    await again.close();
  });

  it('finishes a snapshot cut short: replays the .old journal, rewrites the snapshot, removes .old', async () => {
    const dir = await tempDir();
    const file = join(dir, 'onboarding.json');
    await writeFile(
      `${file}.journal.old`,
      line('slack:T1:A', 'activate') + line('slack:T1:B', 'register', 'E2'),
    );
    await writeFile(`${file}.journal`, line('slack:T1:A', 'bind-card'));
    const store = await openStore(file, { now: () => at });
    expect((await readdir(dir)).sort()).toEqual([
      'onboarding.json',
      'onboarding.json.journal',
      'onboarding.json.lock',
    ]);
    expect((await store.load('slack:T1:A'))?.current).toBe('bind-card');
    expect(await store.seen('E2')).toBe(true);
    await store.close();
    const again = await openStore(file, { now: () => at });
    expect((await again.all()).map((p) => [p.user, p.current]).sort()).toEqual([
      ['slack:T1:A', 'bind-card'],
      ['slack:T1:B', 'register'],
    ]);
    await again.close();
  });
});
