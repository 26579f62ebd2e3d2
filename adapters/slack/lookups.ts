import { createPace, type Pace, type Rate } from '../kit/pace.js';
import type { Profile, Web } from './web.js';

interface Entry<T> {
  until: number;
  value: Promise<T>;
}

type Load<T> = (key: string) => Promise<{ value: T; keepMs: number }>;

/**
 * A small cache of per-person look-ups: bounded, with an age limit, shared by concurrent callers. A
 * caller may bring its own way to load a missing entry (`how`); the entry is shared all the same.
 */
function cached<T>(load: Load<T>, max = 5000) {
  const entries = new Map<string, Entry<T>>();
  return (key: string, how: Load<T> = load): Promise<T> => {
    const hit = entries.get(key);
    if (hit && Date.now() < hit.until) return hit.value;
    entries.delete(key);
    if (entries.size >= max) entries.delete(entries.keys().next().value as string);
    const entry: Entry<T> = { until: Number.POSITIVE_INFINITY, value: Promise.resolve() as Promise<T> };
    entry.value = how(key).then((r) => {
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

/**
 * conversations.open is a Tier 3 method, "50+ per minute" (docs.slack.dev/apis/web-api/rate-limits). A
 * reminder sweep reaching thousands of people whose DM is not cached would spend that at once, and the
 * Web API client would meet 429s and give up after its retries: reminders open their DMs at 40 a
 * minute, leaving the rest for people who are talking to the bot (their opens are not held back).
 */
const REMINDER_DM_OPENS: Rate = { count: 40, perMs: 60_000 };

/**
 * The app's DM channel with a person (conversations.open): it does not change, so it is kept a day.
 * `forReminder` opens a DM that is not cached at `reminderOpens`' pace; `forAnswer` at once.
 */
export function createDmLookup(web: Web, reminderOpens: Pace = createPace(REMINDER_DM_OPENS)) {
  const open = async (userId: string, paced: boolean) => {
    const r = paced ? await reminderOpens.run(() => web.openDm(userId)) : await web.openDm(userId);
    return r.ok ? { value: r.value, keepMs: 24 * HOUR } : { value: undefined, keepMs: 0 };
  };
  const lookup = cached((userId) => open(userId, false));
  return {
    forAnswer: (userId: string) => lookup(userId),
    forReminder: (userId: string) => lookup(userId, (id) => open(id, true)),
  };
}
