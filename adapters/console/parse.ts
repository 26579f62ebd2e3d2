import { type IncomingEvent, type UserKey, userKey } from '../../src/core/index.js';
import type { KeyedButton } from './keys.js';

/** The person's key for a console name: `console:local:<name>`. */
export const consoleUser = (name: string): UserKey =>
  userKey({ platform: 'console', space: 'local', id: name });

/** Typed to end the chat, as at the end of input. */
export const isExit = (line: string): boolean => /^\/?(exit|quit)$/i.test(line.trim());

/**
 * A typed line to an event. A button's letter key or its label presses it (the console's way of
 * clicking); keys are never digits, so a bare number goes to the core, which ticks that checklist
 * item; anything else goes to the core as text too.
 */
export function parseLine(line: string, user: UserKey, choices: readonly KeyedButton[]): IncomingEvent {
  const typed = line.trim().toLowerCase();
  const pressed = choices.find((c) => c.key === typed || c.button.label.toLowerCase() === typed);
  if (pressed) return { user, action: pressed.button.id };
  return { user, text: line };
}
