import { createHmac } from 'node:crypto';

export const SIGNING_SECRET = '8f742231b10e8888abcd99yyyzzz85a5';

/** Slack's v0 signature: HMAC-SHA256 of `v0:<timestamp>:<raw body>` with the signing secret. */
function sign(body: string, timestamp: number, secret = SIGNING_SECRET): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);

export type Body = { json: unknown } | { form: Record<string, string> };

export interface SendOptions {
  /** Seconds since the epoch; now when unset. */
  timestamp?: number;
  /** Sign with another secret, or send no signature at all (`null`). */
  secret?: string | null;
  headers?: Record<string, string>;
  /** Aborts the request (e.g. `AbortSignal.timeout(3000)`, as Slack gives up after 3 s). */
  signal?: AbortSignal;
}

/** Posts a body to the app's `/slack/events` the way Slack does: raw bytes, signed. */
export async function postToApp(port: number, body: Body, options: SendOptions = {}) {
  const raw = 'json' in body ? JSON.stringify(body.json) : new URLSearchParams(body.form).toString();
  const timestamp = options.timestamp ?? nowSeconds();
  const headers: Record<string, string> = {
    'content-type': 'json' in body ? 'application/json' : 'application/x-www-form-urlencoded',
    'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
    ...options.headers,
  };
  if (options.secret !== null) {
    headers['x-slack-request-timestamp'] = String(timestamp);
    headers['x-slack-signature'] = sign(raw, timestamp, options.secret ?? SIGNING_SECRET);
  }
  const res = await fetch(`http://127.0.0.1:${port}/slack/events`, {
    method: 'POST',
    headers,
    body: raw,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return { status: res.status, text: await res.text() };
}
