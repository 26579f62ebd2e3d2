import {
  type APIApplicationCommandSubcommandOption,
  ApplicationCommandOptionType,
  InteractionResponseType,
  Locale,
  MessageFlags,
  PermissionFlagsBits,
  type RESTPutAPIApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { afterEach, describe, expect, it } from 'vitest';
import { placedSteps } from '../../../src/core/index.js';
import { IDS } from './fixtures/gateway.js';
import { alice } from './fixtures/interactions.js';
import { callbackType, type Harness, sentMessages, shown, startHarness, textOf } from './harness.js';
import { admin, carol, keyOf, manager, roleHolder, userOption, walkTo } from './staff-helpers.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const noPings = (harness: Harness) => {
  for (const r of sentMessages(harness.fake)) expect(shown(r).allowed_mentions).toEqual({ parse: [] });
};

describe('/onboard-admin registration', () => {
  it('is registered with /onboard in the same PUT, for Manage Server, with zh-CN names', async () => {
    h = await startHarness();
    const puts = h.fake.requests.filter(
      (r) => r.method === 'PUT' && (r.body as unknown as unknown[]).length > 0,
    );
    expect(puts).toHaveLength(1);
    const body = puts[0]?.body as unknown as RESTPutAPIApplicationCommandsJSONBody;
    expect(body.map((c) => c.name)).toEqual(['onboard', 'onboard-admin']);
    const command = body[1];
    if (!command || !('options' in command)) throw new Error('no /onboard-admin');
    expect(command.default_member_permissions).toBe(Number(PermissionFlagsBits.ManageGuild));
    expect(command.name_localizations?.[Locale.ChineseCN]).toBe('入驻管理');
    expect(command.description_localizations?.[Locale.ChineseCN]).toMatch(/\p{Script=Han}/u);
    const subs = (command.options ?? []) as APIApplicationCommandSubcommandOption[];
    expect(subs.map((s) => s.name)).toEqual([
      'stats',
      'list',
      'user',
      'approve',
      'move',
      'reset',
      'assign',
      'nudge',
      'nudge-stuck',
      'export',
      'audit',
      'dashboard',
      'undo',
    ]);
    for (const sub of subs) {
      expect(sub.type).toBe(ApplicationCommandOptionType.Subcommand);
      expect(sub.name_localizations?.[Locale.ChineseCN]).toMatch(NAME);
      expect(sub.description.length).toBeLessThanOrEqual(100);
      for (const option of sub.options ?? []) {
        expect(option.name_localizations?.[Locale.ChineseCN]).toMatch(NAME);
        expect(option.description_localizations?.[Locale.ChineseCN]).toMatch(/\p{Script=Han}/u);
      }
    }
    const optionsOf = (name: string) => subs.find((s) => s.name === name)?.options ?? [];
    expect(optionsOf('approve').map((o) => [o.name, o.type, o.required])).toEqual([
      ['user', ApplicationCommandOptionType.User, true],
    ]);
    expect(optionsOf('list').map((o) => [o.name, o.type])).toEqual([
      ['filter', ApplicationCommandOptionType.String],
      ['page', ApplicationCommandOptionType.Integer],
      ['flow', ApplicationCommandOptionType.String],
    ]);
    expect(optionsOf('assign').map((o) => [o.name, o.type, o.required])).toEqual([
      ['user', ApplicationCommandOptionType.User, true],
      ['flow', ApplicationCommandOptionType.String, true],
    ]);
    const step = optionsOf('move')[1];
    const choices = step && 'choices' in step ? (step.choices ?? []) : [];
    expect(choices.map((c) => c.value)).toEqual(placedSteps(h.test.flow).map((p) => p.step.id));
    expect(choices[0]?.name_localizations?.[Locale.ChineseCN]).toMatch(/\p{Script=Han}.* \(register\)$/u);
  });
});

describe('/onboard-admin, who may use it', () => {
  it('shows the funnel, ephemerally, to a member with Manage Server', async () => {
    h = await startHarness();
    await walkTo(h, alice, 'activate');
    const { answers, first } = await admin(h, { sub: 'stats' });
    expect(callbackType(answers[0])).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(first.flags).toBe(MessageFlags.Ephemeral);
    const text = textOf(first);
    expect(text).toContain('Onboarding funnel');
    // The manager's own record (holding their pending yes/no) counts as a person who has not started.
    expect(text).toMatch(/Started: 1 · finished: 0/);
    expect(text).toMatch(/ 2 Activate your account from the email +1 +1 +0% █/);
    noPings(h);
  });

  it('lets members with DISCORD_ADMIN_ROLE_ID in, and ADMIN_IDS in the DM with the bot', async () => {
    h = await startHarness({ env: { DISCORD_ADMIN_ROLE_ID: IDS.staffRole }, admins: [keyOf(carol)] });
    const byRole = await admin(h, {
      sub: 'stats',
      who: roleHolder,
      permissions: undefined,
      roles: [IDS.staffRole],
    });
    expect(textOf(byRole.first)).toContain('Onboarding funnel');
    const inDm = await admin(h, { sub: 'stats', who: carol, where: 'dm' });
    expect(inDm.first.flags).toBeUndefined();
    expect(textOf(inDm.first)).toContain('Onboarding funnel');
    const managerInDm = await admin(h, { sub: 'stats', who: manager, where: 'dm' });
    expect(textOf(managerInDm.first)).toContain('for the onboarding team only');
  });

  it('refuses everyone else, and changes nothing', async () => {
    h = await startHarness({ env: { DISCORD_ADMIN_ROLE_ID: IDS.staffRole } });
    await walkTo(h, alice, 'verification-review');
    const before = await h.test.store.load(keyOf(alice));
    for (const sub of ['stats', 'export']) {
      const { first } = await admin(h, {
        sub,
        who: carol,
        permissions: undefined,
        roles: ['1700000000000000099'],
      });
      expect(first.flags).toBe(MessageFlags.Ephemeral);
      expect(textOf(first).trim()).toBe('Sorry, that command is for the onboarding team only.');
    }
    const refused = await admin(h, {
      sub: 'approve',
      who: carol,
      permissions: undefined,
      options: [userOption(alice)],
    });
    expect(textOf(refused.first)).toContain('for the onboarding team only');
    expect(refused.first.attachments).toBeUndefined();
    expect(await h.test.store.load(keyOf(alice))).toEqual(before);
    expect(h.fake.dmsTo(IDS.alice)).toEqual([]);
    expect(h.test.logs.filter((l) => l.message === 'admin command refused: not staff')).toHaveLength(3);
  });
});
