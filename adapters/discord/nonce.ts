import { createHash } from 'node:crypto';

/** Discord's limit on a string nonce (MessageCreateRequest `nonce`: at most 25 characters). */
const NONCE_LENGTH = 25;

/** What a nonce is made from: where the message goes, its place among the messages of one send, and what it is. */
export interface NonceParts {
  channelId: string;
  /** Its place among the messages one batch of replies became (0 for the first). */
  index: number;
  /** The REST body as sent, without the nonce. */
  body: unknown;
  files: readonly { name: string; data: Buffer }[];
}

/**
 * A nonce that comes out the same whenever the same message goes to the same channel again, as when
 * another instance re-sends a reminder after a crash: sent with `enforce_nonce`, Discord then answers
 * the re-send with the message it already has instead of posting a second one (for a few minutes).
 * SHA-256 of the parts, base64url, its first 25 characters (150 bits).
 */
export function stableNonce(parts: NonceParts): string {
  const hash = createHash('sha256');
  hash.update(`${parts.channelId}\n${parts.index}\n${JSON.stringify(parts.body)}\n`);
  for (const file of parts.files) hash.update(`${file.name}\n${file.data.length}\n`).update(file.data);
  return hash.digest('base64url').slice(0, NONCE_LENGTH);
}
