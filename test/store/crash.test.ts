import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/journal-store.js';
import { eachLine, spawnStoreChild } from '../helpers/spawn-store-child.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs();
const KILLS = 32;
const at = Date.parse('2026-11-27T10:00:00Z');

describe('crash test: SIGKILL at random moments', () => {
  it(`loses no acknowledged update over ${KILLS} kills`, { timeout: 300_000 }, async () => {
    const file = join(await tempDir(), 'onboarding.json');
    const acked = new Map<string, number>();
    const ackedIds: string[] = [];
    let totalAcks = 0;
    let midSnapshot = 0;
    let torn = 0;
    for (let run = 0; run < KILLS; run++) {
      const child = spawnStoreChild(['churn', file, String(run * 1_000_000)]);
      const ready = new Promise<void>((resolve) =>
        eachLine(child.stdout as NodeJS.ReadableStream, (line) => {
          const [word, user, seq] = line.split(' ');
          if (word === 'ready') return resolve();
          acked.set(user as string, Math.max(acked.get(user as string) ?? -1, Number(seq)));
          if (Number(seq) % 50 === 0) ackedIds.push(`D${seq}`);
          totalAcks++;
        }),
      );
      await ready;
      // Kill anywhere from mid start-up work to well into the stream (and its snapshot rewrites).
      await new Promise((r) => setTimeout(r, Math.random() * 250));
      child.kill('SIGKILL');
      await child.closed;

      if (
        await stat(`${file}.journal.old`).then(
          () => true,
          () => false,
        )
      )
        midSnapshot++;
      const journal = await readFile(`${file}.journal`, 'utf8').catch(() => '');
      if (journal && !journal.endsWith('\n')) torn++;
      // Opening takes over the dead child's lock, drops a torn line, finishes a cut-short snapshot.
      const store = await openStore(file, { now: () => at });
      const saved = new Map((await store.all()).map((p) => [p.user, Date.parse(p.updatedAt) - at]));
      for (const [user, seq] of acked) expect(saved.get(user), user).toBeGreaterThanOrEqual(seq);
      for (const id of ackedIds) expect(await store.seen(id), id).toBe(true);
      await store.close();
    }
    console.log(
      `crash test: ${KILLS} kills, ${totalAcks} acknowledged saves, all present after every kill; ` +
        `${midSnapshot} kills during a snapshot rewrite, ${torn} torn journal tails dropped`,
    );
    expect(totalAcks).toBeGreaterThan(KILLS * 10);
  });
});
