import type { Reply } from '../../src/core/index.js';
import { BOLD_MARKERS, checkMark, convertBold, plainPerson, showPeople } from '../kit/index.js';
import { type KeyedButton, keyButtons } from './keys.js';

export interface Rendered {
  text: string;
  /** The buttons on screen with their letter keys (`[d] Done`), unique across the whole screen. */
  choices: KeyedButton[];
}

/** A Markdown code fence on a line of its own (chat platforms draw tables in them; a terminal is one). */
const FENCE = /^```[a-z]*\n|\n```[a-z]*(?=\n|$)/gm;

/**
 * Terminal markup: bold becomes ANSI bold on a terminal and plain text in a pipe; code fences go (the
 * table is already monospaced); people are `Name (key)`.
 */
function markup(text: string, ansi: boolean): string {
  const format = (t: string) =>
    convertBold(t.replace(FENCE, ''), ansi ? BOLD_MARKERS.ansi : BOLD_MARKERS.plain);
  return showPeople(text, format, plainPerson);
}

/** Lays replies out as plain text; links and screenshot addresses are printed in full. */
export function renderReplies(replies: Reply[], ansi = false): Rendered {
  const choices = keyButtons(replies.flatMap((reply) => reply.buttons ?? []));
  let next = 0;
  const blocks = replies.map((reply) => {
    const lines: string[] = [];
    if (reply.title) lines.push(`== ${markup(reply.title, ansi)} ==`);
    if (!reply.refresh) lines.push(markup(reply.text, ansi));
    if (!reply.refresh) {
      for (const link of reply.links ?? []) lines.push(`  🔗 ${link.label}: ${link.url}`);
      for (const image of reply.images ?? []) lines.push(`  🖼  ${image.alt}: ${image.url}`);
    }
    if (reply.checklist) {
      lines.push(markup(reply.checklist.title, ansi));
      reply.checklist.items.forEach((item, i) => {
        const box = item.action ? checkMark(item.ticked, 'text') : ' •';
        lines.push(`  ${box} ${item.action ? `${i + 1}. ` : ''}${markup(item.label, ansi)}`);
      });
    }
    if (reply.footer && !reply.refresh) lines.push(`  (${markup(reply.footer, ansi)})`);
    if (reply.buttons?.length) {
      const keyed = reply.buttons.map(() => {
        const { key, button } = choices[next++] as KeyedButton;
        return `[${key}] ${button.label}`;
      });
      lines.push(`  ${keyed.join('   ')}`);
    }
    return lines.join('\n');
  });
  return { text: blocks.join('\n\n'), choices };
}
