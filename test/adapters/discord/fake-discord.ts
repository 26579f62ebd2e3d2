import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type APIApplicationCommand, type APIPartialGuild, RESTJSONErrorCodes } from 'discord-api-types/v10';
import { FakeChannels } from './fake-channels.js';
import { FakeGateway } from './fake-gateway.js';
import { dmChannel, gatewayBot, IDS } from './fixtures/gateway.js';
import { type SentBody, shownMessage } from './fixtures/interactions.js';
import { parseBody, type UploadedFile } from './multipart.js';
import { bodyProblems } from './spec-bodies.js';

export type { UploadedFile };

/**
 * One request the bot made. `body` is the parsed JSON, or a multipart request's `payload_json`
 * (undefined when there was none); `files` are the multipart request's uploads.
 */
export interface Recorded {
  method: string;
  path: string;
  query: URLSearchParams;
  body: SentBody & Record<string, unknown>;
  files: UploadedFile[];
  authorization: string | undefined;
  /** When the fake received it (`Date.now()`): to check the bot's pacing. */
  at?: number;
}

type Route = (req: Recorded) => { status: number; json?: unknown };

/** A loopback Discord: REST under `/api/v10` (what the adapter calls) and a gateway on the same port. */
export class FakeDiscord {
  readonly requests: Recorded[] = [];
  /** Answer DM messages with 403 / 50007, as Discord does for a person whose DMs are closed. */
  dmClosed = false;
  /** The DM channel opened for each user id (alice's is IDS.dmChannel). */
  readonly dmChannels = new Map<string, string>([[IDS.alice, IDS.dmChannel]]);
  /** The servers the bot is in, as GET /users/@me/guilds lists them (the gateway's READY lists the first). */
  readonly guilds: string[] = [IDS.guild];
  /** The command names Discord holds per scope ('global' or a server id), as the PUTs left them. */
  readonly commandSets = new Map<string, string[]>();
  /** Answer this many interaction callbacks with a 500. */
  failCallbacks = 0;
  /** Answer every request made with the bot token 401, as Discord does for a wrong token. */
  unauthorized = false;
  /** Requests whose body Discord's OpenAPI spec refuses (answered 400, code 50035), with why. */
  readonly refused: { request: string; problems: string }[] = [];
  private messageIds = 1_700_000_000_000_000_000n;
  private readonly channels = new FakeChannels();
  /** Interactions whose callback Discord has accepted. */
  private readonly acknowledged = new Set<string>();
  readonly gateway: FakeGateway;
  private readonly waiters = new Set<() => void>();

  private constructor(private readonly server: Server) {
    this.gateway = new FakeGateway(server, () => this.wsUrl);
  }

  static async start(): Promise<FakeDiscord> {
    const server = createServer();
    const fake = new FakeDiscord(server);
    server.on('request', (req, res) => void fake.serve(req, res));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return fake;
  }

