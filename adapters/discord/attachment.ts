import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { ReplyFile } from '../../src/core/index.js';

/** What Discord takes in one upload from a bot in a server without boosts: 10 MiB. */
export const ATTACHMENT_LIMIT_BYTES = 10 * 1024 * 1024;

/** A file as it is uploaded. */
export interface OutgoingFile {
  name: string;
  mimeType: string;
  data: Buffer;
}

/** Buffers gathered up to a limit: past it, they are dropped and only the size is counted on. */
class Capped {
  parts: Buffer[] = [];
  bytes = 0;
  constructor(readonly limit: number) {}
  add(part: Buffer): void {
    this.bytes += part.length;
    if (this.bytes <= this.limit) this.parts.push(part);
    else this.parts = [];
  }
  get fits(): boolean {
    return this.bytes <= this.limit;
  }
  get data(): Buffer {
    return Buffer.concat(this.parts, this.bytes);
  }
}

/**
 * A reply's file as Discord can take it, its body read once: as it is when it fits; gzipped (`.gz`, a
 * CSV shrinks about tenfold) when that makes it fit; undefined when not even that does, so the caller
 * says so in words. The chunks go through an async gzip as they come, raw and gzipped bytes kept as
 * Buffers (off the V8 heap) only while each still fits; once neither fits, reading stops. An export of
 * 100,000 people is about 10-25 MB of CSV and 1-2 MB gzipped.
 */
export async function attachment(
  file: ReplyFile,
  limit = ATTACHMENT_LIMIT_BYTES,
): Promise<OutgoingFile | undefined> {
  const raw = new Capped(limit);
  const packed = new Capped(limit);
  const tooLarge = new AbortController();
  const bytes = async function* () {
    for await (const chunk of file.body()) {
      const part = Buffer.from(chunk, 'utf8');
      raw.add(part);
      yield part;
    }
  };
  try {
    await pipeline(
      Readable.from(bytes()),
      createGzip(),
      async (gzipped: AsyncIterable<Buffer>) => {
        for await (const part of gzipped) {
          packed.add(part);
          if (!packed.fits && !raw.fits) tooLarge.abort();
        }
      },
      { signal: tooLarge.signal },
    );
  } catch (error) {
    if (!tooLarge.signal.aborted) throw error;
  }
  if (raw.fits) return { name: file.name, mimeType: file.mimeType, data: raw.data };
  if (!packed.fits) return undefined;
  return { name: `${file.name}.gz`, mimeType: 'application/gzip', data: packed.data };
}
