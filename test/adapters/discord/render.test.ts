import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DM_BUTTON_ID, type Row } from '../../../adapters/discord/components.js';
import { embedLength } from '../../../adapters/discord/embeds.js';
import { type OutgoingMessage, renderReplies } from '../../../adapters/discord/render.js';
import { LIMITS } from '../../../adapters/discord/text.js';
import { clipText, splitText } from '../../../adapters/kit/index.js';
import type { Reply } from '../../../src/core/index.js';
import { makeTestBot } from '../../helpers/bot.js';

const labels = {
  moreLinks: 'More links',
  moreScreenshots: 'More screenshots',
  fileTooLarge: 'Too large to attach.',
};
const words = (text: string) => text.split(/\s+/).filter(Boolean);

/** Every limit Discord enforces on one message. */
function expectWithinLimits(message: OutgoingMessage) {
  expect(message.content.length).toBeLessThanOrEqual(LIMITS.content);
  expect(message.embeds.length).toBeLessThanOrEqual(LIMITS.embeds);
  expect(message.embeds.reduce((n, e) => n + embedLength(e), 0)).toBeLessThanOrEqual(LIMITS.embedTotal);
  for (const embed of message.embeds) {
    expect(embed.title?.length ?? 0).toBeLessThanOrEqual(LIMITS.title);
    expect(embed.description?.length ?? 0).toBeLessThanOrEqual(LIMITS.description);
    expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(LIMITS.fields);
    for (const field of embed.fields ?? []) {
      expect(field.name.length).toBeLessThanOrEqual(LIMITS.fieldName);
      expect(field.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
    }
  }
  expect(message.components.length).toBeLessThanOrEqual(LIMITS.rows);
  const ids = customIds(message.components);
  expect(new Set(ids).size).toBe(ids.length);
  for (const row of message.components) {
    expect(row.components.length).toBeLessThanOrEqual(LIMITS.buttonsPerRow);
    for (const c of row.components)
      if ('label' in c && c.label) expect(c.label.length).toBeLessThanOrEqual(80);
  }
  for (const id of ids) expect(id.length).toBeLessThanOrEqual(LIMITS.customId);
}

const customIds = (rows: Row[]) =>
  rows.flatMap((row) => row.components.flatMap((c) => ('custom_id' in c ? [c.custom_id] : [])));

describe('splitText and clipText', () => {
  it('never cut a word in half and never exceed the limit', () => {
    const word = fc.stringMatching(/^[a-z0-9]{1,30}$/);
    fc.assert(
      fc.property(fc.array(word, { maxLength: 400 }), fc.integer({ min: 40, max: 500 }), (list, max) => {
        const text = list.join(' ');
        const pieces = splitText(text, max);
        for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(max);
        expect(pieces.flatMap(words)).toEqual(words(text));
        const short = clipText(text, max);
        expect(short.length).toBeLessThanOrEqual(max);
        if (short !== text) expect(words(text)).toEqual(expect.arrayContaining(words(short.slice(0, -1))));
      }),
    );
  });

  it('breaks Chinese text after a full stop', () => {
    const sentence = '请打开腾讯云的注册页面并填写信息。';
    const pieces = splitText(sentence.repeat(20), 100);
    for (const piece of pieces) expect(piece.endsWith('。')).toBe(true);
    expect(pieces.join('')).toBe(sentence.repeat(20));
  });
});

describe('renderReplies', () => {
  it('lays a real step out as an embed with its screenshot, footer, link, checklist and buttons', async () => {
    const { bot } = await makeTestBot();
    const replies = await bot.handle({ user: 'discord:dm:1', text: 'start' });
    const [message, ...rest] = renderReplies(replies, { labels, dmLabel: 'Continue in DMs' });
    expect(rest).toEqual([]);
    const step = message?.embeds[1];
    expect(step?.title).toBe('Fill in the registration form');
    expect(step?.image?.url).toMatch(/^https:\/\/docimg/);
    expect(step?.footer?.text).toContain('Step 1 of 11');
    expect(step?.fields?.[0]?.value).toContain('⬜ 1.');
    expect(customIds(message?.components ?? [])).toEqual([
      'tick:register:details-entered:on',
      'tick:register:submitted:on',
      'done:register',
      'help:register',
      'escalate:register',
      DM_BUTTON_ID,
    ]);
    const link = message?.components[0]?.components[0];
    expect(link && 'url' in link && link.url).toBe('https://intl.cloud.tencent.com/register');
    expect(customIds(renderReplies(replies, { labels })[0]?.components ?? [])).not.toContain(DM_BUTTON_ID);
  });

  it('keeps very long replies within every limit, splitting into more messages, without losing a word', () => {
    const long = Array.from({ length: 3000 }, (_, i) => `word${i}`).join(' ');
    const reply: Reply = {
      kind: 'step',
      language: 'en',
      stepId: 's',
      title: `A title ${'that goes on '.repeat(40)}`,
      text: long,
      footer: 'Stage 1 of 1',
      checklist: {
        title: 'Checklist',
        items: Array.from({ length: 7 }, (_, i) => ({
          id: `i${i}`,
          label: `Item ${i} ${'with a long label '.repeat(8)}`,
          ticked: i % 2 === 0,
          action: `tick:s:i${i}`,
        })),
      },
      links: Array.from({ length: 7 }, (_, i) => ({ label: `Link ${i}`, url: `https://example.com/${i}` })),
      images: Array.from({ length: 6 }, (_, i) => ({
        url: `https://example.com/${i}.png`,
        alt: `Shot ${i}`,
      })),
      buttons: [{ id: 'done:s', label: 'Done', style: 'primary' }],
    };
    const messages = renderReplies([reply, reply], { labels, note: `Note ${'x '.repeat(1500)}` });
    expect(messages.length).toBeGreaterThan(2);
    for (const message of messages) expectWithinLimits(message);
    const first = messages[0]?.embeds ?? [];
    expect(first[0]?.title?.endsWith('…')).toBe(true);
    // Four screenshots share the first embed's url (Discord shows them as one gallery); the rest are listed.
    expect(first.slice(0, 4).map((e) => e.url)).toEqual(Array(4).fill('https://example.com/0'));
    const fields = messages.flatMap((m) => m.embeds.flatMap((e) => e.fields ?? []));
    expect(fields.map((f) => f.name)).toEqual(expect.arrayContaining(['More links', 'More screenshots']));
    const text = messages
      .flatMap((m) => m.embeds)
      .filter((e) => e.description)
      .map((e) => e.description);
    expect(words(text.join(' '))).toEqual([...words(long), ...words(long)]);
    // Seven checklist items do not fit a row of buttons: a select menu offers them, valued by ActionId.
    const menu = messages
      .flatMap((m) => m.components.flatMap((r) => r.components))
      .find((c) => 'options' in c);
    expect(menu && 'options' in menu && menu.options.map((o) => o.value)).toEqual(
      reply.checklist?.items.map((i) => i.action),
    );
  });
});
