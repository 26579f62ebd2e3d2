import { mkdirSync, openSync } from 'node:fs';
import { dirname, join } from 'node:path';
import pino from 'pino';

/** The console's log file: beside the store, so it is found where the data is. */
const consoleLogFile = (storeFile: string) => join(dirname(storeFile), 'guidepost.log');

const LABELS: Record<number, string> = { 40: 'warning', 50: 'error', 60: 'fatal' };

/** One short line a person can read: "guidepost warning: <what happened> (<why>)". */
function readableLine(json: string): string {
  let entry: { level?: number; msg?: string; err?: { message?: unknown }; detail?: unknown };
  try {
    entry = JSON.parse(json);
  } catch {
    return `guidepost: ${json.trim()}\n`;
  }
  const why = entry.err?.message ?? entry.detail;
  const reason = typeof why === 'string' && why ? ` (${why})` : '';
  return `guidepost ${LABELS[entry.level ?? 40] ?? 'log'}: ${entry.msg ?? ''}${reason}\n`;
}

/** Opens the log file for appending; undefined when its folder cannot be written (opening the store says why). */
function openLogFile(file: string): pino.DestinationStream | undefined {
  try {
    mkdirSync(dirname(file), { recursive: true });
    return pino.destination({ dest: openSync(file, 'a', 0o640), sync: true });
  } catch {
    return undefined;
  }
}

/**
 * Where the console's logs go, so the terminal stays a chat: everything at `level` into the log file as
 * JSON lines, and only warnings and above on stderr, as one short readable line each.
 */
export function consoleLogDestination(storeFile: string, level: string): pino.MultiStreamRes {
  const terminal = { write: (line: string) => void process.stderr.write(readableLine(line)) };
  const file = openLogFile(consoleLogFile(storeFile));
  const streams: pino.StreamEntry[] = [{ level: 'warn', stream: terminal }];
  if (file) streams.push({ level: (level === 'silent' ? 'fatal' : level) as pino.Level, stream: file });
  return pino.multistream(streams);
}
