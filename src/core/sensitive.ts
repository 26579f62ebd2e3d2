/**
 * Spots what must never be shared in a chat: a payment card number (Luhn-valid, 13-19 digits) or an IBAN
 * (mod-97 valid). Only a yes/no comes out; the text itself is never kept or logged.
 */
export function looksSensitive(text: string): boolean {
  return hasCardNumber(text) || hasIban(text);
}

function hasCardNumber(text: string): boolean {
  for (const match of text.matchAll(/(?:\d[ -]?){12,18}\d/g)) {
    const digits = match[0].replace(/\D/g, '');
    if (digits.length >= 13 && digits.length <= 19 && luhn(digits)) return true;
  }
  return false;
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

function hasIban(text: string): boolean {
  for (const match of text.toUpperCase().matchAll(/\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b/g)) {
    const iban = match[0].replace(/ /g, '');
    if (mod97(`${iban.slice(4)}${iban.slice(0, 4)}`) === 1) return true;
  }
  return false;
}

function mod97(text: string): number {
  let rest = 0;
  for (const ch of text) {
    const value = ch >= 'A' && ch <= 'Z' ? String(ch.charCodeAt(0) - 55) : ch;
    for (const digit of value) rest = (rest * 10 + Number(digit)) % 97;
  }
  return rest;
}
