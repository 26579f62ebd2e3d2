import { readFileSync } from 'node:fs';

/**
 * The guide the flow implements (a copy of shared/seed/reseller-registration-guide.md, Tencent Cloud's
 * "Registering as Reseller"), so tests can check that every address in it reaches the person.
 */
const GUIDE = readFileSync(new URL('../fixtures/reseller-registration-guide.md', import.meta.url), 'utf8');

/** The guide's 3 page links and 10 screenshot addresses, in order. */
export const GUIDE_ADDRESSES = [...GUIDE.matchAll(/\]\((https:[^)\s]+)\)/g)].map((m) => m[1] as string);
