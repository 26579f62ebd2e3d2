import { createInterface, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { COMMAND_WORDS } from '../../src/core/index.js';

/** What Tab completes: the command words, the answers and the console's own `exit`/`quit`. */
const WORDS = [...COMMAND_WORDS, 'yes', 'no', 'admin', 'exit', 'quit'].sort();

/** readline's completer: the words that begin with what is typed (`sta` → start, status). */
export function completeWords(line: string): [string[], string] {
  const typed = line.trimStart().toLowerCase();
  if (typed.includes(' ')) return [[], line];
  return [WORDS.filter((word) => word.startsWith(typed)), line];
}

/**
 * Reads typed lines. On a terminal: line editing, arrow-key history (newest first, no repeats), Tab
 * completion and a `> ` prompt; Ctrl-C ends the chat as the end of input does. In a pipe: plain lines,
 * exactly as a script sends them.
 */
export function lineReader(
  input: Readable,
  output: Writable,
  terminal: boolean,
  completer: (line: string) => [string[], string],
): Interface {
  if (!terminal) return createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY, terminal: false });
  const rl = createInterface({
    input,
    output,
    terminal: true,
    prompt: '> ',
    historySize: 200,
    removeHistoryDuplicates: true,
    completer,
  });
  rl.on('SIGINT', () => rl.close());
  return rl;
}
