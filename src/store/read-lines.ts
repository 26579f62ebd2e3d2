import { open } from 'node:fs/promises';

const CHUNK = 1024 * 1024;

export interface LinesRead {
  /** Bytes up to and including the last newline. */
  wholeBytes: number;
  /** Text after the last newline (a line not yet ended), if any. */
  tail: string | undefined;
}

/**
 * Calls `onLine` for each newline-ended line of the file, in order, reading 1 MB at a time (a 60 MB
 * snapshot never sits in memory whole). `onLine` returns false to stop early. Throws ENOENT and
 * other read errors as they are.
 */
export async function forEachLine(path: string, onLine: (line: string) => boolean): Promise<LinesRead> {
  const fh = await open(path, 'r');
  try {
    const chunk = Buffer.allocUnsafe(CHUNK);
    let rest = Buffer.alloc(0);
    let wholeBytes = 0;
    for (;;) {
      const { bytesRead } = await fh.read(chunk, 0, CHUNK, null);
      if (bytesRead === 0) break;
      const data = rest.length
        ? Buffer.concat([rest, chunk.subarray(0, bytesRead)])
        : chunk.subarray(0, bytesRead);
      let start = 0;
      for (let nl = data.indexOf(10); nl >= 0; nl = data.indexOf(10, start)) {
        const line = data.toString('utf8', start, nl);
        wholeBytes += nl + 1 - start;
        start = nl + 1;
        if (!onLine(line)) return { wholeBytes, tail: undefined };
      }
      rest = Buffer.from(data.subarray(start));
    }
    return { wholeBytes, tail: rest.length ? rest.toString('utf8') : undefined };
  } finally {
    await fh.close();
  }
}
