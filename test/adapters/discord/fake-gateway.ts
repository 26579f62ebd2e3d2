import type { Server } from 'node:http';
import { GatewayDispatchEvents, type GatewayIdentifyData, GatewayOpcodes } from 'discord-api-types/v10';
import { type WebSocket, WebSocketServer } from 'ws';
import { guildCreate, hello, ready } from './fixtures/gateway.js';

/**
 * A loopback Discord gateway (JSON text frames): HELLO on connect; READY and one GUILD_CREATE after
 * IDENTIFY; heartbeat ACKs; dispatches with a rising sequence number.
 */
export class FakeGateway {
  readonly identifies: GatewayIdentifyData[] = [];
  private readonly wss: WebSocketServer;
  private readonly sockets = new Set<WebSocket>();
  private sequence = 0;

  constructor(
    server: Server,
    private readonly url: () => string,
  ) {
    this.wss = new WebSocketServer({ server });
    this.wss.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('message', (raw) => this.receive(socket, String(raw)));
      socket.send(JSON.stringify(hello));
    });
  }

  private receive(socket: WebSocket, raw: string) {
    const payload = JSON.parse(raw) as { op: GatewayOpcodes; d: unknown };
    if (payload.op === GatewayOpcodes.Heartbeat) {
      socket.send(JSON.stringify({ op: GatewayOpcodes.HeartbeatAck }));
    } else if (payload.op === GatewayOpcodes.Identify) {
      this.identifies.push(payload.d as GatewayIdentifyData);
      void this.send(socket, GatewayDispatchEvents.Ready, ready(this.url()));
      void this.send(socket, GatewayDispatchEvents.GuildCreate, guildCreate);
    }
  }

  private send(socket: WebSocket, t: GatewayDispatchEvents, d: unknown): Promise<void> {
    this.sequence += 1;
    const frame = JSON.stringify({ op: GatewayOpcodes.Dispatch, t, d, s: this.sequence });
    return new Promise((resolve, reject) =>
      socket.send(frame, (error) => (error ? reject(error) : resolve())),
    );
  }

  /** Sends one dispatch to every connected client; resolves once it is written to the socket. */
  async dispatch(t: GatewayDispatchEvents, d: unknown): Promise<void> {
    if (this.sockets.size === 0) throw new Error('no gateway client is connected');
    await Promise.all([...this.sockets].map((socket) => this.send(socket, t, d)));
  }

  get connected(): number {
    return this.sockets.size;
  }

  /** Cuts every client off, as a network failure would; the server keeps listening. */
  dropAll(): void {
    for (const socket of this.sockets) socket.terminate();
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}
