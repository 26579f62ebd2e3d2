import type { Button, Reply } from '../../src/core/index.js';
import { BOLD_MARKERS, checkMark, convertBold } from '../kit/index.js';

export interface Rendered {
  text: string;
  /** Buttons in the order they are numbered on screen: `[1]` is choices[0]. */
  choices: Button[];
}

/** Terminal markup: bold becomes ANSI bold on a terminal and plain text in a pipe. */
function markup(text: string, ansi: boolean): string {
  return convertBold(text, ansi ? BOLD_MARKERS.ansi : BOLD_MARKERS.plain);
}

/** Lays replies out as plain text; links and screenshot addresses are printed in full. */
export function renderReplies(replies: Reply[], ansi = false): Rendered {
  const choices: Button[] = [];
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
      const numbered = reply.buttons.map((b) => {
        choices.push(b);
        return `[${choices.length}] ${b.label}`;
      });
      lines.push(`  ${numbered.join('   ')}`);
    }
    return lines.join('\n');
  });
  return { text: blocks.join('\n\n'), choices };
}
