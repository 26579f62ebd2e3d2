import { type Button, type IncomingEvent, type UserKey, userKey } from '../../src/core/index.js';

/** The person's key for a console name: `console:local:<name>`. */
export const consoleUser = (name: string): UserKey =>
  userKey({ platform: 'console', space: 'local', id: name });

/**
 * A typed line to an event. A number or a label picks one of the buttons last shown
 * (the console's way of clicking); anything else goes to the core as text.
 */
export function parseLine(line: string, user: UserKey, choices: readonly Button[]): IncomingEvent {
  const typed = line.trim();
  if (/^\d{1,2}$/.test(typed)) {
    const button = choices[Number(typed) - 1];
    if (button) return { user, action: button.id };
  }
  const byLabel = choices.find((b) => b.label.toLowerCase() === typed.toLowerCase());
  if (byLabel) return { user, action: byLabel.id };
  return { user, text: line };
}
