import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { afterEach, describe, expect, it } from 'vitest';
import { IDS, user } from './fixtures/gateway.js';
import { alice, MANAGER_PERMISSIONS } from './fixtures/interactions.js';
import {
  ALWAYS_DEFER_MS,
  ANSWER_AT_ONCE_MS,
  customIdsOf,
  ephemeral,
  type Harness,
  shown,
  startHarness,
  textOf,
  visible,
} from './harness.js';
import {
  admin,
  keyOf,
  manager,
  noPings,
  onboard,
  press,
  seenAs,
  userOption,
  walkTo,
} from './staff-helpers.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const status = async (harness: Harness) => textOf(await onboard(harness, 'status', alice));
const text = (name: string, value: string) => ({
  type: ApplicationCommandOptionType.String as const,
  name,
  value,
});

// Each command once answered at once, and once deferred first: a deferred answer still reaches the person,
// as an edit of the deferred reply (or a follow-up).
describe.each([
  ['answered at once', ANSWER_AT_ONCE_MS],
  ['deferred first', ALWAYS_DEFER_MS],
])('/onboard-admin commands, %s', (_, deferAfterMs) => {
  const start = () => startHarness({ tuning: { deferAfterMs } });

  it('approve moves a person on from a review and tells them in a DM', async () => {
    h = await start();
    await walkTo(h, alice, 'verification-review');
    expect(await status(h)).toContain('6/11');
    const { first } = await admin(h, { sub: 'approve', options: [userOption(alice)] });
    expect(textOf(first)).toContain(seenAs(alice));
    expect(textOf(first)).toContain('now on “Enter your company information”');
    expect(await status(h)).toContain('7/11');
    const [dm, ...more] = h.fake.dmsTo(IDS.alice);
    expect(more).toEqual([]);
    expect(textOf(shown(dm))).toContain('your review was approved');
    expect(customIdsOf(shown(dm))).toContain('done:company-info');
    noPings(h);
  });

  it('move asks first; Yes from the same manager moves the person and tells them', async () => {
    h = await start();
    await walkTo(h, alice, 'bind-card');
    const step = { type: ApplicationCommandOptionType.String as const, name: 'step', value: 'register' };
    const { first } = await admin(h, { sub: 'move', options: [userOption(alice), step] });
    const [yes = '', no = ''] = customIdsOf(first);
    // The buttons name their question, so they cannot answer a newer one.
    expect(yes).toMatch(/^confirm:yes:q\w+$/);
    expect(no).toBe(yes.replace(':yes:', ':no:'));
    const done = await press(h, first, yes, { who: manager, permissions: MANAGER_PERMISSIONS });
    expect(textOf(done)).toContain('Fill in the registration form');
    expect(await status(h)).toContain('0/11');
    expect(textOf(shown(h.fake.dmsTo(IDS.alice)[0]))).toContain('moved you to this step');
    const audit = await admin(h, { sub: 'audit' });
    expect(textOf(audit.first)).toMatch(/A1 · .* · discord:dm:1400000000000000011 · move ·/);
  });

  it('list (filter and page), nudge-stuck and undo reach the core as its words', async () => {
    h = await start();
    await walkTo(h, alice, 'verification-review');
    const page = { type: ApplicationCommandOptionType.Integer as const, name: 'page', value: 1 };
    const list = await admin(h, { sub: 'list', options: [text('filter', 'waiting'), page] });
    expect(textOf(list.first)).toContain('People: 1 · waiting');
    expect(textOf(list.first)).toContain(seenAs(alice));
    const stuck = await admin(h, { sub: 'nudge-stuck' });
    expect(textOf(stuck.first)).toContain('Sent reminders to 0 of 0 stuck people');
    await admin(h, { sub: 'approve', options: [userOption(alice)] });
    expect(await status(h)).toContain('7/11');
    const undo = await admin(h, { sub: 'undo', options: [text('id', 'a1')] });
    expect(textOf(undo.first)).toContain(`Undid A1 (approve on ${seenAs(alice)})`);
    expect(await status(h)).toContain('6/11');
  });

  // A Discord user id is 17-19 digits, and about one in ten passes the Luhn check: staff commands must not
  // be mistaken for a pasted card number.
  it('approve works for a person whose user id passes the Luhn check', async () => {
    h = await start();
    const luhnValid = user('1400000000000000019', 'dave');
    await walkTo(h, luhnValid, 'verification-review');
    const { first } = await admin(h, { sub: 'approve', options: [userOption(luhnValid)] });
    expect(textOf(first)).toContain('now on “Enter your company information”');
  });

  it('export arrives as a CSV attachment on the ephemeral answer', async () => {
    h = await start();
    await walkTo(h, alice, 'activate');
    const { answers, first } = await admin(h, { sub: 'export' });
    const callback = visible(answers);
    expect(callback?.files).toHaveLength(1);
    const [file] = callback?.files ?? [];
    expect(file?.name).toMatch(/^guidepost-reseller-2026-11-27\.csv$/);
    expect(file?.content.split('\n')[0]).toMatch(/user/i);
    expect(file?.content).toContain(keyOf(alice));
    expect(ephemeral(answers)).toBe(true);
    expect(first.attachments?.map((a) => String(a.id))).toEqual(['0']);
    expect(textOf(first)).toContain(file?.name);
    noPings(h);
  });
});
