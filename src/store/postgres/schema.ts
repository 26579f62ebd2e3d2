/** A PostgreSQL schema name as the store's tables live in it: checked, quoted, and as a table prefix. */
export interface SchemaName {
  /** The quoted identifier, e.g. `"guidepost"`. */
  readonly quoted: string;
  /** `"guidepost".name` */
  table(name: string): string;
  /** A short tag for prepared statement names (they are per connection, shared by every schema). */
  readonly tag: string;
}

const DEFAULT_SCHEMA = 'guidepost';

export function schemaName(name: string = DEFAULT_SCHEMA): SchemaName {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`not a schema name we use: ${name}`);
  const quoted = `"${name}"`;
  return { quoted, table: (t) => `${quoted}.${t}`, tag: name };
}
