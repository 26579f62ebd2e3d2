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
import { IDS, user } from './fixtures/gateway.js';
import { alice, MANAGER_PERMISSIONS } from './fixtures/interactions.js';
import {
  callbackType,
  customIdsOf,
  type Harness,
  sentMessages,
  shown,
  startHarness,
  textOf,
} from './harness.js';
import {
  admin,
  carol,
  keyOf,
  manager,
  onboard,
  press,
  roleHolder,
  userOption,
  walkTo,
} from './staff-helpers.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const status = async (harness: Harness) => textOf(await onboard(harness, 'status', alice));
const noPings = (harness: Harness) => {
  for (const r of sentMessages(harness.fake)) expect(shown(r).allowed_mentions).toEqual({ parse: [] });
};

describe('/onboard-admin registration', () => {
  it('is registered with /onboard in the same PUT, for Manage Server, with zh-CN names', async () => {
    h = await startHarness();
    const puts = h.fake.requests.filter((r) => r.method === 'PUT');
    expect(puts).toHaveLength(1);
    const body = puts[0]?.body as unknown as RESTPutAPIApplicationCommandsJSONBody;
    expect(body.map((c) => c.name)).toEqual(['onboard', 'onboard-admin']);
    const command = body[1];
    if (!command || !('options' in command)) throw new Error('no /onboard-admin');
    expect(command.default_member_permissions).toBe(String(PermissionFlagsBits.ManageGuild));
    expect(command.name_localizations?.[Locale.ChineseCN]).toBe('入门管理');
    expect(command.description_localizations?.[Locale.ChineseCN]).toMatch(/\p{Script=Han}/u);
    const subs = (command.options ?? []) as APIApplicationCommandSubcommandOption[];
    expect(subs.map((s) => s.name)).toEqual([
      'stats',
      'list',
      'user',
      'approve',
      'move',
      'reset',
      'nudge',
      'nudge-stuck',
      'export',
      'audit',
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
    expect(optionsOf('list').map((o) => o.type)).toEqual([
      ApplicationCommandOptionType.String,
      ApplicationCommandOptionType.Integer,
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
    expect(text).toMatch(/2 people · 1 started · 0 finished/);
    expect(text).toMatch(/ 2 Activate your account from the email +1 █/);
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

describe('/onboard-admin commands', () => {
  it('approve moves a person on from a review and tells them in a DM', async () => {
    h = await startHarness();
    await walkTo(h, alice, 'verification-review');
    expect(await status(h)).toContain('6/11');
    const { first } = await admin(h, { sub: 'approve', options: [userOption(alice)] });
    expect(textOf(first)).toContain(keyOf(alice));
    expect(textOf(first)).toContain('now on “Enter your company information”');
    expect(await status(h)).toContain('7/11');
    const [dm, ...more] = h.fake.dmsTo(IDS.alice);
    expect(more).toEqual([]);
    expect(textOf(shown(dm))).toContain('your review was approved');
    expect(customIdsOf(shown(dm))).toContain('done:company-info');
    noPings(h);
  });

  it('move asks first; Yes from the same manager moves the person and tells them', async () => {
    h = await startHarness();
    await walkTo(h, alice, 'bind-card');
    const step = { type: ApplicationCommandOptionType.String as const, name: 'step', value: 'register' };
    const { first } = await admin(h, { sub: 'move', options: [userOption(alice), step] });
    expect(customIdsOf(first)).toEqual(['confirm:yes', 'confirm:no']);
    const done = await press(h, first, 'confirm:yes', { who: manager, permissions: MANAGER_PERMISSIONS });
    expect(textOf(done)).toContain('Fill in the registration form');
    expect(await status(h)).toContain('0/11');
    expect(textOf(shown(h.fake.dmsTo(IDS.alice)[0]))).toContain('moved you to this step');
    const audit = await admin(h, { sub: 'audit' });
    expect(textOf(audit.first)).toMatch(/A1 · .* · discord:dm:1400000000000000011 · move ·/);
  });

  // Known core limit: a Discord user id is 17-19 digits, and about one in ten passes the Luhn check, so
  // the core's card-number guard in parseText catches `admin approve discord:dm:<id>` before the admin
  // check. This documents it; it starts failing (flip it to `it`) once the core exempts user keys.
  it.fails('approve works for a person whose user id passes the Luhn check', async () => {
    h = await startHarness();
    const luhnValid = user('1400000000000000019', 'dave');
    await walkTo(h, luhnValid, 'verification-review');
    const { first } = await admin(h, { sub: 'approve', options: [userOption(luhnValid)] });
    expect(textOf(first)).toContain('now on “Enter your company information”');
  });

  it('export arrives as a CSV attachment on the ephemeral answer', async () => {
    h = await startHarness();
    await walkTo(h, alice, 'activate');
    const { answers, first } = await admin(h, { sub: 'export' });
    const [callback] = answers;
    expect(callback?.files).toHaveLength(1);
    const [file] = callback?.files ?? [];
    expect(file?.name).toMatch(/^guidepost-progress-2026-11-27\.csv$/);
    expect(file?.content.split('\n')[0]).toMatch(/user/i);
    expect(file?.content).toContain(keyOf(alice));
    expect(first.flags).toBe(MessageFlags.Ephemeral);
    expect(first.attachments?.map((a) => String(a.id))).toEqual(['0']);
    expect(textOf(first)).toContain(file?.name);
    noPings(h);
  });
});
