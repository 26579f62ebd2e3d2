import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Bot, Button } from '../../src/core/index.js';
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
}

/**
 * The terminal chat: one line in, replies out, one line at a time (each saved before the next is read).
 * Resolves when input ends.
 */
export async function runConsole(options: ConsoleOptions): Promise<void> {
  const { bot, output, interactive } = options;
  const user = consoleUser(options.userName);
  const rl = createInterface({ input: options.input, crlfDelay: Number.POSITIVE_INFINITY, terminal: false });
  options.signal?.addEventListener('abort', () => rl.close(), { once: true });
  let choices: Button[] = [];
  const show = (text: string) => output.write(`${text}\n\n`);
  const prompt = () => interactive && output.write('> ');

  if (interactive) {
    const rendered = renderReplies([await bot.status(user)], true);
    choices = rendered.choices;
    show(rendered.text);
    prompt();
  }
  for await (const line of rl) {
    const replies = await bot.handle(parseLine(line, user, choices));
    const rendered = renderReplies(replies, interactive);
    if (rendered.choices.length > 0) choices = rendered.choices;
    if (rendered.text) show(rendered.text);
    prompt();
  }
}
