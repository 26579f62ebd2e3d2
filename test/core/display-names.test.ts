import { describe, expect, it } from 'vitest';
import { cleanDisplayName, DISPLAY_NAME_MAX, type Progress } from '../../src/core/index.js';
import { createMemoryStore } from '../../src/store/memory.js';
import { makeTestBot } from '../helpers/bot.js';
import { admin, fileChunks, key, staff } from '../helpers/staff.js';
import { withSave } from './store-doubles.js';

/** A bot whose store counts its writes. */
async function countingBot() {
  const memory = createMemoryStore();
  const writes: Progress[] = [];
  const store = withSave(memory, async (p, id) => {
    writes.push(p);
    await memory.save(p, id);
  });
  return { tb: await makeTestBot({ admins: [staff], store }), writes };
}

describe('the name a platform gives a person', () => {
  it('is kept on their record and shown to staff as Name (key)', async () => {
    const { tb } = await countingBot();
    await tb.bot.handle({ user: key('ann'), text: 'start', displayName: 'Ann Lee' });
    expect((await tb.store.load(key('ann')))?.displayName).toBe('Ann Lee');
    const list = await admin(tb, 'admin list');
    expect(list?.text).toMatch(/^Ann Lee \(console:local:ann\) · Fill in the registration form/m);
    expect((await admin(tb, 'admin user ann'))?.title).toBe('Ann Lee (console:local:ann)');
  });

  it('is not written again when it is the same, and is refreshed when it changes', async () => {
    const { tb, writes } = await countingBot();
    await tb.bot.handle({ user: key('ann'), text: 'start', displayName: 'Ann' });
    const before = writes.length;
    await tb.bot.handle({ user: key('ann'), text: 'status', displayName: 'Ann' });
    expect(writes.length).toBe(before);
    await tb.bot.handle({ user: key('ann'), text: 'status', displayName: 'Ann Lee' });
    expect(writes.length).toBe(before + 1);
    expect((await tb.store.load(key('ann')))?.displayName).toBe('Ann Lee');
    expect((await admin(tb, 'admin list'))?.text).toContain('Ann Lee (console:local:ann)');
  });

  it('an event without a name keeps the one stored; a person never named shows their key', async () => {
    const { tb } = await countingBot();
    await tb.bot.handle({ user: key('ann'), text: 'start', displayName: 'Ann' });
    await tb.bot.handle({ user: key('ann'), text: 'done' });
    await tb.bot.handle({ user: key('bob'), text: 'start' });
    const list = (await admin(tb, 'admin list'))?.text ?? '';
    expect(list).toContain('Ann (console:local:ann) · ');
    expect(list).toMatch(/^console:local:bob · /m);
  });

  it('stays through a restart and a staff reset', async () => {
    const { tb } = await countingBot();
    await tb.bot.handle({ user: key('ann'), text: 'start', displayName: 'Ann' });
    await tb.bot.handle({ user: key('ann'), text: 'restart' });
    await tb.bot.handle({ user: key('ann'), text: 'yes' });
    await admin(tb, 'admin reset ann');
    await admin(tb, 'yes');
    expect((await tb.store.load(key('ann')))?.displayName).toBe('Ann');
  });

  it('loses control characters and direction overrides, and is clipped without cutting a grapheme', () => {
    expect(cleanDisplayName('  Ann\u0007\u202e\n  Lee ')).toBe('Ann Lee');
    expect(cleanDisplayName('\u0000\u200f ')).toBeUndefined();
    expect(cleanDisplayName(42)).toBeUndefined();
    const family = '👨‍👩‍👧';
    const long = cleanDisplayName(family.repeat(40)) ?? '';
    expect(long.length).toBeLessThanOrEqual(DISPLAY_NAME_MAX);
    expect(long).toBe(family.repeat(Math.floor(DISPLAY_NAME_MAX / family.length)));
  });

  it('is in the export', async () => {
    const { tb } = await countingBot();
    await tb.bot.handle({ user: key('ann'), text: 'start', displayName: 'Ann, "A" Lee' });
    const csv = (await fileChunks(await admin(tb, 'admin export'))).join('');
    const [header = '', row = ''] = csv.split('\r\n');
    const column = header.split(',').indexOf('display_name');
    expect(column).toBeGreaterThan(0);
    expect(row).toContain('"Ann, ""A"" Lee"');
  });
});
