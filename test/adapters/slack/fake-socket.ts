import type { WebSocket, WebSocketServer } from 'ws';

const WAIT_MS = 5_000;

/** What a Socket Mode app sends back: the envelope's id and an optional response payload. */
export interface SocketAck {
  envelope_id: string;
  payload?: Record<string, unknown>;
}

/** Socket Mode envelopes as Slack sends them over the WebSocket. */
export interface Envelope {
  envelope_id: string;
  type: 'events_api' | 'slash_commands' | 'interactive';
  payload: unknown;
  accepts_response_payload: boolean;
  retry_attempt?: number;
  retry_reason?: string;
}

/**
 * The WebSocket side of the fake: greets every connection with `hello`, sends envelopes and collects
 * the acknowledgements the app sends back by `envelope_id`.
 */
export function createFakeSocket(wss: WebSocketServer) {
  const clients = new Set<WebSocket>();
  const acks: SocketAck[] = [];
  const waiters = new Set<() => void>();
  const wake = () => {
    for (const w of waiters) w();
  };

  wss.on('connection', (ws) => {
    clients.add(ws);
    ws.on('message', (data) => {
      acks.push(JSON.parse(String(data)) as SocketAck);
      wake();
    });
    ws.on('close', () => {
      clients.delete(ws);
      wake();
    });
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: 1,
        debug_info: { host: 'applink-fake', approximate_connection_time: 18060 },
        connection_info: { app_id: 'A0001' },
      }),
    );
    wake();
  });

  function until<T>(get: () => T | undefined, what: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const value = get();
        if (value === undefined) return;
        done();
        resolve(value);
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`fake Socket Mode: no ${what} within ${WAIT_MS} ms`));
      }, WAIT_MS);
      const done = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
    });
  }

  return {
    connections: () => clients.size,
    /** Sends an envelope to the connected app; resolves with its acknowledgement. */
    async send(envelope: Envelope): Promise<SocketAck> {
      const client = await until(() => [...clients][0], 'connected app');
      client.send(JSON.stringify(envelope));
      return until(
        () => acks.find((a) => a.envelope_id === envelope.envelope_id),
        `ack for ${envelope.envelope_id}`,
      );
    },
    closeAll() {
      for (const c of clients) c.terminate();
    },
  };
}

export type FakeSocket = ReturnType<typeof createFakeSocket>;
