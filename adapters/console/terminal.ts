import { link as hyperlink } from 'ansi-escapes';
import { createColors } from 'picocolors';
import wrapAnsi from 'wrap-ansi';

/** What the terminal on the other end can show. A pipe gets none of it: exactly the plain replies. */
export interface TerminalLook {
  /** Colours and bold (off with NO_COLOR, or when output is no terminal). */
  colour: boolean;
  /** OSC 8 clickable links (where the terminal is known to support them). */
  links: boolean;
  /** The terminal's width now, in columns; undefined means do not wrap. */
  columns: () => number | undefined;
}

export const PLAIN_LOOK: TerminalLook = { colour: false, links: false, columns: () => undefined };

/** The text styles the console renderer uses, for one look. */
export interface Style {
  bold: (text: string) => string;
  title: (text: string) => string;
  dim: (text: string) => string;
  key: (text: string) => string;
  warning: (text: string) => string;
  /** An address, clickable where the terminal can; always printed in full so it can be copied. */
  url: (url: string) => string;
  /** Wraps a block at the terminal's width, wide (CJK, emoji) characters counted as two columns. */
  wrap: (text: string) => string;
}

/** Lines holding an address wrap softly: an address is never cut in two. */
const HAS_URL = /[a-z]+:\/\//i;

export function styleFor(look: TerminalLook): Style {
  const c = createColors(look.colour);
  const wrapLine = (line: string, columns: number) =>
    wrapAnsi(line, columns, { hard: !HAS_URL.test(line), trim: false });
  return {
    bold: c.bold,
    title: (text) => c.bold(c.cyan(text)),
    dim: c.dim,
    key: (text) => c.bold(c.green(text)),
    warning: c.yellow,
    url: (url) => (look.links ? hyperlink(url, url) : url),
    wrap: (text) => {
      const columns = look.columns();
      if (!columns || columns < 20) return text;
      return text
        .split('\n')
        .map((line) => wrapLine(line, columns))
        .join('\n');
    },
  };
}
