import type { Reply } from '../../src/core/index.js';
import { checkMark, plainPerson, showPeople } from '../kit/index.js';
import { type KeyedButton, keyButtons } from './keys.js';
import { PLAIN_LOOK, type Style, styleFor } from './terminal.js';

export interface Rendered {
  text: string;
  /** The buttons on screen with their letter keys (`[d] Done`), unique across the whole screen. */
  choices: KeyedButton[];
}

const PLAIN = styleFor(PLAIN_LOOK);

/** The core's `**bold**` in the terminal's bold (nothing in a pipe). */
const BOLD = /\*\*(.+?)\*\*/g;
/** A Markdown code fence on a line of its own (chat platforms draw tables in them; a terminal is one). */
const FENCE = /^```[a-z]*\n|\n```[a-z]*(?=\n|$)/gm;

/** Bold in the terminal's bold; code fences go (the table is already monospaced); people are `Name (key)`. */
const markup = (text: string, style: Style): string =>
  showPeople(
    text,
    (t) => t.replace(FENCE, '').replace(BOLD, (_, inner: string) => style.bold(inner)),
    plainPerson,
  );

function replyLines(reply: Reply, style: Style, keyed: string[]): string[] {
  const lines: string[] = [];
  const text = markup(reply.text, style);
  if (reply.title) lines.push(style.title(`== ${markup(reply.title, style)} ==`));
  if (!reply.refresh) lines.push(reply.kind === 'warning' ? style.warning(text) : text);
  if (!reply.refresh) {
    for (const link of reply.links ?? []) lines.push(`  🔗 ${link.label}: ${style.url(link.url)}`);
    for (const image of reply.images ?? []) lines.push(`  🖼  ${image.alt}: ${style.url(image.url)}`);
  }
  if (reply.checklist) {
    lines.push(markup(reply.checklist.title, style));
    reply.checklist.items.forEach((item, i) => {
      const box = item.action ? checkMark(item.ticked, 'text') : ' •';
      lines.push(`  ${box} ${item.action ? `${i + 1}. ` : ''}${markup(item.label, style)}`);
    });
  }
  if (reply.footer && !reply.refresh) lines.push(style.dim(`  (${markup(reply.footer, style)})`));
  if (keyed.length > 0) lines.push(`  ${keyed.join('   ')}`);
  return lines;
}

/**
 * Lays replies out as text: links and screenshot addresses are printed in full (clickable where the
 * terminal can), wrapped at the terminal's width. The plain style (a pipe) is exactly the replies.
 */
export function renderReplies(replies: Reply[], style: Style = PLAIN): Rendered {
  const choices = keyButtons(replies.flatMap((reply) => reply.buttons ?? []));
  let next = 0;
  const blocks = replies.map((reply) => {
    const keyed = (reply.buttons ?? []).map(() => {
      const { key, button } = choices[next++] as KeyedButton;
      return `${style.key(`[${key}]`)} ${button.label}`;
    });
    return style.wrap(replyLines(reply, style, keyed).join('\n'));
  });
  return { text: blocks.join('\n\n'), choices };
}
