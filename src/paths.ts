import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder that holds Guidepost's package.json: found by walking up from this module, because the
 * module runs from two depths (`src/paths.ts` under tsx and in tests, `dist/main.js` as `npm start`'s
 * bundle), and the files read beside the code (locales, flows, package.json) stay where they are.
 */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
  return dir;
}

const PACKAGE_ROOT = packageRoot();

/** A file or folder of the package, e.g. `fromRoot('locales')`. */
export const fromRoot = (...parts: string[]): string => join(PACKAGE_ROOT, ...parts);
