import { DataFile } from 'lowdb/node';
import { z } from 'zod';
import { AuditEntrySchema, ProgressSchema } from '../core/index.js';
import { parseStoreFile, type StoreFile, StoreFileError } from './file-schema.js';
import { isCode } from './fs-durable.js';
import { forEachLine } from './read-lines.js';
import {
  SNAPSHOT_AUDIT,
  SNAPSHOT_HEAD,
  SNAPSHOT_HEAD_V1,
  SNAPSHOT_MIDDLE,
  SNAPSHOT_TAIL,
} from './snapshot.js';
import type { StoreState } from './state.js';

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
    throw new StoreFileError(file, (error as Error).message, error);
  }
  state.clear();
  const adapter = new DataFile<StoreFile>(file, {
    parse: (text) => parseStoreFile(text, file),
    stringify: (data) => JSON.stringify(data),
  });
  const data = await adapter.read();
  if (data === null) return;
  for (const progress of Object.values(data.users))
    state.load(progress, JSON.stringify(progress), undefined, 0);
  for (const [id, at] of Object.entries(data.deliveries)) state.deliveries.add(id, Date.parse(at));
  for (const entry of Object.values(data.audit ?? {})) state.audit.put(entry);
}

/** True when the whole file is in our layout and every line validates; false sends it the general way. */
async function readOwnLayout(file: string, state: StoreState): Promise<boolean> {
  let section: 'head' | 'users' | 'deliveries' | 'audit' | 'end' = 'head';
  // Commas exactly as JSON wants them: after every entry of a section but its last.
  let first = true;
  let comma = false;
  const onLine = (line: string): boolean => {
    if (section === 'head') {
      section = 'users';
      return line === SNAPSHOT_HEAD.trimEnd() || line === SNAPSHOT_HEAD_V1.trimEnd();
    }
    if (section === 'end') return false;
    const next = nextSection(section, line);
    if (next) {
      if (comma) return false;
      section = next;
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
      if (progress.data.audit) state.load(progress.data, text, undefined, 0);
      else state.apply(progress.data, text, undefined, 0);
    } else if (section === 'audit') {
      const entry = AuditEntrySchema.safeParse(value);
      if (!entry.success || entry.data.id !== key) return false;
      state.audit.put(entry.data);
    } else {
      if (!AtSchema.safeParse(value).success) return false;
      state.deliveries.add(key, Date.parse(value as string));
    }
    return true;
  };
  let ok = true;
  const read = await forEachLine(file, (line) => (ok = onLine(line)));
  return ok && read.tail === undefined && (section as string) === 'end';
}

/** The section a marker line opens: users → deliveries → (audit →) end. */
function nextSection(
  section: 'users' | 'deliveries' | 'audit',
  line: string,
): 'deliveries' | 'audit' | 'end' | undefined {
  if (section === 'users' && line === SNAPSHOT_MIDDLE.trimEnd()) return 'deliveries';
  if (section === 'deliveries' && line === SNAPSHOT_AUDIT.trimEnd()) return 'audit';
  if (section !== 'users' && line === SNAPSHOT_TAIL.trimEnd()) return 'end';
  return undefined;
}

/**
 * `"key":value` → [key, value, the value's own JSON text]. A plain key (no escapes, as every user key,
 * delivery id and audit id is) is cut off and only the value parsed, which spares a copy of every line;
 * anything else is parsed as the one-entry object it is.
 */
function parseEntry(body: string): [string, unknown, string] | undefined {
  const end = body.indexOf('":');
  const key = end > 0 && body.charCodeAt(0) === QUOTE ? body.slice(1, end) : undefined;
  if (key !== undefined && !key.includes('\\') && !key.includes('"')) {
    const text = body.slice(end + 2);
    try {
      return [key, JSON.parse(text), text];
    } catch {
      return undefined;
    }
  }
  return parseObjectEntry(body);
}

const QUOTE = 0x22;

function parseObjectEntry(body: string): [string, unknown, string] | undefined {
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
