import { readFileSync } from 'node:fs';
import { readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { isCode } from './fs-durable.js';

/** Who holds a store, as written in `<file>.lock` for people, the error message and the pid fallback. */
export interface LockOwner {
  pid: number;
  /** Missing in a lock written before hosts were recorded (it then counts as this host's). */
  host?: string;
  startedAt?: string;
}

/** Our own record: one line of JSON, so `cat <file>.lock` tells an operator who owns the store. */
export function ownRecord(): string {
  const owner: LockOwner = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
  return `${JSON.stringify(owner)}\n`;
}

/** The owner a lock names, or undefined when the text names none (an empty or garbled lock). */
export function parseOwner(text: string): LockOwner | undefined {
  if (/^\d+\s*$/.test(text)) return validPid({ pid: Number(text.trim()) });
  try {
    const value = JSON.parse(text) as Partial<LockOwner> | null;
    if (typeof value !== 'object' || value === null) return undefined;
    const host = typeof value.host === 'string' ? value.host : undefined;
    const startedAt = typeof value.startedAt === 'string' ? value.startedAt : undefined;
    return validPid({
      pid: Number(value.pid),
      ...(host ? { host } : {}),
      ...(startedAt ? { startedAt } : {}),
    });
  } catch {
    return undefined;
  }
}

const validPid = (owner: LockOwner) => (Number.isSafeInteger(owner.pid) && owner.pid > 0 ? owner : undefined);

/** Whether the owner ran on another machine (or container), whose processes this one cannot see. */
export const onOtherHost = (owner: LockOwner | undefined): boolean =>
  owner?.host !== undefined && owner.host !== hostname();

/** The file's text, or undefined if there is no such file. */
export const readText = (path: string): Promise<string | undefined> =>
  readFile(path, 'utf8').catch((e: unknown) => (isCode(e, 'ENOENT') ? undefined : Promise.reject(e)));

/** Replaces `path` with `text` in one step: a reader sees the old record or the new one, never half. */
export async function writeWhole(path: string, text: string): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, text);
  try {
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

/** Removes `path` only if it still holds `text` (never a record some other process wrote). */
export async function removeIfHolds(path: string, text: string): Promise<void> {
  if ((await readText(path)) === text) await unlink(path).catch(() => undefined);
}

/** True when `pid` is a process that runs (this one included); a zombie (Linux `Z` state) does not run. */
export function processRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
  } catch (error) {
    if (!isCode(error, 'EPERM')) return false;
  }
  try {
    return !/^\d+ \(.*\) Z/s.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true; // No /proc here: alive as far as anyone can tell.
  }
}
