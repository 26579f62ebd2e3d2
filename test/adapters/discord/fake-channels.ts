import type { APIMessage } from 'discord-api-types/v10';

/** Discord keeps an enforced nonce for "a few minutes" and publishes no figure; the fake keeps it five. */
const NONCE_KEPT_MS = 5 * 60_000;

/** What a message create asks about its nonce: only a nonce sent with `enforce_nonce: true` counts. */
export interface NonceAsk {
  nonce?: unknown;
  enforce_nonce?: unknown;
}

/**
 * The messages the fake Discord holds in each channel, and the nonces it enforces: a second create with
 * the same enforced nonce by the same author in the same channel within a few minutes gets the first
 * message back and posts nothing.
 */
export class FakeChannels {
  private readonly held = new Map<string, APIMessage[]>();
  private readonly nonces = new Map<string, { at: number; message: APIMessage }>();

  /** Posts the message `make` builds, unless an enforced nonce names one already posted; returns it. */
  create(where: { channelId: string; author: string }, ask: NonceAsk, at: number, make: () => APIMessage) {
    const enforced = ask.enforce_nonce === true && ask.nonce != null;
    const key = enforced ? `${where.channelId} ${where.author} ${String(ask.nonce)}` : undefined;
    const earlier = key === undefined ? undefined : this.nonces.get(key);
    if (earlier && at - earlier.at < NONCE_KEPT_MS) return earlier.message;
    const message = make();
    if (key !== undefined) this.nonces.set(key, { at, message });
    this.held.set(where.channelId, [...this.in(where.channelId), message]);
    return message;
  }

  /** The messages posted in a channel, oldest first. */
  in(channelId: string): APIMessage[] {
    return this.held.get(channelId) ?? [];
  }
}
