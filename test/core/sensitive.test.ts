import { describe, expect, it } from 'vitest';
import { looksSensitive } from '../../src/core/sensitive.js';
import { makeTestBot } from '../helpers/bot.js';

const NBSP = '\u00a0';
const IDEOGRAPHIC_SPACE = '\u3000';

/** Card numbers of several networks and lengths (Luhn-valid test numbers), pasted the ways people paste. */
const CARDS: [network: string, paste: string][] = [
  ['Visa 16, CVV after it', '4111 1111 1111 1111 123'],
  ['Visa 16, expiry and CVV after it', '4111111111111111 exp 12/27 cvv 123'],
  ['Visa 19', '4917 6100 0000 0000 003'],
  ['Mastercard, dashes, expiry after it', 'card: 5555-5555-5555-4444, 12/27'],
  ['Mastercard 2-series, dots', '2223.0031.2200.3222'],
  ['American Express 15, 4-6-5', '3782 822463 10005'],
  ['Discover, underscores', '6011_1111_1111_1117'],
  ['Diners Club 14', '3056 930902 5904'],
  ['JCB, full-width digits and ideographic spaces', '３５３０　１１１３　３３３０　００００'],
  ['UnionPay 19 inside Chinese text', '我的卡号是6212345678901234569，谢谢'],
  ['UnionPay 16, no-break spaces', ['6200', '0000', '0000', '0005'].join(NBSP)],
  ['Mir', '2200 0000 0000 0004'],
  ['Maestro', '6759 6498 2643 8453'],
  ['Elo (Brazil)', '6362 9700 0045 7013'],
];

/** IBANs from several countries; each one's check digits verified (mod 97 = 1) and its country's format. */
const IBANS: [country: string, paste: string][] = [
  ['DE, dashes', 'DE89-3704-0044-0532-0130-00'],
  ['DE, a word after it', 'DE89370400440532013000 thanks'],
  ['GB, lowercase', 'gb29 nwbk 6016 1331 9268 19'],
  ['FR, a letter inside', 'IBAN: FR14 2004 1010 0505 0001 3M02 606'],
  ['NL, end of a sentence', 'Pay to NL91ABNA0417164300.'],
  ['ES', 'ES91 2100 0418 4502 0005 1332'],
  ['IT, lowercase', 'it60 x054 2811 1010 0000 0123 456'],
  ['CH, no-break spaces', ['CH93', '0076', '2011', '6238', '5295', '7'].join(NBSP)],
  ['SA, ideographic spaces', ['SA03', '8000', '0000', '6080', '1016', '7519'].join(IDEOGRAPHIC_SPACE)],
  ['AE, dots', 'AE07.0331.2345.6789.0123.456'],
  ['BR, underscores', 'BR18_0036_0305_0000_1000_9795_493C_1'],
  ['PL', 'PL61 1090 1014 0000 0712 1981 2874'],
  ['TR, full-width', 'ＴＲ３３ ０００６ １００５ １９７８ ６４５７ ８４１３ ２６'],
];

/** Ordinary messages that carry numbers: none of them is a card or an account number. */
const ORDINARY: [kind: string, text: string][] = [
  ['a command', 'done'],
  ['a command with a number', 'tick 2'],
  ['an ISO date', '2026-11-27'],
  ['a European date', '27.11.2026'],
  ['a Chinese date and time', '2026年11月27日 10:30'],
  ['an ISO time stamp', '2026-11-27T10:30:00Z'],
  ['a compact time stamp', '20261127103000'],
  ['a Unix time stamp in ms', '1764237600000'],
  ['a Chinese mobile number', '138 0013 8000'],
  ['a Chinese mobile number with country code', '+86 138 0013 8000'],
  ['a Chinese mobile number, unspaced', '13800138000'],
  ['a Beijing landline', '010-6552 9988'],
  ['a US phone number', '+1 (415) 555-2671'],
  ['a UK phone number', '+44 20 7946 0958'],
  ['a Colombian mobile number', '+57 300 123 4567'],
  ['an order number', 'order 1874659203847561230'],
  ['a dated order number', '订单号 2026112712345678'],
  ['an order reference', 'Order #A-2026-0042-117'],
  ['a Unified Social Credit Code', '91350100M000100Y43'],
  ['a Unified Social Credit Code in Chinese', '统一社会信用代码：91350100M000100Y43'],
  ['a Discord snowflake that passes the Luhn check', '1400000000000000019'],
  ['a Discord mention', '<@1400000000000000019>'],
  ['two Discord ids', '1234567890123456789 1400000000000000019'],
  ['an amount in yuan', '¥1,234,567.89'],
  ['an amount with spaces', '1 234 567,89 €'],
  ['an amount that starts like a Visa', '4,111.11 USD'],
  ['a card number with a wrong last digit', '4111 1111 1111 1112'],
  ['an IBAN with a wrong last digit', 'GB82 WEST 1234 5698 7654 33'],
  ['an IBAN-shaped code from no IBAN country', 'XX89 3704 0044 0532 0130 00'],
];

