import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ROOT } from '../helpers/run-main.js';

/** Every .ts file under `dir`, relative to the repository. */
async function sources(dir: string): Promise<string[]> {
  const entries = await readdir(join(ROOT, dir), { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => join(e.parentPath, e.name).slice(ROOT.length));
}

it('every error class we raise on purpose extends GuidepostError (a code from the union, its own name)', async () => {
  const offenders: string[] = [];
  for (const file of [...(await sources('src')), ...(await sources('adapters'))]) {
    const text = await readFile(join(ROOT, file), 'utf8');
    for (const m of text.matchAll(/class (\w+) extends Error\b/g))
      if (!file.endsWith('core/errors.ts')) offenders.push(`${file}: ${m[1]}`);
  }
  expect(offenders).toEqual([]);
});
