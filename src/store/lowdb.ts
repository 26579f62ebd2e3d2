import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Low } from 'lowdb';
import { DataFile } from 'lowdb/node';
import { AuditEntrySchema, type ProgressStore } from '../core/index.js';
import { personFacts } from '../core/people-query.js';
import { atomicUpdate } from './atomic-update.js';
import { AuditLog } from './audit-log.js';
import {
  emptyStoreFile,
  parseStoreFile,
  pruneDeliveries,
  STORE_FILE_VERSION,
  type StoreFile,
} from './file-schema.js';
import { PeopleIndex } from './people-index.js';
import { peopleQueries } from './people-queries.js';

/**
 * The JSON file store on lowdb. Built from `Low` + `DataFile` (not `JSONFilePreset`, which turns into
 * a memory store under NODE_ENV=test). Reads refuse what they cannot parse; writes go to a temp file
 * and are renamed into place (steno), so a crash leaves the old file or the new one, never half of one.
 */
export async function openLowdbStore(file: string, now: () => number = Date.now): Promise<ProgressStore> {
  await mkdir(dirname(file), { recursive: true });
  const adapter = new DataFile<StoreFile>(file, {
    parse: (text) => parseStoreFile(text, file),
    stringify: (data) => `${JSON.stringify(data, null, 1)}\n`,
  });
  const db = new Low<StoreFile>(adapter, emptyStoreFile());
  await db.read();
  // The audit log in memory (for ids and queries); the document's `audit` is what is written.
  const audit = new AuditLog();
  for (const [user, p] of Object.entries(db.data.users)) db.data.users[user] = audit.adopt(p);
  for (const entry of Object.values(db.data.audit ?? {})) audit.put(entry);
  db.data.version = STORE_FILE_VERSION;
  db.data.audit = Object.fromEntries([...audit.values()].map((e) => [e.id, e]));
  let closed = false;
  // Counts, pages and reminder times, as the journaled store keeps them.
  const index = new PeopleIndex();
  for (const p of Object.values(db.data.users)) index.set(p.user, personFacts(p));

  const read = (user: string) => {
    const p = db.data.users[user];
    return p ? structuredClone(p) : undefined;
  };
  const port: Omit<ProgressStore, 'update'> = {
    ...peopleQueries(async () => index, read),
    async load(user) {
      const p = db.data.users[user];
      return p ? structuredClone(p) : undefined;
    },
    async save(progress, deliveryId) {
      if (closed) throw new Error(`Store ${file} is closed`);
      db.data.users[progress.user] = structuredClone(progress);
      index.set(progress.user, personFacts(progress));
      if (deliveryId) {
        pruneDeliveries(db.data.deliveries, now());
        db.data.deliveries[deliveryId] = new Date(now()).toISOString();
      }
      await db.write();
    },
    async record(draft, progress) {
      if (closed) throw new Error(`Store ${file} is closed`);
      const entry = AuditEntrySchema.parse({ ...draft, id: audit.reserve() });
      if (progress) {
        db.data.users[progress.user] = structuredClone(progress);
        index.set(progress.user, personFacts(progress));
      }
      audit.put(entry);
      db.data.audit = { ...db.data.audit, [entry.id]: entry };
      await db.write();
      return entry;
    },
    async auditLog(query) {
      return audit.query(query);
    },
    async seen(deliveryId) {
      return deliveryId in db.data.deliveries;
    },
    async all() {
      return Object.values(db.data.users).map((p) => structuredClone(p));
    },
    async keys() {
      return Object.keys(db.data.users);
    },
    health: () => ({ writable: true }),
    async close() {
      closed = true;
    },
  };
  return { ...port, update: atomicUpdate(port) };
}
