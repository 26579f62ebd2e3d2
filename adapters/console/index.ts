import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Bot, Button, Reply, Translator } from '../../src/core/index.js';
import { consoleUser, parseLine } from './parse.js';
import { renderReplies } from './render.js';

export interface ConsoleOptions {
  bot: Bot;
  /** The console name of the person typing (CONSOLE_USER). */
  userName: string;
  input: Readable;
  output: Writable;
  /** True on a terminal: ANSI bold and a prompt; false in a pipe. */
  interactive: boolean;
  /** Aborting stops reading; the line in flight is finished and saved first. */
  signal?: AbortSignal;
  /** Where files the bot hands over (admin export) are written. */
  exportDir: string;
  /** When given, a terminal session ends with a goodbye in the person's language (Ctrl-C or Ctrl-D). */
  translator?: Translator;
}

/** Writes handed-over files to disk and says where they are (the console's "upload"). */
async function saveFiles(replies: Reply[], dir: string): Promise<Reply[]> {
  if (!replies.some((r) => r.file)) return replies;
  await mkdir(dir, { recursive: true });
  return Promise.all(
    replies.map(async (reply) => {
      if (!reply.file) return reply;
      const path = join(dir, basename(reply.file.name));
      await writeFile(path, reply.file.content, 'utf8');
      return { ...reply, text: `${reply.text}\n  📄 ${path}` };
    }),
  );
}

/**
 * The terminal chat: one line in, replies out, one line at a time (each saved before the next is read).
 * Resolves when input ends, with how many lines were read.
 */
export async function runConsole(options: ConsoleOptions): Promise<{ linesRead: number }> {
  const { bot, output, interactive } = options;
  const user = consoleUser(options.userName);
  const rl = createInterface({ input: options.input, crlfDelay: Number.POSITIVE_INFINITY, terminal: false });
  if (options.signal?.aborted) rl.close();
  else options.signal?.addEventListener('abort', () => rl.close(), { once: true });
  let choices: Button[] = [];
  const show = (text: string) => output.write(`${text}\n\n`);
  const prompt = () => interactive && output.write('> ');

  if (interactive) {
    const rendered = renderReplies([await bot.status(user)], true);
    choices = rendered.choices;
    show(rendered.text);
    prompt();
  }
  let linesRead = 0;
  for await (const line of rl) {
    // Lines already read but not yet handled are dropped once shutdown begins: stop taking events.
    if (options.signal?.aborted) break;
    linesRead += 1;
    const replies = await saveFiles(await bot.handle(parseLine(line, user, choices)), options.exportDir);
    const rendered = renderReplies(replies, interactive);
    if (rendered.choices.length > 0) choices = rendered.choices;
    if (rendered.text) show(rendered.text);
    prompt();
  }
  // A pipe's output stays exactly the replies (scripts read it); a terminal gets a line to part on.
  if (interactive && options.translator) {
    const language = await bot.languageFor(user);
    output.write(`\n${options.translator.t(language, 'common:goodbye')}\n`);
  }
  return { linesRead };
}
