import { describe, expect, it } from 'vitest';
import { looksSensitive } from '../../src/core/sensitive.js';
import { makeTestBot } from '../helpers/bot.js';

describe('card and bank numbers pasted into the chat', () => {
  it('are recognised: Luhn-valid card numbers and mod-97-valid IBANs, with spaces or dashes', () => {
    expect(looksSensitive('my card is 4111 1111 1111 1111')).toBe(true);
    expect(looksSensitive('5500-0000-0000-0004')).toBe(true);
    expect(looksSensitive('iban: GB82 WEST 1234 5698 7654 32')).toBe(true);
    expect(looksSensitive('DE89370400440532013000')).toBe(true);
  });

  it('leave ordinary text alone: commands, dates, phone numbers, near-miss numbers', () => {
    for (const text of [
      'done',
      'tick 2',
      '2026-11-27',
      '+86 138 0013 8000',
      '4111 1111 1111 1112',
      'GB82 WEST 1234 5698 7654 33',
    ]) {
      expect(looksSensitive(text)).toBe(false);
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
