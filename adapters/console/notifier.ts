import type { Writable } from 'node:stream';
import type { Notifier } from '../../src/core/index.js';
import { renderReplies } from './render.js';

/**
 * Proactive messages in the terminal: reminders for console people and staff notices are printed,
 * marked with whom they are for. Console people are the only ones this notifier can reach.
 */
export function createConsoleNotifier(output: Writable, ansi = false): Notifier {
  const print = (heading: string, text: string) => output.write(`── ${heading} ──\n${text}\n\n`);
  return {
    async notify(user, replies) {
      if (!user.startsWith('console:')) return false;
      print(`📣 ${user}`, renderReplies(replies, ansi).text);
      return true;
    },
    async notifyStaff(about, replies) {
      print(`🛎 staff · ${about}`, renderReplies(replies, ansi).text);
    },
  };
}
