import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { startCommand } from '../../helpers/run-command.js';
import { runMain } from '../../helpers/run-main.js';
import { useTempDirs } from '../../helpers/temp-dir.js';

const tempDir = useTempDirs();

/** util-linux `script` gives the bot a real terminal (a pty) for stdin, stdout and stderr. */
const hasScript = spawnSync('script', ['--version']).status === 0;
// `exec`: script runs the command through $SHELL -c, and dash would stay in between and die of the Ctrl-C itself.
const ENTRY = 'exec node --import tsx src/main.ts';

/**
 * Runs the entry command on a terminal `columns` wide, typing `keys` one after another once the text
 * each waits for is on the screen.
 */
async function onTerminal(
  storeFile: string,
  keys: { after: string; type: string }[],
  options: { env?: Record<string, string>; columns?: number } = {},
) {
  const entry = `stty cols ${options.columns ?? 200}; ${ENTRY}`;
  const run = startCommand('script', ['-qfec', entry, '/dev/null'], {
    STORE_FILE: storeFile,
    ...options.env,
  });
  for (const key of keys) {
    await run.waitFor(key.after);
    // One key press at a time, as a person types: readline takes a chunk of several as a paste.
    await new Promise((resolve) => setTimeout(resolve, 150));
    run.child.stdin.write(key.type);
  }
  return { code: await run.exited, screen: run.stdout() };
}

describe('the terminal stays a chat: logs go to a file beside the store', { timeout: 60_000 }, () => {
  it('with piped input, nothing but the chat reaches the terminal, and the log file holds the JSON lines', async () => {
    const store = join(await tempDir(), 'data', 'onboarding.json');
    const { code, stdout, stderr } = await runMain('start\ndone\n', { STORE_FILE: store });
    expect(code).toBe(0);
    expect(stdout).toContain('Step 2 of 11');
    expect(stdout).not.toContain('"level"');
    expect(stderr).toBe('');
    const log = (await readFile(join(store, '..', 'guidepost.log'), 'utf8')).trim().split('\n');
    const messages = log.map((line) => JSON.parse(line).msg);
    expect(messages).toContain('guidepost started');
    expect(messages.at(-1)).toBe('guidepost stopped');
    expect(log.join('\n')).not.toMatch(/"done"|"start"/);
  });

  it('a warning reaches the terminal as one short readable line, and the file has it too', async () => {
    const store = join(await tempDir(), 'onboarding.json');
    const { code, stdout, stderr } = await runMain('admin stats\n', { STORE_FILE: store });
    expect(code).toBe(0);
    expect(stdout.trim()).toBe('Sorry, that command is for the onboarding team only.');
    expect(stderr).toBe('guidepost warning: admin command refused: not staff\n');
    expect(await readFile(join(store, '..', 'guidepost.log'), 'utf8')).toContain('"level":40');
  });
});

describe.runIf(hasScript)('on a terminal: a goodbye in the person’s language', { timeout: 60_000 }, () => {
  it('Ctrl-C ends with a readable goodbye and exit 0, with no log line in the chat', async () => {
    const store = join(await tempDir(), 'onboarding.json');
    const { code, screen } = await onTerminal(store, [
      { after: '> ', type: 'start\r' },
      { after: 'Step 1 of 11', type: '\u0003' },
    ]);
    expect(code).toBe(0);
    expect(screen).toContain('Bye for now. Your progress is saved');
    expect(screen).not.toContain('"level"');
    expect(screen).not.toContain('guidepost stopped');
  });

  it('Ctrl-D after choosing Chinese says goodbye in Chinese', async () => {
    const store = join(await tempDir(), 'onboarding.json');
    const { code, screen } = await onTerminal(store, [
      { after: '> ', type: 'lang zh-CN\r' },
      { after: '简体中文', type: '\u0004' },
    ]);
    expect(code).toBe(0);
    expect(screen).toContain('再见！您的进度已保存');
  });
});
describe.runIf(hasScript)(
  'on a terminal: line editing, history, completion, colours, links',
  { timeout: 60_000 },
  () => {
    const ESC = String.fromCharCode(27);
    const UP = `${ESC}[A`;

    it('arrow-up recalls the last line, and Tab completes sta to start or status', async () => {
      const store = join(await tempDir(), 'onboarding.json');
      const { code, screen } = await onTerminal(store, [
        { after: '> ', type: 'sta' },
        { after: 'sta', type: '\t' },
        { after: 'sta', type: '\t' },
        { after: 'status', type: 'rt\r' },
        { after: 'Step 1 of 11', type: 'stat' },
        { after: 'stat', type: '\t' },
        { after: 'status', type: '\r' },
        { after: 'steps done', type: 'done\r' },
        { after: 'Step 2 of 11', type: `${UP}\r` },
        { after: 'Step 3 of 11', type: '\u0004' },
      ]);
      expect(code).toBe(0);
      // A second Tab listed both words that begin with "sta".
      expect(screen).toMatch(/start\s+status/);
      expect(screen).toContain('Step 3 of 11');
    });

    it('colours and clickable links where the terminal has them; none with NO_COLOR', async () => {
      const store = join(await tempDir(), 'onboarding.json');
      const keys = [
        { after: '> ', type: 'start\r' },
        { after: 'Step 1 of 11', type: '\u0004' },
      ];
      const coloured = await onTerminal(store, keys, { env: { FORCE_HYPERLINK: '1' } });
      expect(coloured.screen).toContain(`${ESC}[1m`);
      // OSC 8: the address is the link and its text, so it can still be copied.
      const url = 'https://intl.cloud.tencent.com/register';
      expect(coloured.screen).toContain(`${ESC}]8;;${url}\u0007${url}${ESC}]8;;\u0007`);
      const plain = await onTerminal(store, keys, { env: { NO_COLOR: '1' } });
      expect(plain.screen).toContain('Step 1 of 11');
      expect(plain.screen).not.toMatch(new RegExp(`${ESC}\\[[0-9;]*m`));
      expect(plain.screen).not.toContain(`${ESC}]8;;`);
    });

    it('wraps at the terminal width, counting Chinese characters as two columns', async () => {
      const store = join(await tempDir(), 'onboarding.json');
      const { screen } = await onTerminal(
        store,
        [
          { after: '> ', type: 'lang zh-CN\r' },
          { after: '简体中文', type: 'start\r' },
          { after: '第 1 步', type: '\u0004' },
        ],
        { env: { NO_COLOR: '1' }, columns: 40 },
      );
      const chat = screen.split(/\r?\n/).filter((line) => !/https?:\/\//.test(line));
      const widest = Math.max(...chat.map((line) => stringWidth(stripVTControlCharacters(line))));
      expect(widest).toBeLessThanOrEqual(40);
      expect(widest).toBeGreaterThan(30);
    });
  },
);

if (!hasScript) console.warn('skipped: terminal tests need util-linux `script` to give the bot a terminal');
