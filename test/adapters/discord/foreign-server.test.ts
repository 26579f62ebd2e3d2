import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { afterEach, describe, expect, it } from 'vitest';
import { IDS, user } from './fixtures/gateway.js';
import { type AdminOption, alice, MANAGER_PERMISSIONS } from './fixtures/interactions.js';
import { ephemeral, type Harness, startHarness, textOf, visible } from './harness.js';
import { admin, keyOf, userOption, walkTo } from './staff-helpers.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

/** A server the operator never configured: someone added the (public) bot to a server they own. */
const FOREIGN_GUILD = '1200000000000000099';
const intruder = user('1400000000000000066', 'intruder');
const REFUSAL = 'Sorry, that command is for the onboarding team only.';

const text = (name: string, value: string): AdminOption => ({
  type: ApplicationCommandOptionType.String,
  name,
  value,
});

/** Every staff command, with the options it needs to act on alice. */
const STAFF_COMMANDS: [string, AdminOption[]][] = [
  ['stats', []],
  ['list', []],
  ['user', [userOption(alice)]],
  ['approve', [userOption(alice)]],
  ['move', [userOption(alice), text('step', 'register')]],
  ['reset', [userOption(alice)]],
  ['nudge', [userOption(alice)]],
  ['nudge-stuck', []],
  ['export', []],
  ['audit', []],
  ['undo', [text('id', 'a1')]],
];

/** The manager of a foreign server, with Manage Server and even a role whose id is the staff role's. */
const fromForeignManager = { who: intruder, permissions: MANAGER_PERMISSIONS, guild: FOREIGN_GUILD };

describe('Discord staff rights come only from the operator’s servers', () => {
  it.each([
    ['DISCORD_GUILD_ID', { DISCORD_GUILD_ID: IDS.guild, DISCORD_STAFF_GUILD_IDS: '' }],
    ['DISCORD_STAFF_GUILD_IDS', { DISCORD_STAFF_GUILD_IDS: IDS.guild }],
  ])('refuses every staff command to a foreign server’s manager (home server from %s)', async (_, env) => {
    h = await startHarness({ env: { ...env, DISCORD_ADMIN_ROLE_ID: IDS.staffRole } });
    await walkTo(h, alice, 'verification-review');
    const before = await h.test.store.load(keyOf(alice));

    for (const [sub, options] of STAFF_COMMANDS) {
      const { answers, first } = await admin(h, {
        sub,
        options,
        ...fromForeignManager,
        roles: [IDS.staffRole],
      });
      expect(textOf(first).trim(), sub).toBe(REFUSAL);
      expect(ephemeral(answers), sub).toBe(true);
      expect(visible(answers)?.files, sub).toEqual([]);
    }

    // The person they tried to approve, move, reset and nudge is untouched and heard nothing.
    expect(await h.test.store.load(keyOf(alice))).toEqual(before);
    expect(h.fake.dmsTo(IDS.alice)).toEqual([]);
    expect(h.test.sent).toEqual([]);
    expect(h.test.logs.filter((l) => l.message === 'admin command refused: not staff')).toHaveLength(
      STAFF_COMMANDS.length,
    );

    // A manager of the operator's server still is staff.
    const home = await admin(h, { sub: 'stats' });
    expect(textOf(home.first)).toContain('Onboarding funnel');
  });

  it('vouches for nobody when no server is configured: only ADMIN_IDS are staff, there and in DMs', async () => {
    const boss = user('1400000000000000077', 'boss');
    h = await startHarness({ env: { DISCORD_STAFF_GUILD_IDS: '' }, admins: [keyOf(boss)] });
    expect(h.logs.entries.some((e) => e.level === 'warn' && /DISCORD_STAFF_GUILD_IDS/.test(e.message))).toBe(
      true,
    );
    expect(textOf((await admin(h, { sub: 'stats' })).first).trim()).toBe(REFUSAL);
    expect(textOf((await admin(h, { sub: 'stats', who: boss, where: 'dm' })).first)).toContain(
      'Onboarding funnel',
    );
    expect(textOf((await admin(h, { sub: 'stats', who: boss, guild: FOREIGN_GUILD })).first)).toContain(
      'Onboarding funnel',
    );
  });
});
