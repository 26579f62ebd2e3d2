import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CHILD = fileURLToPath(new URL('./store-child.ts', import.meta.url));

export interface StoreChild extends ChildProcess {
  /** Resolves with the exit code once the process has exited and its output has all been read. */
  closed: Promise<number | null>;
}

/** Starts test/helpers/store-child.ts in its own Node process, with tsx's loader. */
export const spawnStoreChild = (args: string[]): StoreChild => spawnNode(['--import', 'tsx', CHILD, ...args]);

/** Starts Node in a process of its own with these arguments (a script and its arguments). */
export function spawnNode(args: string[]): StoreChild {
  const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  const closed = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  return Object.assign(child, { closed });
}

/** Calls `onLine` for each whole line the stream writes. */
export function eachLine(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
  let rest = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop() ?? '';
    for (const line of parts) onLine(line);
  });
}
