import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { leafKeys, readLocales } from '../../../src/i18n/translator.js';

const ADAPTER_DIR = fileURLToPath(new URL('../../../adapters/discord/', import.meta.url));

it('speaks the same Discord texts in every language, and every key the adapter uses exists', async () => {
  const resources = await readLocales();
  const keysOf = (language: string) => leafKeys(resources[language]?.discord ?? {}).sort();
  const english = keysOf('en');
  expect(english.length).toBeGreaterThan(0);
  for (const language of Object.keys(resources)) expect(keysOf(language)).toEqual(english);

  const files = (await readdir(ADAPTER_DIR)).filter((f) => f.endsWith('.ts'));
  const sources = await Promise.all(files.map((f) => readFile(`${ADAPTER_DIR}${f}`, 'utf8')));
  const used = sources.flatMap((s) => [...s.matchAll(/'discord:([a-z0-9.-]+)'/g)].map((m) => m[1] as string));
  expect(used.length).toBeGreaterThan(0);
  expect(english).toEqual(expect.arrayContaining([...new Set(used)]));
});
