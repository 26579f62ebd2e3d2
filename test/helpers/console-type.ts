import { PassThrough } from 'node:stream';
import { runConsole } from '../../adapters/console/index.js';
import type { Bot } from '../../src/core/index.js';
import { loadTranslator } from '../../src/i18n/translator.js';

/** Types `lines` into the console adapter as `userName` (piped, as scripts do); returns what it printed. */
export async function typeIntoConsole(
  bot: Pick<Bot, 'handle'>,
  userName: string,
  lines: string[],
  exportDir = '/nonexistent',
): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (d: Buffer) => {
    printed += d.toString('utf8');
  });
  input.end(`${lines.join('\n')}\n`);
  await runConsole(
    { userName, input, output, interactive: false, exportDir },
    {
      handle: bot.handle,
      translator: await loadTranslator(),
      defaultLanguage: 'en',
      signal: new AbortController().signal,
    },
  );
  return printed;
}
