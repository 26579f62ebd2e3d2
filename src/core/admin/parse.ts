import { tidyWords } from '../commands.js';
import { type UserKey, UserKeySchema } from '../types.js';
import { parseUserKey } from '../user-key.js';
import {
  type AdminCommand,
  type ArgumentKind,
  findStaffCommand,
  STAFF_COMMANDS,
  type StaffArgument,
  type StaffCommandSpec,
} from './catalogue.js';

/** A value an adapter read for one argument: typed words, or a number (a page). */
export type ArgumentValue = string | number | undefined;

/** `admin list stuck 3 page 2` -> { list, stuck, 3, 2 }. Words are case-insensitive; names keep their case. */
export function parseAdmin(args: readonly string[]): AdminCommand {
  const lower = args.map((w) => w.toLowerCase());
  const spec = [...(STAFF_COMMANDS as readonly StaffCommandSpec[])]
    .sort((a, b) => b.words.length - a.words.length)
    .find((c) => c.words.every((w, i) => lower[i] === w));
  if (!spec) return { type: 'usage' };
  const rest = args.slice(spec.words.length);
  const keyword = (kind: ArgumentKind) =>
    spec.args.some((a) => a.kind === kind) ? rest.findIndex((w) => w.toLowerCase() === kind) : -1;
  const pageAt = keyword('page');
  const flowAt = keyword('flow');
  const keywords = [pageAt, flowAt].filter((at) => at >= 0);
  const positional = keywords.length > 0 ? rest.slice(0, Math.min(...keywords)) : rest;
  const takesFilter = spec.args.some((a) => a.kind === 'list-filter');
  let next = 0;
  return build(spec, (arg) => {
    if (arg.kind === 'page') return pageAt >= 0 ? (rest[pageAt + 1] ?? '1') : undefined;
    if (arg.kind === 'flow' && (flowAt >= 0 || takesFilter))
      return flowAt >= 0 ? rest[flowAt + 1] : undefined;
    if (arg.kind === 'list-filter') return positional.slice(next).join(' ') || undefined;
    return positional[next++];
  });
}

/**
 * A staff command from values an adapter read one argument at a time (Discord's slash options): the
 * same command the typed words would give; undefined for a name the table does not have. Text values
 * are tidied; one-word kinds join their words with `-`.
 */
export function staffCommandFrom(
  name: string,
  read: (arg: StaffArgument) => ArgumentValue,
): AdminCommand | undefined {
  const spec = findStaffCommand(name);
  if (!spec) return undefined;
  return build(spec, (arg) => {
    const value = read(arg);
    if (typeof value !== 'string') return value;
    const clean = tidyWords(value);
    return arg.kind === 'list-filter' ? clean : clean.replaceAll(' ', '-');
  });
}

type Fields = Record<string, string | number>;

/** Each kind's value, from what was typed for it; undefined when nothing usable was given. */
const VALUE: Record<ArgumentKind, (raw: string | number) => Fields | undefined> = {
  person: (raw) => ({ who: String(raw) }),
  step: (raw) => ({ stepId: String(raw).toLowerCase() }),
  'audit-id': (raw) => ({ id: String(raw).toUpperCase() }),
  'list-filter': (raw) => listFilter(String(raw)),
  page: (raw) => ({ page: Math.max(1, Math.trunc(Number.parseInt(String(raw), 10)) || 1) }),
  flow: (raw) => ({ flow: String(raw).toLowerCase() }),
};

/** What an optional argument is when it is left out. */
const ABSENT: Partial<Record<ArgumentKind, Fields>> = {
  'list-filter': { filter: 'all' },
  page: { page: 1 },
  flow: { flow: '' },
};

function listFilter(raw: string): Fields {
  const [filter = 'all', days] = raw.toLowerCase().split(' ');
  const n = days === undefined ? undefined : Number.parseInt(days, 10);
  return { filter, ...(n !== undefined && Number.isFinite(n) && n >= 0 ? { days: n } : {}) };
}

function build(spec: StaffCommandSpec, raw: (arg: StaffArgument) => ArgumentValue): AdminCommand {
  let fields: Fields = {};
  for (const arg of spec.args) {
    const value = raw(arg);
    const filled = value === undefined || value === '' ? undefined : VALUE[arg.kind](value);
    if (!filled && arg.required) return { type: 'usage' };
    fields = { ...fields, ...(filled ?? ABSENT[arg.kind]) };
  }
  // The table types each entry's fields; built from the same table, so the shape matches.
  return { type: spec.name, ...fields } as AdminCommand;
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
