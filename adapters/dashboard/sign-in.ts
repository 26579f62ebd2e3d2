import { createHash, randomBytes } from 'node:crypto';
import type { DashboardLinks, UserKey } from '../../src/core/index.js';

/** A sign-in link works once, for this long. */
const LINK_TTL_MS = 10 * 60 * 1000;
/** A session lasts this long from sign-in. */
export const SESSION_TTL_MS = 8 * 60 * 60 * 1000;
/** Links and sessions kept at most (the oldest go first): a flood of `admin dashboard` cannot fill memory. */
const MAX_KEPT = 10_000;

/** Who a link or session belongs to, and the language the pages speak. */
export interface Visitor {
  staff: UserKey;
  language: string;
}

interface Kept extends Visitor {
  expiresAt: number;
}

/** 256 random bits, URL-safe. */
const secret = (): string => randomBytes(32).toString('base64url');
/** Only this is kept: a leaked memory dump or log of the map gives no working link or cookie. */
const hashOf = (value: string): string => createHash('sha256').update(value).digest('base64url');

/** A map of hashes to visitors that forgets what expired and never holds more than `MAX_KEPT`. */
class Expiring {
  readonly #kept = new Map<string, Kept>();

  put(value: string, visitor: Visitor, expiresAt: number, now: number): void {
    for (const [hash, kept] of this.#kept) if (kept.expiresAt <= now) this.#kept.delete(hash);
    while (this.#kept.size >= MAX_KEPT) this.#kept.delete(this.#kept.keys().next().value as string);
    this.#kept.set(hashOf(value), { ...visitor, expiresAt });
  }

  /** The visitor, while it has not expired; `once` forgets it on the way (a second use finds nothing). */
  get(value: string, now: number, once = false): Visitor | undefined {
    const hash = hashOf(value);
    const kept = this.#kept.get(hash);
    if (!kept) return undefined;
    if (once || kept.expiresAt <= now) this.#kept.delete(hash);
    return kept.expiresAt > now ? { staff: kept.staff, language: kept.language } : undefined;
  }
}

export interface SignIn extends DashboardLinks {
  /** Trades a link's token for a new session id: once, before it expires; undefined otherwise. */
  redeem(token: string): { session: string; visitor: Visitor } | undefined;
  /** Whether a link's token would still sign in, without using it up. */
  valid(token: string): boolean;
  /** The visitor of a live session. */
  session(id: string): Visitor | undefined;
}

/**
 * One-time sign-in links and the sessions they open, in this process's memory (a restart signs
 * everyone out). `publicUrl` gives where staff reach the dashboard (DASHBOARD_URL, known once it listens).
 */
export function createSignIn(publicUrl: () => string, now: () => number = Date.now): SignIn {
  const links = new Expiring();
  const sessions = new Expiring();
  return {
    async open(staff, language) {
      const token = secret();
      const at = now();
      links.put(token, { staff, language }, at + LINK_TTL_MS, at);
      return {
        url: `${publicUrl().replace(/\/+$/, '')}/sign-in/${token}`,
        expiresAt: new Date(at + LINK_TTL_MS),
      };
    },
    redeem(token) {
      const at = now();
      const visitor = links.get(token, at, true);
      if (!visitor) return undefined;
      const session = secret();
      sessions.put(session, visitor, at + SESSION_TTL_MS, at);
      return { session, visitor };
    },
    valid: (token) => links.get(token, now()) !== undefined,
    session: (id) => sessions.get(id, now()),
  };
}
