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

/**
 * A person in mrkdwn: their name and a mention (`<@U1>`, which Slack draws as a link to them) when
 * they are on Slack; the name is escaped like any text. Without a name, their key as it is.
 */
function slackPerson(person: PersonView): string {
  const key = parseUserKey(person.user);
  const id = key?.platform === 'slack' && /^[UW][A-Z0-9]+$/.test(key.id) ? key.id : undefined;
  if (!person.name) return escapeMrkdwn(person.user);
  return `${escapeMrkdwn(person.name)} (${id ? `<@${id}>` : escapeMrkdwn(person.user)})`;
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