  private get port(): number {
    return (this.server.address() as AddressInfo).port;
  }
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }
  get wsUrl(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  private async serve(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const record: Recorded = {
      method: req.method ?? 'GET',
      path: decodeURIComponent(url.pathname),
      query: url.searchParams,
      ...(await parseBody(Buffer.concat(chunks), req.headers['content-type'])),
      authorization: req.headers.authorization,
      at: Date.now(),
    };
    this.requests.push(record);
    const { status, json } = this.route(record);
    res.writeHead(status, json === undefined ? {} : { 'content-type': 'application/json' });
    res.end(json === undefined ? undefined : JSON.stringify(json));
    for (const wake of this.waiters) wake();
  }

  private message(body: SentBody, where: 'guild' | 'dm') {
    this.messageIds += 1n;
    return shownMessage(String(this.messageIds), body, where);
  }

  private readonly routes: [string, RegExp, Route][] = [
    ['GET', /^\/api\/v10\/gateway\/bot$/, () => ({ status: 200, json: gatewayBot(this.wsUrl) })],
    ['GET', /^\/api\/v10\/applications\/@me$/, () => ({ status: 200, json: { id: IDS.application } })],
    ['GET', /^\/api\/v10\/users\/@me\/guilds$/, (r) => ({ status: 200, json: this.guildPage(r.query) })],
    [
      'PUT',
      /^\/api\/v10\/applications\/\d+(\/guilds\/\d+)?\/commands$/,
      (r) => ({
        status: 200,
        json: this.putCommands(r).map((c, i) => ({
          ...c,
          id: `16000000000000000${i + 10}`,
          application_id: IDS.application,
          version: '1',
          default_member_permissions: c.default_member_permissions ?? null,
        })),
      }),
    ],
    ['POST', /^\/api\/v10\/interactions\/\d+\/[^/]+\/callback$/, (r) => this.callback(r)],
    [
      'POST',
      /^\/api\/v10\/webhooks\/\d+\/[^/]+$/,
      (r) => ({ status: 200, json: this.message(r.body, 'guild') }),
    ],
    [
      'PATCH',
      /^\/api\/v10\/webhooks\/\d+\/[^/]+\/messages\/@original$/,
      (r) => ({ status: 200, json: this.message(r.body, 'guild') }),
    ],
    ['DELETE', /^\/api\/v10\/webhooks\/\d+\/[^/]+\/messages\/@original$/, () => ({ status: 204 })],
    [
      'POST',
      /^\/api\/v10\/users\/@me\/channels$/,
      (r) => {
        const recipient = String(r.body.recipient_id);
        const id =
          this.dmChannels.get(recipient) ?? String(BigInt(IDS.dmChannel) + BigInt(this.dmChannels.size));
        this.dmChannels.set(recipient, id);
        return { status: 200, json: dmChannel(id, recipient) };
      },
    ],
    [
      'POST',
      /^\/api\/v10\/channels\/\d+\/messages$/,
      (r) =>
        this.dmClosed && this.isDm(r.path)
          ? {
              status: 403,
              json: {
                message: 'Cannot send messages to this user',
                code: RESTJSONErrorCodes.CannotSendMessagesToThisUser,
              },
            }
          : { status: 200, json: this.createMessage(r) },
    ],
  ];

  /**
   * An interaction callback: a 500 while `failCallbacks` lasts; a second one for the same interaction is
   * refused as Discord refuses it (400, 40060 "Interaction has already been acknowledged").
   */
  private callback(r: Recorded): { status: number; json?: unknown } {
    if (this.failCallbacks-- > 0) return { status: 500, json: { message: 'Internal', code: 0 } };
    const id = r.path.split('/')[4] ?? '';
    if (this.acknowledged.has(id))
      return {
        status: 400,
        json: {
          message: 'Interaction has already been acknowledged.',
          code: RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged,
        },
      };
    this.acknowledged.add(id);
    return { status: 204 };
  }

  /** Replaces the scope's command set, as Discord does on PUT; returns the commands sent. */
  private putCommands(r: Recorded): APIApplicationCommand[] {
    const commands = r.body as unknown as APIApplicationCommand[];
    const guild = /\/guilds\/(\d+)\/commands$/.exec(r.path)?.[1];
    this.commandSets.set(
      guild ?? 'global',
      commands.map((c) => c.name),
    );
    return commands;
  }

  /** One page of the bot's servers (`limit`, `after`), as partial guilds. */
  private guildPage(query: URLSearchParams): APIPartialGuild[] {
    const after = BigInt(query.get('after') ?? '0');
    const limit = Number(query.get('limit') ?? '200');
    return this.guilds
      .filter((id) => BigInt(id) > after)
      .slice(0, limit)
      .map((id) => ({ id, name: `server ${id.slice(-4)}`, icon: null, splash: null }));
  }

  private isDm(path: string): boolean {
    return [...this.dmChannels.values()].some((id) => path === `/api/v10/channels/${id}/messages`);
  }

  /** A message create in a channel, which Discord may answer with an earlier message (its nonce). */
  private createMessage(r: Recorded) {
    const channelId = r.path.split('/')[4] ?? '';
    const where = { channelId, author: r.authorization ?? '' };
    const ask = { nonce: r.body.nonce, enforce_nonce: r.body.enforce_nonce };
    return this.channels.create(where, ask, r.at ?? Date.now(), () => this.message(r.body, 'dm'));
  }

  /** The messages a channel holds (a re-send Discord dropped for its nonce is not among them). */
  messagesIn(channelId: string) {
    return this.channels.in(channelId);
  }

  /** Message creates sent to a channel (a DM channel or the staff channel), dropped ones too. */
  posted(channelId: string): Recorded[] {
    return this.requests.filter(
      (r) => r.method === 'POST' && r.path === `/api/v10/channels/${channelId}/messages`,
    );
  }

  /** Messages sent to a user's DMs. */
  dmsTo(userId: string): Recorded[] {
    const channel = this.dmChannels.get(userId);
    return channel ? this.posted(channel) : [];
  }

  private route(r: Recorded): { status: number; json?: unknown } {
    if (this.unauthorized && r.authorization)
      return { status: 401, json: { message: '401: Unauthorized', code: 0 } };
    const problems = bodyProblems(r.method, r.path, r.body);
    if (problems) {
      this.refused.push({ request: `${r.method} ${r.path}`, problems });
      return {
        status: 400,
        json: { message: 'Invalid Form Body', code: RESTJSONErrorCodes.InvalidFormBodyOrContentType },
      };
    }
    for (const [method, pattern, answer] of this.routes) {
      if (method === r.method && pattern.test(r.path)) return answer(r);
    }
    return { status: 404, json: { message: '404: Not Found', code: 0 } };
  }

  /** Every request made with interaction `id`'s token: the callback, then edits and follow-ups. */
  answersTo(id: string): Recorded[] {
    return this.requests.filter((r) => r.path.includes(`/token-${id}/`) || r.path.endsWith(`/token-${id}`));
  }

  /** Resolves once `condition` holds, re-checking after every request; fails after `timeoutMs`. */
  until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const wake = () => {
        if (!condition()) return;
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(wake);
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      this.waiters.add(wake);
      wake();
    });
  }

  async close(): Promise<void> {
    await this.gateway.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
