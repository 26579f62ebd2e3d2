import { afterEach, describe, expect, it } from 'vitest';
import type { ShownMessage } from './fake-slack.js';
import { PERSON } from './fixtures/payloads.js';
import { type Harness, startHarness } from './harness.js';
import { ADMIN, card, key, profileLink, responses, STAFF_CHANNEL, seenAs, words } from './staff-helpers.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

/** The person (named `name` in their Slack profile) starts; staff ask for the list. */
async function listWith(profile: { display_name?: string; real_name?: string; name?: string }) {
  h = await startHarness({ admins: [key(ADMIN)], staffChannel: STAFF_CHANNEL });
  h.fake.profiles.set(PERSON, profile);
  await h.command('');
  await h.settle();
  await h.admin('list', { user: ADMIN });
  await h.settle();
  return responses(h).at(-1) as { text: string; blocks: unknown[] };
}

describe('staff see people by their Slack name, linking to their profile', () => {
  it('admin list: the display name linking to their profile, not the key', async () => {
    const answer = await listWith({ display_name: 'Ann', real_name: 'Ann Lee' });
    expect(answer.text).toContain(`${seenAs(PERSON, 'Ann')} · Fill in the registration form`);
    expect(words(answer)).toContain(`${seenAs(PERSON, 'Ann')} · Fill in the registration form`);
    expect(words(answer)).not.toContain(key(PERSON));
    expect((await h?.tb.store.load(key(PERSON)))?.displayName).toBe('Ann');
  });

  it('without a display name: the full name, else the handle', async () => {
    expect((await listWith({ real_name: 'Ann Lee' })).text).toContain(seenAs(PERSON, 'Ann Lee'));
    await h?.stop();
    expect((await listWith({ name: 'ann.lee' })).text).toContain(seenAs(PERSON, 'ann.lee'));
  });

  it('a name that looks like markup is the link text: no <!channel>, no other link', async () => {
    const answer = await listWith({ display_name: '<!channel> & <https://x.example|y>' });
    const shown = '&lt;!channel&gt; &amp; &lt;https://x.example∣y&gt;';
    expect(answer.text).toContain(profileLink(PERSON, shown));
    expect(words(answer)).toContain(profileLink(PERSON, shown));
    expect(words(answer)).not.toContain('<!channel>');
  });

  it('"Talk to a person": the staff channel gets a link to their profile that pings nobody', async () => {
    h = await startHarness({ admins: [key(ADMIN)], staffChannel: STAFF_CHANNEL });
    h.fake.profiles.set(PERSON, { display_name: 'Ann' });
    await h.command('');
    await h.settle();
    await h.click(card(h) as ShownMessage, 'Talk to a person');
    await h.settle();
    const [post] = h.fake.conversation(STAFF_CHANNEL);
    // A <@U…> mention would notify them if they are in the staff channel: no mention at all.
    expect(words(post)).not.toMatch(/<@[UW]/);
    expect(post?.text).toContain(`🙋 ${profileLink(PERSON, 'Ann')} asked to talk to a person`);
    expect(words(post)).toContain(`🙋 ${profileLink(PERSON, 'Ann')} asked to talk to a person`);
    // The footer's command stays one staff can type.
    expect(words(post)).toContain(`admin user ${key(PERSON)}`);
  });

  it('a name with | or > stays the link text; without a name the link shows the user id', async () => {
    expect((await listWith({ display_name: 'a|b > c' })).text).toContain(profileLink(PERSON, 'a∣b &gt; c'));
    await h?.stop();
    const unnamed = await listWith({ name: '' });
    expect(unnamed.text).toContain(`${profileLink(PERSON, PERSON)} · Fill in the registration form`);
    expect(words(unnamed)).not.toMatch(/<@[UW]/);
  });
});
