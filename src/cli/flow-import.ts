/**
 * `npm run flow:import -- <guide.en.md> [<guide.zh.md>] --id <flow id> [--out <folder>] [--force]`:
 * writes `<out>/src/flows/<id>.json` and `<out>/locales/<language>/<id>.json` (out: this package).
 */
import { access, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { NamedError } from '../core/errors.js';
import { importGuides } from '../flows/import/import-guides.js';
import { fromRoot } from '../paths.js';

const USAGE =
  'usage: npm run flow:import -- <guide.en.md> [<guide.zh.md>] --id <flow id> [--out <folder>] [--force]';

async function main(): Promise<string> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse();
  } catch (error) {
    throw new NamedError('USAGE', `${(error as Error).message}\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (!values.id || positionals.length < 1 || positionals.length > 2) throw new NamedError('USAGE', USAGE);
  const here = process.env.INIT_CWD ?? process.cwd();
  const files = positionals.map((f) => resolve(here, f));
  const { flow, locales } = await importGuides(values.id, files);
  const out = values.out ? resolve(here, values.out) : fromRoot();
  const writes: [string, unknown][] = [
    [join(out, 'src', 'flows', `${flow.id}.json`), flow],
    ...Object.entries(locales).map(([language, texts]): [string, unknown] => [
      join(out, 'locales', language, `${flow.id}.json`),
      texts,
    ]),
  ];
  if (!values.force)
    for (const [file] of writes)
      if (await exists(file)) throw new NamedError('USAGE', `${file} exists (add --force to replace it)`);
  for (const [file, content] of writes) {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, `${JSON.stringify(content, null, 2)}\n`);
  }
  const steps = flow.stages.reduce((sum, s) => sum + s.steps.length, 0);
  return `Imported "${flow.id}": ${flow.stages.length} stages, ${steps} steps. Wrote:\n${writes.map(([f]) => `  ${f}`).join('\n')}\nRewrite the texts in your own words, describe each screenshot, then run npm run flow:check.`;
}

const parse = () =>
  parseArgs({
    options: { id: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean' } },
    allowPositionals: true,
  });

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

main().then(
  (done) => {
    process.stdout.write(`${done}\n`);
  },
  (error: unknown) => {
    const known = error instanceof Error && 'code' in error;
    process.stderr.write(`guidepost flow:import: ${known ? (error as Error).message : String(error)}\n`);
    process.exitCode = 1;
  },
);
