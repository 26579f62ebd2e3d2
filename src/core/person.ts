import { z } from 'zod';

/**
 * People as staff see them: the name their platform gives them, and their key. The core never writes
 * a platform's mention syntax: it marks where a person is shown (`personMark`), and each adapter lays
 * the mark out its own way (a Slack or Discord mention, `Name (key)` in the terminal), escaping the name.
 */

/** The longest display name kept, in UTF-16 units (Slack allows 80 characters; Discord 32). */
export const DISPLAY_NAME_MAX = 100;

const MARK_OPEN = '\uE000';
const MARK_NAME = '\uE002';
const MARK_CLOSE = '\uE001';

/** Control characters, direction overrides and isolates, and the marks' own characters. */
const HIDDEN = /[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069\uE000-\uE002]/gu;

/** The same characters, for a test (a global regex keeps its place between tests). */
const HIDDEN_ANY = new RegExp(HIDDEN.source, 'u');

/** A display name as a record keeps it: what `cleanDisplayName` gives. */
export const DisplayNameSchema = z
  .string()
  .min(1)
  .max(DISPLAY_NAME_MAX)
  .refine((name) => !HIDDEN_ANY.test(name), 'no control characters');

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * A platform's name for a person, fit to keep and show: control characters dropped, runs of
 * whitespace made one space, clipped to `DISPLAY_NAME_MAX` without cutting a grapheme; undefined
 * when nothing is left (or it was not a string).
 */
export function cleanDisplayName(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const flat = raw.replace(HIDDEN, '').replace(/\s+/g, ' ').trim();
  let out = '';
  for (const { segment } of graphemes.segment(flat)) {
    if (out.length + segment.length > DISPLAY_NAME_MAX) break;
    out += segment;
  }
  out = out.trim();
  return out === '' ? undefined : out;
}

/** A person shown in a staff view: their key, and their name when the platform told it. */
export interface PersonView {
  user: string;
  name?: string;
}

/** Marks a person in staff text; an adapter lays it out (see `showPeople`). */
export const personMark = (p: { user: string; displayName?: string | undefined }): string =>
  `${MARK_OPEN}${p.user}${p.displayName ? `${MARK_NAME}${p.displayName}` : ''}${MARK_CLOSE}`;

const MARK = /\uE000([^\uE000-\uE002]*)(?:\uE002([^\uE000-\uE002]*))?\uE001/g;
const STRAY = /[\uE000-\uE002]/g;

/**
 * Lays out text that may mark people: the text between the marks goes through `format` (the
 * platform's escaping and bold), each person through `show` (which escapes the name itself), so a name
 * never becomes markup. A half mark left by a cut is dropped.
 */
export function showPeople(
  text: string,
  format: (text: string) => string,
  show: (person: PersonView) => string,
): string {
  const people: PersonView[] = [];
  const masked = text.replace(MARK, (_, user: string, name?: string) => {
    people.push(name ? { user, name } : { user });
    return `${MARK_OPEN}${people.length - 1}${MARK_CLOSE}`;
  });
  return format(masked.replace(/\uE002/g, ''))
    .replace(/\uE000(\d+)\uE001/g, (_, i: string) => {
      const person = people[Number(i)];
      return person ? show(person) : '';
    })
    .replace(STRAY, '');
}

/** A person as plain text: `Name (key)`, or the key alone when the platform never told a name. */
export const plainPerson = (person: PersonView): string =>
  person.name ? `${person.name} (${person.user})` : person.user;
