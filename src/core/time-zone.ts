/**
 * Time zones as they enter the core (a platform's profile, a stored record): only an IANA zone that Intl
 * knows is used; anything else is treated as no zone (UTC), so one bad value never stops a reminder sweep.
 */
const known = new Map<string, string | undefined>();

/** The canonical IANA name of `zone` (e.g. `america/los_angeles` -> `America/Los_Angeles`), else undefined. */
export function knownTimeZone(zone: unknown): string | undefined {
  if (typeof zone !== 'string' || zone === '' || zone.length > 64) return undefined;
  if (known.has(zone)) return known.get(zone);
  let name: string | undefined;
  try {
    const resolved = new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
    // Offsets such as "+05:00" are not IANA zones (newer Intl accepts them): refuse them alike.
    name = /^[+-]/.test(resolved) ? undefined : resolved;
  } catch {
    name = undefined;
  }
  if (known.size < 1000) known.set(zone, name);
  return name;
}
