import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { collectRun, ROOT, type RunResult, runMain } from '../helpers/run-main.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs();
/** Each test starts Node with tsx; on a machine shared by many jobs that alone can take tens of seconds. */
const SLOW_MACHINE_MS = 90_000;
const MAIN_MS = 60_000;
const SECRET = 'xoxb-typo-secret-never-shown';
const NOTICE = /^guidepost: no Slack or Discord token is configured .*only the terminal chat ran/m;

/**
 * The warnings main logged, by the variable they name: in console mode the JSON lines go to the log file
 * beside the store (the terminal gets a short line each, checked too).
 */
const warnings = (log: string) =>
  log
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { level: number; setting?: string; suggestion?: string; msg: string })
    .filter((entry) => entry.level === 40 && entry.setting !== undefined);

/** Runs main from `cwd` (where it reads `.env`), as `npm start` run in that folder would. */
async function runMainIn(cwd: string, input: string): Promise<RunResult> {
  const tsx = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/esm/index.mjs')).href;
  const base = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', NODE_ENV: 'production' };
  const child = spawn(process.execPath, ['--import', tsx, join(ROOT, 'src/main.ts')], {
    cwd,
    env: { ...base, LOG_LEVEL: 'warn' },
    stdio: 'pipe',
  });
  const run = collectRun(child);
  child.stdin.end(input);
  return run;
}

describe('unknown settings', { timeout: SLOW_MACHINE_MS }, () => {
  it('a typo in the environment is named with the setting it probably meant, never its value', async () => {
    const dir = await tempDir();
    const result = await runMain(
      '',
      {
        STORE_FILE: join(dir, 'progress.json'),
        LOG_LEVEL: 'warn',
        SLACK_BOT_TOKNE: SECRET,
        DISCORD_BOT_TOKEN: SECRET,
        DEFAULT_LANGAUGE: 'zh-CN',
        SLACK_SOMETHING_ELSE: 'x',
      },
      MAIN_MS,
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('did you mean SLACK_BOT_TOKEN?');
    const found = warnings(await readFile(join(dir, 'guidepost.log'), 'utf8'));
    expect(found.map((w) => [w.setting, w.suggestion])).toEqual(
      expect.arrayContaining([
        ['SLACK_BOT_TOKNE', 'SLACK_BOT_TOKEN'],
        ['DISCORD_BOT_TOKEN', 'DISCORD_TOKEN'],
        ['DEFAULT_LANGAUGE', 'DEFAULT_LANGUAGE'],
      ]),
    );
    expect(found.find((w) => w.setting === 'SLACK_SOMETHING_ELSE')?.msg).toMatch(
      /is not a Guidepost setting/,
    );
    expect(found.find((w) => w.setting === 'SLACK_BOT_TOKNE')?.msg).toBe(
      'SLACK_BOT_TOKNE is not a Guidepost setting and is ignored: did you mean SLACK_BOT_TOKEN?',
    );
    expect(result.stderr + result.stdout).not.toContain(SECRET);
  });

  it('a typo in .env is named too; known settings and everyday variables (HOST, PATH) are not', async () => {
    const dir = await tempDir();
    await writeFile(
      join(dir, '.env'),
      'REMINDER_DAYS=5\nLOG_LEVL=debug\nSTORE_FILE=progress.json\nHOST=example\nGUIDEPOST_SHARED_DIR=/x\n',
    );
    const result = await runMainIn(dir, '');
    expect(result.code).toBe(0);
    const named = warnings(await readFile(join(dir, 'guidepost.log'), 'utf8')).map((w) => [
      w.setting,
      w.suggestion,
    ]);
    expect(named.sort()).toEqual([
      ['LOG_LEVL', 'LOG_LEVEL'],
      ['REMINDER_DAYS', 'REMIND_AFTER_DAYS'],
    ]);
  });
});

describe('the console when no platform is configured', { timeout: SLOW_MACHINE_MS }, () => {
  it('says on stderr that only the terminal chat ran when its input closes before any line', async () => {
    const dir = await tempDir();
    const result = await runMain('', { STORE_FILE: join(dir, 'progress.json'), LOG_LEVEL: 'warn' }, MAIN_MS);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(NOTICE);
    expect(result.stderr.match(new RegExp(NOTICE, 'gm'))).toHaveLength(1);
    expect(result.stdout).toBe('');
  });

  it('with piped lines, works as before and says nothing of tokens', async () => {
    const dir = await tempDir();
    const result = await runMain(
      '/help\n',
      { STORE_FILE: join(dir, 'progress.json'), LOG_LEVEL: 'warn' },
      MAIN_MS,
    );
    expect(result.code).toBe(0);
    expect(result.stdout).not.toBe('');
    expect(result.stderr).not.toMatch(NOTICE);
  });
});
