/** `npm run store:migrate -- <json file>`: copies a JSON store into PostgreSQL (DATABASE_URL), then checks it. */
import { resolve } from 'node:path';
import { loadConfig } from '../config.js';
import { NamedError } from '../core/errors.js';
import { migrateJsonStore } from '../store/postgres/json-migrate.js';
import { poolDb } from '../store/postgres/pg-pool.js';
import { runStoreCommand } from './store-command.js';

runStoreCommand('store:migrate', async () => {
  const arg = process.argv[2];
  if (!arg || process.argv.length > 3)
    throw new NamedError('USAGE', 'usage: npm run store:migrate -- <json file>');
  const url = loadConfig().DATABASE_URL;
  if (url === undefined)
    throw new NamedError(
      'DATABASE_URL',
      'DATABASE_URL is not set: set it to the PostgreSQL database to copy into',
    );
  const file = resolve(process.env.INIT_CWD ?? process.cwd(), arg);
  const db = poolDb(url);
  const r = await migrateJsonStore(file, db).finally(() => db.close().catch(() => undefined));
  return (
    `Copied ${file} into PostgreSQL (DATABASE_URL): ${r.people} people (${r.added} new), ` +
    `${r.audit} staff actions, ${r.deliveries} recent delivery ids. Checked: the people, staff actions ` +
    `and the counts of ${r.flows.length === 1 ? 'flow' : 'flows'} ${r.flows.join(', ')} match.`
  );
});
