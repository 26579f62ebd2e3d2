import { spawn } from 'node:child_process';
import { ROOT, type RunResult } from './run-main.js';

/** Runs `npm run <command> -- <file>` in the package folder with STORE_FILE set, as an operator would. */
export function runStoreCommand(
  command: 'backup' | 'restore',
  file: string,
  storeFile: string,
): Promise<RunResult> {
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', STORE_FILE: storeFile };
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '-s', command, '--', file], { cwd: ROOT, env, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString('utf8');
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
