import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type Adapter, type AdapterDeps, adapterLanguage, type Reply } from '../../src/core/index.js';
import type { KeyedButton } from './keys.js';
import { completeWords, lineReader } from './line-reader.js';
import { createConsoleNotifier } from './notifier.js';
import { consoleUser, isExit, parseLine } from './parse.js';
import { renderReplies } from './render.js';
import { PLAIN_LOOK, styleFor, type TerminalLook } from './terminal.js';

/** What the console adapter needs: who types, where, and nothing of the app's settings besides. */
export interface ConsoleConfig {
  /** The console name of the person typing (CONSOLE_USER). */
  userName: string;
  input: Readable;
  output: Writable;
  /**
   * True on a terminal: line editing, history and tab completion, a prompt, the status first and a
   * goodbye last; false in a pipe (lines in, plain replies out, nothing else).
   */
  interactive: boolean;
  /** What the terminal can show (colours, clickable links, its width); plain when not interactive. */
  look?: TerminalLook;
  /** Where files the bot hands over (admin export) are written. */
  exportDir: string;
  /** Said on `errors` when input closes before a single line was read (and no stop was asked for). */
  quietNotice?: { text: string; errors: Writable };
}

/** What the terminal chat uses of the adapter deps. */
export type ConsoleDeps = Pick<AdapterDeps, 'handle' | 'translator' | 'defaultLanguage' | 'signal'>;

/** The console adapter: the zero-setup terminal chat. It ends by itself when its input closes. */
export const consoleAdapter = (config: ConsoleConfig): Adapter => ({
  name: 'console',
  start: async (deps) => {
    const stopping = new AbortController();
    const signal = AbortSignal.any([deps.signal, stopping.signal]);
    deps.connection.up();
    const ended = runConsole(config, { ...deps, signal }).then(({ linesRead }) => {
      if (linesRead === 0 && !signal.aborted) config.quietNotice?.errors.write(config.quietNotice.text);
    });
    return {
      notifier: createConsoleNotifier(config.output, config.userName, styleFor(lookOf(config))),
      ended,
      async stop() {
        stopping.abort();
        await ended;
      },
    };
  },
});

/** A pipe always gets the plain look, whatever was asked for. */
const lookOf = (config: ConsoleConfig): TerminalLook =>
  config.interactive && config.look ? config.look : PLAIN_LOOK;

/** Writes handed-over files to disk and says where they are (the console's "upload"). */
async function saveFiles(replies: Reply[], dir: string): Promise<Reply[]> {
  if (!replies.some((r) => r.file)) return replies;
  await mkdir(dir, { recursive: true });
  return Promise.all(
    replies.map(async (reply) => {
      if (!reply.file) return reply;
      const path = join(dir, basename(reply.file.name));
      await writeStreamed(path, reply.file.body());
      return { ...reply, text: `${reply.text}\n  📄 ${path}` };
    }),
  );
}

/** Streams the chunks to the file as they are made; a file that could not be finished is removed. */
async function writeStreamed(path: string, chunks: AsyncIterable<string>): Promise<void> {
  try {
    await pipeline(Readable.from(chunks), createWriteStream(path, { encoding: 'utf8' }));
  } catch (error) {
    await rm(path, { force: true });
    throw error;
  }
}

/**
 * The terminal chat: one line in, replies out, one line at a time (each saved before the next is read).
 * Resolves when input ends (or the person types `exit`), with how many lines were read.
 */
export async function runConsole(config: ConsoleConfig, deps: ConsoleDeps): Promise<{ linesRead: number }> {
  const { output, interactive } = config;
  const { handle, signal } = deps;
  const user = consoleUser(config.userName);
  const rl = lineReader(config.input, output, interactive, completeWords);
  if (signal.aborted) rl.close();
  else signal.addEventListener('abort', () => rl.close(), { once: true });
  const style = styleFor(lookOf(config));
  let choices: KeyedButton[] = [];
  let last: Reply[] = [];
  const show = (replies: Reply[]) => {
    const rendered = renderReplies(replies, style);
    if (rendered.choices.length > 0) choices = rendered.choices;
    if (rendered.text) output.write(`${rendered.text}\n\n`);
    if (interactive) rl.prompt();
    if (replies.length > 0) last = replies;
  };

  // A terminal opens on the person's status: a look, which changes nothing.
  if (interactive) show(await handle({ user, view: 'status' }));
  let linesRead = 0;
  for await (const line of rl) {
    // Lines already read but not yet handled are dropped once shutdown begins: stop taking events.
    if (signal.aborted) break;
    linesRead += 1;
    // `exit`, `quit` or `/exit` ends the chat as the end of input does.
    if (isExit(line)) break;
    const event = { ...parseLine(line, user, choices), displayName: config.userName };
    show(await saveFiles(await handle(event), config.exportDir));
  }
  // A pipe's output stays exactly the replies (scripts read it); a terminal gets a line to part on.
  if (interactive) {
    const language = adapterLanguage(last, undefined, deps.translator.languages, deps.defaultLanguage);
    output.write(`\n${style.wrap(deps.translator.t(language, 'common:goodbye'))}\n`);
  }
  return { linesRead };
}
