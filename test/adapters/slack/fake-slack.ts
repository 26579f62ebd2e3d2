import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';

import { createCallLog } from './fake-calls.js';
import { createFakeFiles } from './fake-files.js';
import { createFakeSocket, type FakeSocket } from './fake-socket.js';

/** A message as the person's Slack client would show it now (after any chat.update). */
export interface ShownMessage {
  channel: string;
  ts: string;
  text: string;
  blocks: Block[];
}
// biome-ignore lint/suspicious/noExplicitAny: blocks are whatever the app sent; tests read them loosely
export type Block = Record<string, any>;

const JSON_FIELDS = ['blocks', 'view', 'attachments', 'files'];

/** What users.info says besides the locale: admin or owner, time zone (Europe/London when unset), home team. */
export interface FakeProfile {
  is_admin?: boolean;
  is_owner?: boolean;
  tz?: string;
  /** The person's home workspace (T0001, the app's, when unset): others are met in shared channels. */
  team_id?: string;
  /** The names users.info gives: the profile's display and full name (empty when unset), the handle. */
  display_name?: string;
  real_name?: string;
  name?: string;
}

/**
 * A loopback Slack Web API: records calls, keeps the messages of each conversation (so chat.update
 * changes what the person sees), answers like Slack does, and can be told to fail a method.
 */
export async function startFakeSlack() {
  const { calls, record, waitFor } = createCallLog();
  const messages: ShownMessage[] = [];
  const homes = new Map<string, { blocks: Block[] }>();
  /** users.info answers: user id -> Slack locale (`en-US` when unset). */
  const locales = new Map<string, string>();
  const profiles = new Map<string, FakeProfile>();
  const uploads = createFakeFiles(() => url);
  const failures = new Map<string, { error: string; times: number }>();
  let ts = 1_700_000_000;
  /** When set, every call is recorded and never answered (an unresponsive Slack API). */
  let frozen = false;

  function answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    const failure = failures.get(method);
    if (failure && failure.times > 0) {
      failure.times -= 1;
      return { ok: false, error: failure.error };
    }
    const channel = String(args.channel ?? '');
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://example.slack.com/',
          team: 'Example',
          user: 'guidepost',
          team_id: 'T0001',
          user_id: 'UBOT0001',
          bot_id: 'BBOT0001',
        };
      case 'apps.connections.open':
        return { ok: true, url: `ws://127.0.0.1:${port}/link/?ticket=fake-ticket` };
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(args.users).slice(1)}` } };
      case 'users.info': {
        const id = String(args.user);
        const withLocale = args.include_locale === 'true' ? { locale: locales.get(id) ?? 'en-US' } : {};
        const { team_id = 'T0001', tz = 'Europe/London', ...rest } = profiles.get(id) ?? {};
        const { display_name = '', real_name = '', name = id.toLowerCase(), ...roles } = rest;
        const profile = { is_admin: false, is_owner: false, ...roles, tz, tz_label: tz, tz_offset: 0 };
        const names = { name, real_name, profile: { display_name, real_name } };
        const user = { id, team_id, ...names, is_bot: false, ...profile };
        return { ok: true, user: { ...user, ...withLocale } };
      }
      case 'chat.postMessage': {
        ts += 1;
        const message = {
          channel,
          ts: `${ts}.000100`,
          text: String(args.text ?? ''),
          blocks: (args.blocks ?? []) as Block[],
        };
        messages.push(message);
        return {
          ok: true,
          channel,
          ts: message.ts,
          message: { type: 'message', text: message.text, ts: message.ts },
        };
      }
      case 'chat.update': {
        const shown = messages.find((m) => m.channel === channel && m.ts === args.ts);
        if (!shown) return { ok: false, error: 'message_not_found' };
        Object.assign(shown, { text: String(args.text ?? ''), blocks: (args.blocks ?? []) as Block[] });
        return { ok: true, channel, ts: shown.ts, text: shown.text };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: `${ts}.000200` };
      case 'views.publish': {
        const view = args.view as { blocks: Block[] };
        homes.set(String(args.user_id), view);
        return { ok: true, view: { id: 'V0001', type: 'home', ...view } };
      }
      case 'files.getUploadURLExternal':
        return uploads.getUploadURL(args);
      case 'files.completeUploadExternal':
        return uploads.complete(args);
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname.startsWith('/upload/v1/')) {
      const id = url.pathname.slice(11);
      record({ method: 'upload', args: { file_id: id, bytes: raw.length } });
      const { status, text } = uploads.receive(id, Buffer.concat(chunks), req.headers['content-type']);
      res.writeHead(status, { 'content-type': 'text/plain' });
      return res.end(text);
    }
    if (url.pathname.startsWith('/respond/')) {
      record({ method: 'response_url', args: { ...JSON.parse(raw || '{}'), hook: url.pathname.slice(9) } });
      if (frozen) return;
      return reply(200, { ok: true });
    }
    const method = url.pathname.replace(/^\/api\//, '');
    const args: Record<string, unknown> = req.headers['content-type']?.includes('json')
      ? JSON.parse(raw || '{}')
      : Object.fromEntries(new URLSearchParams(raw));
    for (const key of JSON_FIELDS)
      if (typeof args[key] === 'string') args[key] = JSON.parse(args[key] as string);
    const token = req.headers.authorization?.replace(/^Bearer /, '');
    record({ method, args, ...(token ? { token } : {}) });
    if (frozen) return;
    reply(200, answer(method, args));
  }

  const server = createServer((req, res) => {
    onRequest(req, res).catch(() => res.writeHead(500).end());
  });
  const wss = new WebSocketServer({ server, path: '/link/' });
  const socket: FakeSocket = createFakeSocket(wss);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    apiUrl: `${url}/api/`,
    responseUrl: (hook: string) => `${url}/respond/${hook}`,
    calls,
    messages,
    homes,
    locales,
    profiles,
    /** Files uploaded through files.uploadV2, with their bytes and the channel they were shared to. */
    files: uploads.files,
    socket,
    /** Resolves with the first call at or after `since` that matches; rejects after a few seconds. */
    waitFor,
    /** The messages shown in one conversation, oldest first. */
    conversation: (channel: string) => messages.filter((m) => m.channel === channel),
    /** Makes a method answer `{ ok: false, error }` the next `times` calls. */
    fail(method: string, error: string, times = Number.POSITIVE_INFINITY) {
      failures.set(method, { error, times });
    },
    /** From now on, calls are recorded but never answered: the connection stays open, silent. */
    freeze() {
      frozen = true;
    },
    count: (method: string) => calls.filter((c) => c.method === method).length,
    async close() {
      socket.closeAll();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type FakeSlack = Awaited<ReturnType<typeof startFakeSlack>>;
