import picocolors from 'picocolors';
import supportsHyperlinks from 'supports-hyperlinks';
import type { TerminalLook } from '../../adapters/console/terminal.js';

/**
 * What this process's terminal can show: colours unless NO_COLOR (or no terminal), OSC 8 links where
 * the terminal is known to support them (FORCE_HYPERLINK=1 turns them on), and its current width.
 */
export const terminalLook = (): TerminalLook => ({
  colour: picocolors.isColorSupported,
  links: supportsHyperlinks.stdout,
  columns: () => process.stdout.columns,
});
