import creditCardType from 'credit-card-type';
import { isValidIBAN } from 'ibantools';

/**
 * Spots what must never be shared in a chat: a payment card number (a known network's prefix and length,
 * Luhn-valid) or an IBAN (a known country's length and format, mod-97 valid). Only a yes/no comes out; the
 * text itself is never kept or logged.
 *
 * Pastes come in many shapes: groups split by spaces, dashes, dots, underscores, no-break or ideographic
 * spaces; full-width digits; lowercase IBANs; a CVV, an expiry date or a word right after the number. So
 * the text is folded to plain ASCII forms first (NFKC), cut into runs of digit or letter groups, and every
 * stretch of whole groups that could hold a number is checked.
 */
export function looksSensitive(text: string): boolean {
  const plain = text.normalize('NFKC');
  return hasCardNumber(plain) || hasIban(plain.toUpperCase());
}

/** What may stand between two groups of one number: up to three spaces, dashes, dots or underscores. */
const SEPARATOR = /[\s._\-\u2010-\u2015\u2212]{1,3}/;
const DIGIT_RUNS = new RegExp(`(?<![\\d+])\\d+(?:${SEPARATOR.source}\\d+)*`, 'g');
const ALNUM_RUNS = new RegExp(`(?<![A-Z\\d])[A-Z\\d]+(?:${SEPARATOR.source}[A-Z\\d]+)*`, 'g');

/** Card numbers are written in at most six groups (4-4-4-4-3, or threes); more are other numbers. */
const MAX_CARD_GROUPS = 6;

function hasCardNumber(text: string): boolean {
  const isCard = cardCheck();
  for (const run of text.matchAll(DIGIT_RUNS)) {
    const groups = run[0].split(SEPARATOR);
    // `+86 138 ...` is a phone number: its first group is a country code, never the start of a card.
    const first = text[run.index - 1] === '+' ? 1 : 0;
    for (let start = first; start < groups.length; start++) {
      const card = groups.slice(start, start + MAX_CARD_GROUPS);
      if (someJoin(card, 19, (digits) => digits.length >= 13 && isCard(digits))) return true;
    }
  }
  return false;
}

function hasIban(text: string): boolean {
  for (const run of text.matchAll(ALNUM_RUNS)) {
    const groups = run[0].split(SEPARATOR);
    for (let start = 0; start < groups.length; start++) {
      if (!/^[A-Z]{2}\d\d/.test(groups[start] ?? '')) continue;
      if (someJoin(groups.slice(start, start + 34), 34, isIban)) return true;
    }
  }
  return false;
}

/** IBANs are 15 (Norway) to 34 characters; ibantools checks the country's length, format and mod 97. */
const isIban = (iban: string): boolean => iban.length >= 15 && isValidIBAN(iban);

/** Joins whole groups from the first on, up to `max` characters, until `test` passes for one of the joins. */
function someJoin(groups: string[], max: number, test: (joined: string) => boolean): boolean {
  let joined = '';
  for (const group of groups) {
    joined += group;
    if (joined.length > max) return false;
    if (test(joined)) return true;
  }
  return false;
}

/**
 * Luhn-valid, and a length some network issues under its prefix. The networks (credit-card-type) are
 * looked up once per 8-digit prefix, the longest prefix any network has: a long paste stays cheap.
 */
function cardCheck(): (digits: string) => boolean {
  const lengthsByPrefix = new Map<string, number[]>();
  const lengthsFor = (prefix: string): number[] => {
    let lengths = lengthsByPrefix.get(prefix);
    if (!lengths) {
      lengths = creditCardType(prefix).flatMap((network) => network.lengths);
      lengthsByPrefix.set(prefix, lengths);
    }
    return lengths;
  };
  return (digits) => luhn(digits) && lengthsFor(digits.slice(0, 8)).includes(digits.length);
}

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}
