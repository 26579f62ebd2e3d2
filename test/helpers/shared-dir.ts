import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A file of the workplace's shared folder (specs, the seed guide), which is read where it is and never
 * copied into the repository: `GUIDEPOST_SHARED_DIR`, else `shared/` beside the repository, else
 * `/work/shared`. Undefined where none has it (a fresh machine); the caller says so in one line.
 */
export function sharedFile(...parts: string[]): string | undefined {
  return [
    process.env.GUIDEPOST_SHARED_DIR,
    fileURLToPath(new URL('../../../shared', import.meta.url)),
    '/work/shared',
  ]
    .filter((dir): dir is string => Boolean(dir))
    .map((dir) => join(dir, ...parts))
    .find((file) => existsSync(file));
}
