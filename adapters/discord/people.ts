import { escapeMarkdown } from 'discord.js';
import { type PersonView, plainPerson, showPeople } from '../kit/index.js';
import { discordUserId } from './user-key.js';

/** A name as literal text in Discord markdown: no bold, heading, list, link, quote or mention. */
const literal = (text: string): string =>
  escapeMarkdown(text, { heading: true, bulletedList: true, numberedList: true, maskedLink: true }).replace(
    /[<>@]/g,
    '\\$&',
  );

/**
 * A person in a message or embed description: their name and `<@id>` (a link to them; replies never
 * ping, allowedMentions parse []) when they are on Discord. Without a name, their key as it is.
 */
function mentioned(person: PersonView): string {
  const id = discordUserId(person.user);
  if (!person.name) return literal(person.user);
  return `${literal(person.name)} (${id ? `<@${id}>` : literal(person.user)})`;
}

const same = (text: string) => text;

/** Text where markdown and mentions are drawn (descriptions, field values). */
export const withMentions = (text: string): string => showPeople(text, same, mentioned);

/** Text where markdown is drawn but mentions are not (embed titles). */
export const withNames = (text: string): string => showPeople(text, same, (p) => literal(plainPerson(p)));

/** Text drawn as it is (embed footers). */
export const asPlain = (text: string): string => showPeople(text, same, plainPerson);
