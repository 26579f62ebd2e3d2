import type { Writable } from 'node:stream';
import type { Notifier } from '../../src/core/index.js';
import { consoleUser } from './parse.js';
import { renderReplies } from './render.js';
import type { Style } from './terminal.js';

/**
 * Proactive messages in the terminal, marked with whom they are for. Only the person at this terminal
 * (`console:local:<CONSOLE_USER>`) is reachable: reminders for anyone else (other console people from
 * earlier runs in the same store) are not printed and count as not delivered, so they stay due.
 * Staff notices always print: whoever runs the terminal is the operator.
 */
export function createConsoleNotifier(output: Writable, userName: string, style?: Style): Notifier {
  const here = consoleUser(userName);
  const print = (heading: string, text: string) => output.write(`── ${heading} ──\n${text}\n\n`);
  return {
    async notify(user, replies) {
      if (user !== here) return false;
      print(`📣 ${user}`, renderReplies(replies, style).text);
      return true;
    },
    async notifyStaff(about, replies) {
      print(`🛎 staff · ${about}`, renderReplies(replies, style).text);
    },
  };
}
