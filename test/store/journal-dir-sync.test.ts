import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/run-main.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const hasStrace = spawnSync('strace', ['-qq', '-e', 'trace=none', 'true']).status === 0;
const NAME = 'a new journal file’s folder is fsynced before the first line in it is acknowledged';
const tempDir = useTempDirs();

/** strace -f lines, with calls split by a thread switch (`<unfinished ...>` / `resumed>`) joined again. */
function calls(trace: string): string[] {
  const pending = new Map<string, string>();
  const out: string[] = [];
  for (const line of trace.split('\n')) {
    const [, pid, rest] = /^(\d+)\s+(.*)$/.exec(line) ?? [];
    if (!pid || rest === undefined) continue;
    if (rest.endsWith('<unfinished ...>')) pending.set(pid, rest.replace(' <unfinished ...>', ''));
    else if (rest.startsWith('<...')) {
      out.push(`${pending.get(pid) ?? ''}${rest.replace(/^<\.\.\. \w+ resumed>/, '')}`);
      pending.delete(pid);
    } else out.push(rest);
  }
  return out;
}

describe('journal durability', () => {
  it.runIf(hasStrace)(
    hasStrace ? NAME : `${NAME} (skipped: needs strace(1))`,
    async () => {
      const dir = await tempDir();
      const file = join(dir, 'store.json');
      const log = join(dir, 'trace.txt');
      const args = ['-f', '-qq', '-e', 'trace=openat,fsync,fdatasync', '-o', log, process.execPath];
      const run = spawnSync(
        'strace',
        [...args, '--import', 'tsx', 'test/helpers/new-journal-child.ts', file],
        {
          cwd: ROOT,
        },
      );
      expect(run.status, run.stderr.toString()).toBe(0);
      const trace = calls(await readFile(log, 'utf8'));

      const created = trace.findIndex((c) => c.includes(`"${file}.journal"`) && c.includes('O_CREAT'));
      const journalFd = /= (\d+)$/.exec(trace[created] ?? '')?.[1];
      const firstSync = trace.findIndex((c, i) => i > created && c.startsWith(`fdatasync(${journalFd})`));
      expect(created).toBeGreaterThanOrEqual(0);
      expect(firstSync).toBeGreaterThan(created);
      const between = trace.slice(created + 1, firstSync);
      const dirFds = between.flatMap((c) => (c.includes(`"${dir}"`) ? (/= (\d+)$/.exec(c)?.[1] ?? []) : []));
      expect(
        between.some((c) => dirFds.some((fd) => c.startsWith(`fsync(${fd})`) && c.endsWith('= 0'))),
      ).toBe(true);
    },
    60_000,
  );
});
