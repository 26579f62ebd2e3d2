import type { StepMark } from './types.js';

/** How each step looks in a status list (the Home tab, `status`, staff records). */
export const STEP_MARKS: Readonly<Record<StepMark, string>> = {
  done: '✅',
  current: '👉',
  waiting: '⏳',
  todo: '⬜',
};

/** A checklist item's box, in emoji (chat platforms) or plain text (a terminal). */
export const CHECK_MARKS = {
  emoji: { ticked: '✅', open: '⬜' },
  text: { ticked: '[x]', open: '[ ]' },
} as const;

/** The box for a checklist item. */
export const checkMark = (ticked: boolean, style: keyof typeof CHECK_MARKS = 'emoji'): string =>
  ticked ? CHECK_MARKS[style].ticked : CHECK_MARKS[style].open;
