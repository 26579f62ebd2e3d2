import type { ShownMessage } from './fake-slack.js';
import { PERSON, TEAM } from './fixtures/payloads.js';
import { buttonsOf, type Harness } from './harness.js';

/** Staff by ADMIN_IDS, a workspace admin (users.info), and someone who is neither. */
export const ADMIN = 'UADMIN0001';
export const WORKSPACE_ADMIN = 'UWSADMIN01';
export const OUTSIDER = 'UOUTSIDER1';
export const CHANNEL = 'C2147483705';
export const STAFF_CHANNEL = 'C0STAFF001';
export const key = (user: string) => `slack:${TEAM}:${user}`;
/** A mention as Slack sends it in an escaped slash command. */
export const mention = (user: string, name = 'steve') => `<@${user}|${name}>`;
/** Slack's deep link to a member's profile, as mrkdwn link text (`&` escaped): it opens, never notifies. */
export const profileLink = (user: string, text: string) =>
  `<slack://user?team=${TEAM}&amp;id=${user}|${text}>`;
/** How staff see a person: their name (the fake's users.info handle unless told) linking to their profile. */
export const seenAs = (user: string, name = user.toLowerCase()) => profileLink(user, name);

/** The step card in the person's DM: the last message with a Done (or Approved) button. */
export const card = (h: Harness, user = PERSON) =>
  h.dm(user).findLast((m) => buttonsOf(m).some((b) => b.action_id.startsWith('done:')));

/** Walks the person from /onboard by Done clicks until they are waiting on the identity review. */
export async function walkToReview(h: Harness): Promise<void> {
  await h.command('');
  await h.settle();
  for (let i = 0; i < 11; i++) {
    const step = card(h) as ShownMessage;
    const done = buttonsOf(step).find((b) => b.action_id.startsWith('done:'));
    if (done?.action_id === 'done:verification-review') return;
    if (!done) throw new Error('no Done button on the step card');
    await h.click(step, done.action_id);
    await h.settle();
  }
  throw new Error('never reached the identity review');
}

/** What the app posted to response_urls (ephemeral answers), oldest first. */
export const responses = (h: Harness) =>
  h.fake.calls.filter((c) => c.method === 'response_url').map((c) => c.args);

/** All the words of a posted or responded message: its fallback text and its blocks. */
export const words = (message: { text?: unknown; blocks?: unknown } | undefined) =>
  `${String(message?.text ?? '')}\n${JSON.stringify(message?.blocks ?? [])}`;
