import { DataFile } from 'lowdb/node';
import { z } from 'zod';
import { ProgressSchema } from '../core/index.js';
import { parseStoreFile, type StoreFile, StoreFileError } from './file-schema.js';
import { isCode } from './fs-durable.js';
import { forEachLine } from './read-lines.js';
import { SNAPSHOT_HEAD, SNAPSHOT_MIDDLE, SNAPSHOT_TAIL } from './snapshot.js';
import { encodeRecord, type StoreState } from './state.js';

const AtSchema = z.iso.datetime();

/**
 * Loads the snapshot into the state; a missing file is an empty store. Our own layout (one person per
 * line) is read line by line: each record is parsed and validated on its own, and its JSON text kept,
 * so 100,000 people never exist as one 60 MB object tree. Any other layout (a file written by the plain
 * lowdb store, or edited by hand) is read by lowdb's DataFile with the validating parse hook. Either way
 * a file that does not validate throws StoreFileError naming it, and is left untouched.
 */
export async function readSnapshot(file: string, state: StoreState): Promise<void> {
  try {
    if (await readOwnLayout(file, state)) return;
  } catch (error) {
    if (isCode(error, 'ENOENT')) return;
    throw new StoreFileError(file, (error as Error).message);
  }
  state.users.clear();
  state.deliveries.clear();
  const adapter = new DataFile<StoreFile>(file, {
    parse: (text) => parseStoreFile(text, file),
    stringify: (data) => JSON.stringify(data),
  });
  const data = await adapter.read();
  if (data === null) return;
  for (const [user, progress] of Object.entries(data.users))
    state.users.set(user, encodeRecord(JSON.stringify(progress)));
  for (const [id, at] of Object.entries(data.deliveries)) state.deliveries.set(id, Date.parse(at));
}

/** True when the whole file is in our layout and every line validates; false sends it the general way. */
async function readOwnLayout(file: string, state: StoreState): Promise<boolean> {
  let section: 'head' | 'users' | 'deliveries' | 'end' = 'head';
  // Commas exactly as JSON wants them: after every entry of a section but its last.
  let first = true;
  let comma = false;
  const onLine = (line: string): boolean => {
    if (section === 'head') {
      section = 'users';
      return line === SNAPSHOT_HEAD.trimEnd();
    }
    if (section === 'end') return false;
    if (line === SNAPSHOT_MIDDLE.trimEnd() || line === SNAPSHOT_TAIL.trimEnd()) {
      if (comma) return false;
      section = section === 'users' ? 'deliveries' : 'end';
      first = true;
      return true;
    }
    if (!first && !comma) return false;
    first = false;
    comma = line.endsWith(',');
    const entry = parseEntry(comma ? line.slice(0, -1) : line);
    if (!entry) return false;
    const [key, value, text] = entry;
    if (section === 'users') {
      const progress = ProgressSchema.safeParse(value);
      if (!progress.success || progress.data.user !== key) return false;
      state.users.set(key, encodeRecord(text));
    } else {
      if (!AtSchema.safeParse(value).success) return false;
      state.deliveries.set(key, Date.parse(value as string));
    }
    return true;
  };
  let ok = true;
  const read = await forEachLine(file, (line) => (ok = onLine(line)));
  return ok && read.tail === undefined && (section as string) === 'end';
}

/** `"key":value` → [key, value, the value's own JSON text]. */
function parseEntry(body: string): [string, unknown, string] | undefined {
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(`{${body}}`);
  } catch {
    return undefined;
  }
  const keys = Object.keys(parsed);
  if (keys.length !== 1) return undefined;
  const key = keys[0] as string;
  const prefix = `${JSON.stringify(key)}:`;
  return [
    key,
    parsed[key],
    body.startsWith(prefix) ? body.slice(prefix.length) : JSON.stringify(parsed[key]),
  ];
}
