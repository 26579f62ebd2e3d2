/**
 * Every staff command, once: the text parser (`admin <words> ...`), the usage text and Discord's
 * `/onboard-admin` builder all read this table. A new command is one entry here, its texts in each
 * locale (`admin:help.<name>`, and `discord:admin.<name>.name`/`.description`) and its handler.
 */

/** What an argument holds; each kind has one way to be typed, shown and turned into a value. */
export type ArgumentKind = 'person' | 'step' | 'audit-id' | 'list-filter' | 'page' | 'flow';

/** The field(s) each kind fills on the typed command. */
interface KindFields {
  /** A person as staff named them (a key, a mention turned key, or a bare name): resolved later. */
  person: { who: string };
  /** A step id, lower case. */
  step: { stepId: string };
  /** An audit entry id (`A3`), upper case. */
  'audit-id': { id: string };
  /** `[filter] [days]`: a step id, stage id, `waiting`, `stuck [days]` or `done`; `all` when absent. */
  'list-filter': { filter: string; days?: number };
  /** `page N` when typed; 1 when absent. */
  page: { page: number };
  /**
   * A flow id, lower case: typed as `flow <id>` anywhere after the others (or as the next word where
   * the command takes no filter); `''` when absent: the flow most people are in.
   */
  flow: { flow: string };
}

export interface StaffArgument {
  kind: ArgumentKind;
  /** A required argument that is missing turns the command into the usage text. */
  required: boolean;
}

export interface StaffCommandSpec {
  /** The command's name: Discord's subcommand, the handler's key, `type` on the typed command. */
  name: string;
  /** What staff type after `admin` (case-insensitive). */
  words: readonly string[];
  /** In the order they are typed (`page N` may come anywhere after the others). */
  args: readonly StaffArgument[];
  /** Its line in the usage text; two commands may share one line (written out so the key can be found). */
  help: string;
}

const person = { kind: 'person', required: true } as const;
const anyFlow = { kind: 'flow', required: false } as const;

export const STAFF_COMMANDS = [
  { name: 'stats', words: ['stats'], args: [anyFlow], help: 'admin:help.stats' },
  {
    name: 'list',
    words: ['list'],
    args: [{ kind: 'list-filter', required: false }, { kind: 'page', required: false }, anyFlow],
    help: 'admin:help.list',
  },
  { name: 'user', words: ['user'], args: [person], help: 'admin:help.user' },
  { name: 'approve', words: ['approve'], args: [person], help: 'admin:help.approve' },
  {
    name: 'move',
    words: ['move'],
    args: [person, { kind: 'step', required: true }],
    help: 'admin:help.move',
  },
  { name: 'reset', words: ['reset'], args: [person], help: 'admin:help.reset' },
  {
    name: 'assign',
    words: ['assign'],
    args: [person, { kind: 'flow', required: true }],
    help: 'admin:help.assign',
  },
  { name: 'nudge', words: ['nudge'], args: [person], help: 'admin:help.nudge' },
  { name: 'nudge-stuck', words: ['nudge', 'stuck'], args: [anyFlow], help: 'admin:help.nudge' },
  { name: 'export', words: ['export'], args: [anyFlow], help: 'admin:help.export' },
  { name: 'audit', words: ['audit'], args: [], help: 'admin:help.audit' },
  { name: 'dashboard', words: ['dashboard'], args: [], help: 'admin:help.dashboard' },
  {
    name: 'undo',
    words: ['undo'],
    args: [{ kind: 'audit-id', required: true }],
    help: 'admin:help.undo',
  },
] as const satisfies readonly StaffCommandSpec[];

type Spec = (typeof STAFF_COMMANDS)[number];
type StaffCommandName = Spec['name'];

type Intersect<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;
type Fields<A extends readonly StaffArgument[]> = Intersect<KindFields[A[number]['kind']]>;
type Typed<S> = S extends { name: infer N; args: infer A extends readonly StaffArgument[] }
  ? { type: N } & Fields<A>
  : never;

/** What staff asked for, once understood: one shape per table entry, plus the usage text. */
export type AdminCommand = Typed<Spec> | { type: 'usage' };
/** One staff command of the table, by name. */
export type StaffCommand<N extends StaffCommandName> = Extract<AdminCommand, { type: N }>;

export const findStaffCommand = (name: string): StaffCommandSpec | undefined =>
  (STAFF_COMMANDS as readonly StaffCommandSpec[]).find((c) => c.name === name);

/** The usage text's lines, in table order: one per help key. */
const helpKeys = (): string[] => [...new Set(STAFF_COMMANDS.map((c) => c.help))];

/** What `admin` alone answers: every command's help line between a heading and how to name people. */
export const usageText = (t: (key: string) => string): string =>
  [t('admin:usage.title'), ...helpKeys().map((key) => t(key)), t('admin:usage.people')].join('\n');
