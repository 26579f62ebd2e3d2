import { describe, expect, it } from 'vitest';
import { renderHome } from '../../../adapters/slack/home.js';
import { renderReply } from '../../../adapters/slack/render.js';
import type { Reply } from '../../../src/core/index.js';
import { makeTestBot } from '../../helpers/bot.js';

const words = { tick: 'Tick', untick: 'Untick' };
// biome-ignore lint/suspicious/noExplicitAny: reading rendered Block Kit loosely
type AnyBlock = Record<string, any>;
const elementsOf = (blocks: AnyBlock[]) => blocks.flatMap((b) => (b.type === 'actions' ? b.elements : []));

describe('Block Kit layout within Slack limits', () => {
  it('keeps a huge reply inside every limit and never loses its buttons', () => {
    const reply: Reply = {
      kind: 'step',
      language: 'en',
      stepId: 's',
      title: 'T'.repeat(400),
      text: `${'word '.repeat(2000)}\n\n${'more '.repeat(2000)}`,
      footer: 'F'.repeat(5000),
      links: Array.from({ length: 60 }, (_, i) => ({
        label: `L${i} ${'x'.repeat(100)}`,
        url: `https://example.com/${i}`,
      })),
      images: Array.from({ length: 30 }, (_, i) => ({
        url: `https://example.com/${i}.png`,
        alt: 'a'.repeat(3000),
      })),
      buttons: [
        { id: 'done:s', label: 'D'.repeat(200), style: 'primary' },
        { id: 'help:s', label: 'Help' },
      ],
    };
    const { blocks, text } = renderReply(reply, words) as { blocks: AnyBlock[]; text: string };
    expect(blocks.length).toBeLessThanOrEqual(50);
    expect(blocks[0]?.text.text.length).toBeLessThanOrEqual(150);
    for (const b of blocks) {
      if (b.type === 'section') expect(b.text.text.length).toBeLessThanOrEqual(3000);
      if (b.type === 'actions') expect(b.elements.length).toBeLessThanOrEqual(25);
      if (b.type === 'image') expect(b.alt_text.length).toBeLessThanOrEqual(2000);
      if (b.type === 'context') expect(b.elements[0].text.length).toBeLessThanOrEqual(3000);
    }
    for (const e of elementsOf(blocks)) expect(e.text.text.length).toBeLessThanOrEqual(75);
    expect(elementsOf(blocks).map((e) => e.action_id)).toEqual(expect.arrayContaining(['done:s', 'help:s']));
    expect(blocks.at(-1)?.type).toBe('context');
    expect(text.length).toBeLessThanOrEqual(3000);
  });

  it('turns **bold** into mrkdwn bold and escapes &, < and >', () => {
    const { blocks } = renderReply(
      { kind: 'warning', text: 'Type **tick 1** not <@U1> & co', language: 'en' },
      words,
    ) as {
      blocks: AnyBlock[];
    };
    expect(blocks[0]?.text.text).toBe('⚠️ Type *tick 1* not &lt;@U1&gt; &amp; co');
  });

  it('never cuts an emoji in half and breaks Chinese after a full stop', () => {
    const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    const whole = (text: string) =>
      [...graphemes.segment(text)].every((g) => g.segment === '…' || ['🇨🇳', '👩‍👩‍👧‍👦'].includes(g.segment));
    const sentence = '请打开腾讯云的注册页面，并填写信息。';
    const reply: Reply = {
      kind: 'step',
      language: 'zh-CN',
      title: '🇨🇳'.repeat(100),
      text: sentence.repeat(300),
    };
    const { blocks } = renderReply(reply, words) as { blocks: AnyBlock[] };
    const title = blocks[0]?.text.text as string;
    expect(title.length).toBeLessThanOrEqual(150);
    expect(whole(title)).toBe(true);
    const sections = blocks.filter((b) => b.type === 'section').map((b) => b.text.text as string);
    expect(sections.length).toBeGreaterThan(1);
    for (const text of sections) expect(text.endsWith('。')).toBe(true);
    expect(sections.join('')).toBe(sentence.repeat(300));
    const family = renderReply({ kind: 'info', language: 'en', text: '👩‍👩‍👧‍👦'.repeat(400) }, words) as {
      blocks: AnyBlock[];
    };
    for (const b of family.blocks) expect(whole(b.text.text)).toBe(true);
  });

  it('renders the real status as a Home tab with every step, its mark and Start', async () => {
    const { bot } = await makeTestBot();
    const [status] = await bot.handle({ user: 'slack:T1:U1', locale: 'zh-CN', view: 'status' });
    if (!status) throw new Error('no status');
    const home = renderHome(status, (key, vars) => `${key} ${JSON.stringify(vars ?? {})}`);
    expect(home.type).toBe('home');
    expect(home.blocks.length).toBeLessThanOrEqual(100);
    const all = JSON.stringify(home.blocks);
    expect(all).toContain('slack:home.not-started');
    expect(all.match(/⬜/g)).toHaveLength(11);
    expect(elementsOf(home.blocks as AnyBlock[]).map((e) => e.text.text)).toEqual(['开始']);
  });
});
