import { describe, expect, it } from 'vitest';
import { type Notifier, type Reply, UserKeySchema } from '../src/core/index.js';
import { routeNotifications } from '../src/notifier-router.js';

const hello: Reply[] = [{ kind: 'info', text: 'Hello', language: 'en' }];

/** A notifier that records whom it was asked to reach. */
function recording(name: string, log: string[]): Notifier {
  return {
    async notify(user) {
      log.push(`${name} → ${user}`);
      return true;
    },
    async notifyStaff(about) {
      log.push(`${name} staff → ${about}`);
    },
  };
}

describe('platforms are an open list', () => {
  it('a user key may name any lowercase platform, and nothing else', () => {
    for (const key of ['matrix:example.org:alice', 'line-works:t1:u2', 'slack:T1:U1', 'console:local:me'])
      expect(UserKeySchema.safeParse(key).success).toBe(true);
    for (const key of ['Matrix:a:b', '1irc:a:b', 'matrix:a', 'matrix:a:b:c', 'matrix:a b:c', ':a:b'])
      expect(UserKeySchema.safeParse(key).success).toBe(false);
  });

  it("routes each proactive message to the adapter named by the key's first part", async () => {
    const log: string[] = [];
    const router = routeNotifications({
      matrix: recording('matrix', log),
      slack: recording('slack', log),
    });
    expect(await router.notify('matrix:example.org:alice', hello)).toBe(true);
    await router.notifyStaff('slack:T1:U1', hello);
    expect(await router.notify('discord:dm:1', hello)).toBe(false);
    expect(await router.notify('constructor:a:b', hello)).toBe(false);
    expect(log).toEqual(['matrix → matrix:example.org:alice', 'slack staff → slack:T1:U1']);
  });
});
