import { readFileSync } from 'node:fs';
import { fromRoot } from './paths.js';

/** Guidepost's version, from package.json (read once, at start-up). */
export const VERSION: string = (
  JSON.parse(readFileSync(fromRoot('package.json'), 'utf8')) as { version: string }
).version;
