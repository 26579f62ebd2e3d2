import { STAFF_COMMANDS, type StaffCommandSpec } from '../../src/core/admin/catalogue.js';
import { plainPerson, type Reply, showPeople } from '../../src/core/index.js';
import type { TestBot } from './bot.js';

/** The console staff member of the core's staff tests (name them in `admins`). */
export const staff = 'console:local:me';
export const key = (name: string) => `console:local:${name}`;

/** Starts `name`'s journey and says done `dones` times. */
export async function walk(tb: TestBot, name: string, dones: number): Promise<void> {
  await tb.bot.handle({ user: key(name), text: 'start' });
  for (let i = 0; i < dones; i++) await tb.bot.handle({ user: key(name), text: 'done' });
}

const plainly = (text: string) => showPeople(text, (t) => t, plainPerson);

/** A reply as plain text shows it: the people it names as `Name (key)`, or their key without a name. */
export function shown<R extends Reply>(reply: R): R;
export function shown<R extends Reply>(reply: R | undefined): R | undefined;
export function shown<R extends Reply>(reply: R | undefined): R | undefined {
  if (!reply) return reply;
  const { title, footer } = reply;
  return {
    ...reply,
    text: plainly(reply.text),
    ...(title !== undefined ? { title: plainly(title) } : {}),
    ...(footer !== undefined ? { footer: plainly(footer) } : {}),
  };
}

/** What a staff command (or a yes/no) answered first, as plain text shows it. */
export const admin = async (tb: TestBot, text: string, user = staff) =>
  shown((await tb.bot.handle({ user, text }))[0]);

/** A reply's file as the chunks it streams, read once ([] without a file). */
export async function fileChunks(reply: Reply | undefined): Promise<string[]> {
  const chunks: string[] = [];
  for await (const chunk of reply?.file?.body() ?? []) chunks.push(chunk);
  return chunks;
}

/** Runs `check` with one more staff command, `ping <person>`, in the table; the table is put back after. */
export function withPingCommand(check: () => void): void {
  const table = STAFF_COMMANDS as unknown as StaffCommandSpec[];
  table.push({
    name: 'ping',
    words: ['ping'],
    args: [{ kind: 'person', required: true }],
    help: 'ping-help',
  });
  try {
    check();
  } finally {
    table.pop();
  }
}
