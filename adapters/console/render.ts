import type { Reply } from '../../src/core/index.js';
import { BOLD_MARKERS, checkMark, convertBold } from '../kit/index.js';
import { type KeyedButton, keyButtons } from './keys.js';

export interface Rendered {
  text: string;
  /** The buttons on screen with their letter keys (`[d] Done`), unique across the whole screen. */
  choices: KeyedButton[];
}

/** Terminal markup: bold becomes ANSI bold on a terminal and plain text in a pipe. */
function markup(text: string, ansi: boolean): string {
  return convertBold(text, ansi ? BOLD_MARKERS.ansi : BOLD_MARKERS.plain);
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
    if (reply.footer && !reply.refresh) lines.push(`  (${reply.footer})`);
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
