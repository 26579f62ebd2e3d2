import type { APIUser } from 'discord-api-types/v10';
import { afterEach, describe, expect, it } from 'vitest';
import { alice, slash, type Where } from './fixtures/interactions.js';
import { type Harness, nextId, shown, startHarness, textOf, visible } from './harness.js';
import { admin, keyOf, noPings, seenAs } from './staff-helpers.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

/** `/onboard <sub>` as `who`, with a server nickname when given. */
async function onboardAs(
  harness: Harness,
  sub: string,
  who: APIUser,
  o: { nick?: string; where?: Where } = {},
) {
  return shown(visible(await harness.interact(slash({ id: nextId(), sub, who, ...o }))));
}

/** The staff list's text, as the manager sees it. */
async function listed(harness: Harness): Promise<string> {
  return textOf((await admin(harness, { sub: 'list' })).first);
}

describe('staff see people by their Discord name, with a mention that pings nobody', () => {
  it('the server nickname first, with <@id>; the message mentions nobody', async () => {
    h = await startHarness();
    await onboardAs(h, 'start', alice, { nick: 'Ali' });
    const { first } = await admin(h, { sub: 'list' });
    expect(textOf(first)).toContain(`${seenAs(alice, 'Ali')} · Fill in the registration form`);
    expect(textOf(first)).not.toContain(keyOf(alice));
    expect(first.allowed_mentions).toEqual({ parse: [] });
    noPings(h);
  });

  it('without a nickname the global name, and without that the username (in DMs too)', async () => {
    h = await startHarness();
    await onboardAs(h, 'start', { ...alice, global_name: 'Alice G' });
    expect(await listed(h)).toContain(seenAs(alice, 'Alice G'));
    await onboardAs(h, 'status', { ...alice, global_name: null }, { where: 'dm' });
    expect(await listed(h)).toContain(seenAs(alice, alice.username));
  });

  it('a name changed on Discord is the one kept and shown from the next interaction on', async () => {
    h = await startHarness();
    await onboardAs(h, 'start', alice, { nick: 'Ali' });
    await onboardAs(h, 'status', alice, { nick: 'Alice B.' });
    expect((await h.test.store.load(keyOf(alice)))?.displayName).toBe('Alice B.');
    const list = await listed(h);
    expect(list).toContain(seenAs(alice, 'Alice B.'));
    expect(list).not.toContain('Ali (');
  });

  it('a name that looks like markdown or a mention is shown as text', async () => {
    h = await startHarness();
    await onboardAs(h, 'start', alice, { nick: '**x** <@&1> [y](https://x.example)' });
    const list = await listed(h);
    expect(list).toContain(`\\*\\*x\\*\\* \\<\\@&1\\> \\[y](https://x.example) (<@${alice.id}>)`);
    expect(list).not.toContain('**x**');
    noPings(h);
  });
});
