import { gzipSync } from 'node:zlib';
import type { Reply } from '../../src/core/index.js';

/** What Discord takes in one upload from a bot in a server without boosts: 10 MiB. */
export const ATTACHMENT_LIMIT_BYTES = 10 * 1024 * 1024;

/** A file as it is uploaded. */
export interface OutgoingFile {
  name: string;
  mimeType: string;
  data: Buffer;
}

/**
 * A reply's file as Discord can take it: as it is when it fits; gzipped (`.gz`, a CSV shrinks about
 * tenfold) when that makes it fit; undefined when not even that does, so the caller says so in words.
 * An export of 100,000 people is about 10 MB of CSV and 1 MB gzipped.
 */
export function attachment(
  file: NonNullable<Reply['file']>,
  limit = ATTACHMENT_LIMIT_BYTES,
): OutgoingFile | undefined {
  const data = Buffer.from(file.content, 'utf8');
  if (data.length <= limit) return { name: file.name, mimeType: file.mimeType, data };
  const packed = gzipSync(data);
  if (packed.length > limit) return undefined;
  return { name: `${file.name}.gz`, mimeType: 'application/gzip', data: packed };
}
