import { request } from 'node:http';
import { connect } from 'node:net';

const CHUNK = Buffer.alloc(64 * 1024, 'x');

/** What the app answered to a streamed body, and how much of the body had been sent by then. */
export interface StreamedAnswer {
  status: number;
  sentBytes: number;
}

/**
 * POSTs `bytes` of filler to `/slack/events`, written 64 KiB at a time from one reused buffer (so this
 * process never holds the body), with a Content-Length or chunked. Stops sending once the app answers.
 */
export function streamPost(port: number, bytes: number, mode: 'content-length' | 'chunked') {
  return new Promise<StreamedAnswer>((resolve, reject) => {
    let sentBytes = 0;
    let answered = false;
    const req = request({
      host: '127.0.0.1',
      port,
      path: '/slack/events',
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(mode === 'content-length' ? { 'content-length': String(bytes) } : {}),
      },
    });
    req.on('response', (res) => {
      answered = true;
      res.resume();
      resolve({ status: res.statusCode ?? 0, sentBytes });
      req.destroy();
    });
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    const pump = () => {
      while (sentBytes < bytes && !answered) {
        const n = Math.min(CHUNK.length, bytes - sentBytes);
        sentBytes += n;
        if (!req.write(CHUNK.subarray(0, n))) return void req.once('drain', pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

/**
 * Sends `head` over a bare socket, then one byte of `trickle` every `everyMs` until the app answers.
 * Resolves with the answer's status line, or `no answer within <ms> ms`.
 */
export function slowRequest(port: number, head: string, waitMs: number, trickle = '', everyMs = 100) {
  return new Promise<string>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    let sent = 0;
    const ticker = setInterval(() => {
      if (sent < trickle.length && socket.writable) socket.write(trickle[sent++] as string);
    }, everyMs);
    const done = (line: string) => {
      clearInterval(ticker);
      clearTimeout(timer);
      socket.destroy();
      resolve(line);
    };
    const timer = setTimeout(() => done(`no answer within ${waitMs} ms`), waitMs);
    socket.on('data', (d: Buffer) => {
      answer += d.toString('latin1');
      if (answer.includes('\r\n')) done(answer.slice(0, answer.indexOf('\r\n')));
    });
    socket.on('error', () => undefined);
    socket.on('close', () => done(answer ? (answer.split('\r\n')[0] ?? '') : 'closed without an answer'));
    socket.write(head);
  });
}
