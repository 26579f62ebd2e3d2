import { readFileSync } from 'node:fs';
import { sharedFile } from './shared-dir.js';

/**
 * The guide the flow implements (shared/seed/reseller-registration-guide.md, Tencent Cloud's
 * "Registering as Reseller", read from the shared folder), so tests can check that every address in
 * it reaches the person.
 */
const GUIDE_FILE = sharedFile('seed', 'reseller-registration-guide.md');
if (!GUIDE_FILE)
  console.log('skipped: the guide-address checks (set GUIDEPOST_SHARED_DIR to the folder holding seed/)');

/**
 * The guide's 3 page links and 10 screenshot addresses, in order; undefined where the shared folder is
 * absent (the journeys still run, without comparing addresses with the guide).
 */
export const GUIDE_ADDRESSES: string[] | undefined = GUIDE_FILE
  ? [...readFileSync(GUIDE_FILE, 'utf8').matchAll(/\]\((https:[^)\s]+)\)/g)].map((m) => m[1] as string)
  : undefined;
