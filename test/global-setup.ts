import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Builds dist/main.js before any test runs: the tests that start `npm start`'s command, the image's entry
 * point or the systemd unit's run that bundle, and must run the code under test, not an older build.
 */
export default function setup(): void {
  execFileSync(process.execPath, ['deploy/build.mjs'], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    stdio: 'inherit',
  });
}
