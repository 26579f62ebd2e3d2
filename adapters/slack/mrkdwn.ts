import { BOLD_MARKERS, convertBold } from '../kit/index.js';

/** Slack's mrkdwn: escaping, and bold in mrkdwn and in plain_text fields. */

/** The three characters Slack asks apps to escape in mrkdwn; everything else is shown as typed. */
function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Slack sends typed text with the same three characters escaped: undo it before the core reads it. */
export function unescapeMrkdwn(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** The core's `**bold**` as mrkdwn `*bold*`, with everything escaped first (user text may be echoed). */
export function toMrkdwn(text: string): string {
  return convertBold(escapeMrkdwn(text), BOLD_MARKERS.mrkdwn);
}

/** Text for plain_text fields (headers, button labels): no markup at all. */
export function toPlain(text: string): string {
  return convertBold(text, BOLD_MARKERS.plain);
}
