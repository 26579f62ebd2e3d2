import { spawn } from 'node:child_process';
import { collectRun, ROOT, type RunResult } from './run-main.js';

/** Runs `npm run <command> -- <file>` in the package folder with STORE_FILE set, as an operator would. */
export function runStoreCommand(
  command: 'backup' | 'restore' | 'store:migrate',
  file: string,
  storeFile: string,
  settings: Record<string, string> = {},
): Promise<RunResult> {
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/tmp',
    STORE_FILE: storeFile,
    ...settings,
  };
  const child = spawn('npm', ['run', '-s', command, '--', file], { cwd: ROOT, env, stdio: 'pipe' });
  return collectRun(child);
}
