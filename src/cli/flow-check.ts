/**
 * `npm run flow:check [-- --flows <folder> --locales <folder>]`: every flow with its texts in every
 * language (defaults: this package's src/flows and locales). Prints each problem as
 * `<file>: <path>: <message>` and exits 1 if there is any.
 */
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkFlows } from '../flows/check.js';
import { fromRoot } from '../paths.js';

const USAGE = 'usage: npm run flow:check [-- --flows <folder> --locales <folder>]';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { flows: { type: 'string' }, locales: { type: 'string' } } });
  const here = process.env.INIT_CWD ?? process.cwd();
  const flowsDir = values.flows ? resolve(here, values.flows) : fromRoot('src', 'flows');
  const localesDir = values.locales ? resolve(here, values.locales) : fromRoot('locales');
  const report = await checkFlows({ flowsDir, localesDir });
  for (const p of report.problems)
    process.stderr.write(`${relative(here, p.file) || p.file}: ${p.path}: ${p.message}\n`);
  const summary = `${report.flows} flows, ${report.languages.length} languages (${report.languages.join(', ')})`;
  if (report.problems.length) {
    process.stderr.write(`flow:check: ${summary}, ${report.problems.length} problems\n`);
    return 1;
  }
  process.stdout.write(`flow:check: ${summary}, OK\n`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const code = (error as NodeJS.ErrnoException).code;
    const usage = code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE';
    process.stderr.write(`guidepost flow:check: ${(error as Error).message}${usage ? `\n${USAGE}` : ''}\n`);
    process.exitCode = 1;
  },
);
