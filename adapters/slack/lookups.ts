import type { Profile, Web } from './web.js';

interface Entry<T> {
  until: number;
  value: Promise<T>;
}

/** A small cache of per-person look-ups: bounded, with an age limit, shared by concurrent callers. */
function cached<T>(load: (key: string) => Promise<{ value: T; keepMs: number }>, max = 5000) {
  const entries = new Map<string, Entry<T>>();
  return (key: string): Promise<T> => {
    const hit = entries.get(key);
    if (hit && Date.now() < hit.until) return hit.value;
    entries.delete(key);
    if (entries.size >= max) entries.delete(entries.keys().next().value as string);
    const entry: Entry<T> = { until: Number.POSITIVE_INFINITY, value: Promise.resolve() as Promise<T> };
    entry.value = load(key).then((r) => {
      entry.until = Date.now() + r.keepMs;
      return r.value;
    });
    entries.set(key, entry);
    return entry.value;
  };
}

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;

/**
 * What users.info says about a person (locale, time zone, admin or owner), kept an hour: a new admin is
 * recognised, and a former one refused, within the hour. A failed look-up is logged by `web`, gives an
 * empty profile (default language, no quiet hours, not staff unless in ADMIN_IDS) and is retried after a
 * minute, so a rate limit is not hammered.
 */
export function createProfileLookup(web: Web, workspace: string | undefined) {
  return cached(async (userId): Promise<{ value: Profile; keepMs: number }> => {
    const r = await web.profile(userId, workspace);
    return r.ok ? { value: r.value, keepMs: HOUR } : { value: { staff: false }, keepMs: MINUTE };
  });
}

export type ProfileLookup = ReturnType<typeof createProfileLookup>;

/** The app's DM channel with a person (conversations.open): it does not change, so it is kept a day. */
export function createDmLookup(web: Web) {
  return cached(async (userId) => {
    const r = await web.openDm(userId);
    return r.ok ? { value: r.value, keepMs: 24 * HOUR } : { value: undefined, keepMs: 0 };
  });
}
