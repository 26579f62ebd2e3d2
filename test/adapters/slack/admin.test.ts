import { afterEach, describe, expect, it } from 'vitest';
import { dmOf, PERSON } from './fixtures/payloads.js';
import { buttonsOf, type Harness, startHarness } from './harness.js';
import {
  ADMIN,
  CHANNEL,
  card,
  key,
  mention,
  OUTSIDER,
  responses,
  seenAs,
  WORKSPACE_ADMIN,
  walkToReview,
  words,
} from './staff-helpers.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const start = async () => {
  h = await startHarness({ admins: [key(ADMIN)] });
  return h;
};
const current = async (hh: Harness) => (await hh.tb.store.load(key(PERSON)))?.current;
const postsTo = (hh: Harness, channel: string) =>
  hh.fake.calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === channel);

describe('/onboard-admin stats', () => {
  it('from someone in ADMIN_IDS, in a channel: the funnel, only for them (ephemeral)', async () => {
    const hh = await start();
    await hh.command('');
    await hh.settle();
    expect(await hh.admin('stats', { user: ADMIN })).toBe(200);
    await hh.settle();
    const answer = responses(hh).at(-1);
    expect(answer).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(words(answer)).toContain('Onboarding funnel');
    // The staff member's own record (the core keeps one for everyone it hears from) is not "started".
    expect(words(answer)).toContain('Started: 1 · finished: 0');
    expect(words(answer)).toMatch(/1 Fill in the registration form +1 +1 +0% █/);
    expect(postsTo(hh, CHANNEL)).toEqual([]);
    expect(postsTo(hh, dmOf(ADMIN))).toEqual([]);
  });

  it('typed in the DM with the app: an ordinary message there', async () => {
    const hh = await start();
    await hh.admin('stats', { user: ADMIN, channel: dmOf(ADMIN) });
    await hh.settle();
    expect(words(hh.dm(ADMIN).at(-1))).toContain('Onboarding funnel');
    expect(responses(hh)).toEqual([]);
  });

  it('from a workspace admin or owner (users.info), who is not in ADMIN_IDS: works too', async () => {
    const hh = await start();
    hh.fake.profiles.set(WORKSPACE_ADMIN, { is_admin: true });
    hh.fake.profiles.set(OUTSIDER, { is_owner: true });
    await hh.admin('stats', { user: WORKSPACE_ADMIN });
    await hh.admin('', { user: OUTSIDER });
    await hh.settle();
    const [stats, usage] = responses(hh);
    expect(words(stats)).toContain('Onboarding funnel');
    expect(words(usage)).toContain('Staff commands');
  });
});

describe('anyone else is refused, and nothing changes', () => {
  it('approve from a member who is not staff: the refusal, the person stays, no DM to them', async () => {
    const hh = await start();
    await walkToReview(hh);
    const before = JSON.stringify(await hh.tb.store.load(key(PERSON)));
    const dmBefore = postsTo(hh, dmOf(PERSON)).length;
    for (const text of [`approve ${mention(PERSON)}`, 'stats', 'export'])
      await hh.admin(text, { user: OUTSIDER });
    await hh.settle();
    const answers = responses(hh).slice(-3);
    for (const answer of answers) {
      expect(answer).toMatchObject({ response_type: 'ephemeral' });
      expect(answer.text).toContain('Sorry, that command is for the onboarding team only.');
    }
    expect(JSON.stringify(await hh.tb.store.load(key(PERSON)))).toBe(before);
    expect(postsTo(hh, dmOf(PERSON))).toHaveLength(dmBefore);
    expect(hh.fake.count('files.getUploadURLExternal')).toBe(0);
    expect(hh.tb.logs).toContainEqual(
      expect.objectContaining({ level: 'warn', message: 'admin command refused: not staff' }),
    );
  });

  it('an admin of another organisation, met in a shared channel, is not staff here', async () => {
    const hh = await start();
    hh.fake.profiles.set(OUTSIDER, { is_admin: true, is_owner: true, team_id: 'T0OTHER01' });
    await hh.admin('stats', { user: OUTSIDER });
    await hh.settle();
    expect(responses(hh).at(-1)?.text).toContain('Sorry, that command is for the onboarding team only.');
  });
});

describe('/onboard-admin approve and move', () => {
  it('approve @person on a review: they move on and get a DM; staff see what happened', async () => {
    const hh = await start();
    await walkToReview(hh);
    expect(await current(hh)).toBe('verification-review');
    await hh.admin(`approve ${mention(PERSON)}`, { user: ADMIN });
    await hh.settle();
    expect(await current(hh)).toBe('company-info');
    const told = hh.dm().slice(-2);
    expect(told[0]?.text).toContain('the onboarding team confirmed that your review was approved');
    expect(card(hh)?.blocks[0]?.text.text).toBe(told[1]?.blocks[0]?.text.text);
    expect(buttonsOf(told[1] as never).some((b) => b.action_id === 'done:company-info')).toBe(true);
    const answer = responses(hh).at(-1);
    expect(answer?.response_type).toBe('ephemeral');
    expect(answer?.text).toContain(`for ${seenAs(PERSON)}; they are now on`);
  });

  it('move asks first (ephemeral Yes / No), and Yes moves the person and tells them', async () => {
    const hh = await start();
    await walkToReview(hh);
    await hh.admin(`move ${mention(PERSON)} bind-card`, { user: ADMIN });
    await hh.settle();
    const question = responses(hh).at(-1) as { text: string; blocks: never[] };
    expect(question.text).toContain(`Move ${seenAs(PERSON)} to “Bind a credit card”?`);
    expect(await current(hh)).toBe('verification-review');
    const shown = { channel: CHANNEL, ts: '1700000999.000100', ...question };
    await hh.click(shown, 'Yes, do it', { ephemeral: true, user: ADMIN });
    await hh.settle();
    expect(await current(hh)).toBe('bind-card');
    expect(responses(hh).at(-1)?.text).toContain(`Moved ${seenAs(PERSON)}`);
    expect(hh.dm().at(-2)?.text).toContain('The onboarding team moved you to this step');
  });
});
