import {
  BOLD_MARKERS,
  convertBold,
  type PersonView,
  parseUserKey,
  plainPerson,
  showPeople,
} from '../kit/index.js';

/** Slack's mrkdwn: escaping, and bold in mrkdwn and in plain_text fields. */

/** The three characters Slack asks apps to escape in mrkdwn; everything else is shown as typed. */
function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Slack sends typed text with the same three characters escaped: undo it before the core reads it. */
export function unescapeMrkdwn(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

const SLACK_TEAM = /^[TE][A-Z0-9]+$/;
const SLACK_MEMBER = /^[UW][A-Z0-9]+$/;

interface SlackMember {
  team: string;
  id: string;
}

/** The team and member id in a Slack key (`slack:T1:U1`); undefined for any other key. */
function slackMember(user: string): SlackMember | undefined {
  const key = parseUserKey(user);
  if (key?.platform !== 'slack' || !SLACK_TEAM.test(key.space) || !SLACK_MEMBER.test(key.id))
    return undefined;
  return { team: key.space, id: key.id };
}

/**
 * A link to a member's profile, Slack's deep link `slack://user?team=T1&id=U1`
 * (docs.slack.dev/interactivity/deep-linking): it opens the profile and notifies nobody. The address's
 * `&` is escaped like any; the text is escaped, and a `|` in it (which parts a link's address from its
 * text) is shown as `∣`.
 */
const profileLink = (member: SlackMember, text: string): string =>
  `<slack://user?team=${member.team}&amp;id=${member.id}|${escapeMrkdwn(text).replace(/\|/g, '∣')}>`;

/**
 * A person in mrkdwn: a link to their Slack profile showing their name (their member id when the bot
 * has none). Never a `<@U1>` mention: that notifies them when they are in the channel (staff notices).
 * Someone not on Slack: `Name (key)`, or the key, as text.
 */
function slackPerson(person: PersonView): string {
  const member = slackMember(person.user);
  if (member) return profileLink(member, person.name ?? member.id);
  return escapeMrkdwn(person.name ? `${person.name} (${person.user})` : person.user);
}

/** The core's `**bold**` as mrkdwn `*bold*`, with everything escaped first (user text may be echoed). */
export function toMrkdwn(text: string): string {
  return showPeople(text, (t) => convertBold(escapeMrkdwn(t), BOLD_MARKERS.mrkdwn), slackPerson);
}

/** A message's notification text: no bold, people as in the blocks, escaped like them. */
export function toFallback(text: string): string {
  return showPeople(text, (t) => escapeMrkdwn(convertBold(t, BOLD_MARKERS.plain)), slackPerson);
}

/** Text for plain_text fields (headers, button labels): no markup at all; people as `Name (key)`. */
export function toPlain(text: string): string {
  return showPeople(text, (t) => convertBold(t, BOLD_MARKERS.plain), plainPerson);
}
