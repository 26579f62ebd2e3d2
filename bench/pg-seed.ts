/**
 * Child: `pg-seed.ts <url> <schema> <people>` opens the PostgreSQL store (which migrates the schema) and
 * writes the generated people (bench/people.ts, as bench/generate.ts writes them for the JSON store, a
 * delivery id for every tenth) with the store's own row writer, 500 people a transaction, four
 * transactions at a time; then ANALYZE. Prints one JSON line.
 */
import { loadFlow } from '../src/flows/load.js';
import { DELIVERY_TTL_MS } from '../src/store/file-schema.js';
import { putPerson } from '../src/store/postgres/person-row.js';
import { poolDb } from '../src/store/postgres/pg-pool.js';
import { openPostgresStore } from '../src/store/postgres/postgres-store.js';
import { schemaName } from '../src/store/postgres/schema.js';
import { personAt, stamped } from './people.js';

const [url, schema, peopleArg] = process.argv.slice(2) as [string, string, string];
const people = Number(peopleArg);
const BATCH = 500;
const AT_ONCE = 4;

const t0 = performance.now();
const db = poolDb(url, { max: AT_ONCE });
const store = await openPostgresStore({ db, schema });
const s = schemaName(schema);
const flow = await loadFlow();
const now = Date.now();
let bytes = 0;
let next = 0;

async function writer(): Promise<void> {
  while (next < people) {
    const from = next;
    next = Math.min(people, next + BATCH);
    const to = next;
    await db.transaction(async (tx) => {
      for (let i = from; i < to; i++) {
        const progress = stamped(flow, personAt(flow, i, now));
        bytes += JSON.stringify(progress).length;
        const claim = i % 10 === 0 ? { id: `Ev-${i}`, at: now - 60_000, ttlMs: DELIVERY_TTL_MS } : undefined;
        await putPerson(tx, s, progress, claim);
      }
    });
  }
}

await Promise.all(Array.from({ length: AT_ONCE }, writer));
await db.query('ANALYZE');
await store.close();
await db.close();
console.log(
  JSON.stringify({ seedS: (performance.now() - t0) / 1000, avgRecordBytes: Math.round(bytes / people) }),
);
