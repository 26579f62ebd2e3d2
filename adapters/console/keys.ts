import type { Button } from '../../src/core/index.js';

/** A button as the console shows it: `[d] Done`. */
export interface KeyedButton {
  key: string;
  button: Button;
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** The English word for what a button does (`done:register` → done; `review:x:rejected` → rejected). */
function actionWord(id: string): string {
  const [verb = '', a = '', b = ''] = id.split(':');
  if (verb === 'confirm') return a;
  if (verb === 'review') return b;
  return verb;
}

/**
 * One letter per button, never a digit and never two buttons on one key: the first letter of the label
 * as shown, else (a Chinese label, or a clash) the next free letter of the English action word, else a–z.
 */
export function keyButtons(buttons: readonly Button[]): KeyedButton[] {
  const used = new Set<string>();
  return buttons.map((button) => {
    const first = button.label.normalize('NFKD').trim().charAt(0).toLowerCase();
    const candidates = [first, ...actionWord(button.id).toLowerCase(), ...LETTERS];
    const key = candidates.find((c) => LETTERS.includes(c) && c !== '' && !used.has(c)) ?? '?';
    used.add(key);
    return { key, button };
  });
}
