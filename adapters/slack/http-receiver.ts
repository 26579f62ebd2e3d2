import type { IncomingMessage, RequestListener, ServerOptions, ServerResponse } from 'node:http';
import { type Logger as BoltLogger, type BufferedIncomingMessage, HTTPReceiver } from '@slack/bolt';
import getRawBody, { type RawBodyError } from 'raw-body';
import type { Logger } from '../../src/core/index.js';

/**
 * The largest request body `/slack/events` reads: 1 MiB. Slack's own requests are far smaller (a message
 * event carries at most 40,000 characters of text; a button click carries its message or Home view,
 * at most 50 or 100 blocks of at most 3,000 characters each, a few hundred KB when escaped), so 1 MiB
 * leaves room to spare while an unsigned stranger can no longer make the process hold megabytes.
 */
const MAX_BODY_BYTES = 1024 * 1024;

const ENDPOINT = '/slack/events';

const isSlackEvent = (req: IncomingMessage) =>
  req.method === 'POST' && new URL(req.url ?? '/', 'http://localhost').pathname === ENDPOINT;

/** How long a refused connection stays open, unread, so that the client gets to read the answer. */
const LINGER_MS = 1000;

/**
 * Answers at once with no body and `Connection: close`, reads nothing more, and closes a moment later.
 * Closing at once, with body bytes still arriving, would reset the connection and could make the client
 * lose the answer; meanwhile the unread bytes wait in the kernel, not in this process.
 */
function refuse(res: ServerResponse, status: number) {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { connection: 'close', 'content-length': '0' });
  res.flushHeaders();
  const timer = setTimeout(() => res.end(), LINGER_MS);
  res.once('close', () => clearTimeout(timer));
}

/** What a failed read means for the log: the status answered (by us, or by Node on a timeout) and sizes. */
function describeFailure(req: IncomingMessage, error: RawBodyError) {
  const timedOut = (req.socket.errored as NodeJS.ErrnoException | null)?.code === 'ERR_HTTP_REQUEST_TIMEOUT';
  const bytes = (n: number | null | undefined) => (typeof n === 'number' ? n : undefined);
  return {
    status: timedOut ? 408 : (error.status ?? 400),
    reason: timedOut ? 'request.timeout' : (error.type ?? 'request.failed'),
    declaredBytes: bytes(error.length),
    receivedBytes: bytes(error.received),
  };
}

/**
 * Reads the body of a POST to `/slack/events` with a limit before Bolt sees it: a declared Content-Length
 * over the limit is refused unread, and a chunked body is counted as it streams and refused once it passes
 * the limit (413 either way). Bolt then uses the bytes read here (`rawBody`) for its signature check.
 */
function limitBodies(handle: RequestListener, logger: Logger, limit = MAX_BODY_BYTES): RequestListener {
  return (req, res) => {
    if (!isSlackEvent(req)) return handle(req, res);
    getRawBody(req, { length: req.headers['content-length'] ?? null, limit }).then(
      (body) => {
        (req as BufferedIncomingMessage).rawBody = body;
        handle(req, res);
      },
      (error: RawBodyError) => {
        const failure = describeFailure(req, error);
        logger.warn({ ...failure, limit }, 'slack request refused before its body was read');
        refuse(res, failure.status);
      },
    );
  };
}

/**
 * Node's own limits on slow clients: the headers and the whole request must arrive within `seconds`, or
 * Node answers 408 and closes the connection. The check runs often enough for the limit to be near exact.
 */
export function slowRequestLimits(seconds: number): ServerOptions {
  const ms = seconds * 1000;
  return { requestTimeout: ms, headersTimeout: ms, connectionsCheckingInterval: Math.min(30_000, ms / 4) };
}

/**
 * Bolt's HTTP receiver with signature checks as before, reading bodies only through `limitBodies`.
 * `processBeforeResponse: true`: the answer leaves when the listener returns, not at `ack()`. The
 * listeners of slash commands and clicks return at once (the 3-second deadline); the DM listener
 * returns once the change is saved, so a 200 to Slack means the change is durable (see listeners.ts).
 */
export function createHttpReceiver(signingSecret: string, boltLog: BoltLogger, logger: Logger): HTTPReceiver {
  const receiver = new HTTPReceiver({ signingSecret, logger: boltLog, processBeforeResponse: true });
  receiver.requestListener = limitBodies(receiver.requestListener, logger);
  return receiver;
}