/** The same number with its last digit changed: a single changed digit always breaks Luhn and mod 97. */
function lastDigitChanged(text: string): string {
  const at = text.search(/\d(?=\D*$)/);
  return `${text.slice(0, at)}${(Number(text[at]) + 1) % 10}${text.slice(at + 1)}`;
}

describe('card and bank numbers pasted into the chat', () => {
  it.each(CARDS)('a card number is recognised: %s', (_network, paste) => {
    expect(looksSensitive(paste)).toBe(true);
  });

  it.each(IBANS)('an IBAN is recognised: %s', (_country, paste) => {
    expect(looksSensitive(paste)).toBe(true);
  });

  it.each(ORDINARY)('ordinary text is left alone: %s', (_kind, text) => {
    expect(looksSensitive(text)).toBe(false);
  });

  it('one wrong digit makes a number ordinary again (the checks are real, not shape matching)', () => {
    const plain = ['4111111111111111', '378282246310005', 'DE89370400440532013000', 'CH9300762011623852957'];
    for (const number of plain) {
      expect(looksSensitive(number)).toBe(true);
      expect(looksSensitive(lastDigitChanged(number))).toBe(false);
    }
  });

  it('get a translated warning, are not stored and are not logged', async () => {
    const { bot, store, logs } = await makeTestBot();
    await bot.handle({ user: 'console:local:me', text: 'start', locale: 'zh-CN' });
    const before = await store.load('console:local:me');
    const [reply] = await bot.handle({ user: 'console:local:me', text: '4111111111111111', locale: 'zh-CN' });
    expect(reply?.kind).toBe('warning');
    expect(reply?.text).toContain('银行卡号');
    expect(await store.load('console:local:me')).toEqual(before);
    expect(JSON.stringify([await store.all(), logs])).not.toContain('4111');
  });

  it('every kind of paste gets the warning, and no group of its digits reaches the reply, the store or the logs', async () => {
    const { bot, store, logs } = await makeTestBot();
    await bot.handle({ user: 'console:local:me', text: 'start' });
    for (const [, paste] of [...CARDS, ...IBANS]) {
      const replies = await bot.handle({ user: 'console:local:me', text: paste });
      expect(replies.map((r) => r.kind)).toEqual(['warning']);
      expect(replies[0]?.text).toContain("Please don't share card or bank account numbers");
      const seen = JSON.stringify([replies, await store.all(), logs]);
      const groups = paste.normalize('NFKC').match(/[A-Za-z\d]{4,}/g) ?? [];
      for (const group of groups.filter((g) => /\d{3}/.test(g))) expect(seen).not.toContain(group);
    }
  });
});

describe('staff commands', () => {
  it('are never taken for card numbers, even when an id passes the Luhn check', async () => {
    const { bot } = await makeTestBot({ admins: ['discord:dm:1'] });
    const [reply] = await bot.handle({
      user: 'discord:dm:1',
      text: 'admin user discord:dm:1400000000000000019',
    });
    expect(reply?.kind).toBe('warning');
    expect(reply?.text).toContain("I don't know anyone called");
  });
});
