import { type UserKey, UserKeySchema } from '../types.js';
import { parseUserKey } from '../user-key.js';

/** What staff asked for, once the words after `admin` are understood. */
export type AdminCommand =
  | { type: 'stats' }
  | { type: 'list'; filter: string; days?: number; page: number }
  | { type: 'user'; who: string }
  | { type: 'approve'; who: string }
  | { type: 'move'; who: string; stepId: string }
  | { type: 'reset'; who: string }
  | { type: 'nudge'; who: string }
  | { type: 'nudge-stuck' }
  | { type: 'export' }
  | { type: 'audit' }
  | { type: 'undo'; id: string }
  | { type: 'usage' };

/** `admin list stuck 3 page 2` -> { list, stuck, 3, 2 }. Words are case-insensitive; names keep their case. */
export function parseAdmin(args: readonly string[]): AdminCommand {
  const [sub = '', ...rest] = args;
  const [a, b] = rest;
  switch (sub.toLowerCase()) {
    case 'stats':
      return { type: 'stats' };
    case 'list':
      return parseList(rest);
    case 'user':
      return a ? { type: 'user', who: a } : { type: 'usage' };
    case 'approve':
      return a ? { type: 'approve', who: a } : { type: 'usage' };
    case 'move':
      return a && b ? { type: 'move', who: a, stepId: b.toLowerCase() } : { type: 'usage' };
    case 'reset':
      return a ? { type: 'reset', who: a } : { type: 'usage' };
    case 'nudge':
      if (a?.toLowerCase() === 'stuck') return { type: 'nudge-stuck' };
      return a ? { type: 'nudge', who: a } : { type: 'usage' };
    case 'export':
      return { type: 'export' };
    case 'audit':
      return { type: 'audit' };
    case 'undo':
      return a ? { type: 'undo', id: a.toUpperCase() } : { type: 'usage' };
    default:
      return { type: 'usage' };
  }
}

function parseList(rest: readonly string[]): AdminCommand {
  const words = rest.map((w) => w.toLowerCase());
  const pageAt = words.indexOf('page');
  const page = pageAt >= 0 ? Math.max(1, Number.parseInt(words[pageAt + 1] ?? '1', 10) || 1) : 1;
  const terms = pageAt >= 0 ? words.slice(0, pageAt) : words;
  const [filter = 'all', days] = terms;
  const n = days === undefined ? undefined : Number.parseInt(days, 10);
  return {
    type: 'list',
    filter,
    page,
    ...(n !== undefined && Number.isFinite(n) && n >= 0 ? { days: n } : {}),
  };
}

/**
 * A person named by staff: a full key (`console:local:dave`, `slack:T1:U1`; adapters turn mentions into
 * keys), or a bare name in the staff member's own platform and space (`dave` -> `console:local:dave`).
 */
export function resolvePerson(who: string, staff: UserKey): UserKey | undefined {
  if (UserKeySchema.safeParse(who).success) return who;
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(who)) return undefined;
  const { platform, space } = parseUserKey(staff) ?? {};
  const key = `${platform}:${space}:${who}`;
  return UserKeySchema.safeParse(key).success ? key : undefined;
}
