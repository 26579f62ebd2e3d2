import type { types } from '@slack/bolt';
import type { Button, ChecklistItemView, Reply } from '../../src/core/index.js';
import { checkMark, clipText, splitText } from '../kit/index.js';
import { toFallback, toMrkdwn, toPlain } from './mrkdwn.js';

export type Block = types.KnownBlock;

/** One Slack message: blocks plus the plain text Slack shows in notifications and screen readers. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
}

/** Words the layout needs that the reply does not carry (already translated). */
export interface RenderWords {
  tick: string;
  untick: string;
}

/** Block Kit limits (api.slack.com/reference/block-kit). */
const LIMITS = {
  messageBlocks: 50,
  header: 150,
  section: 3000,
  buttonText: 75,
  actionsElements: 25,
  altText: 2000,
  url: 3000,
} as const;

/** Raw text per section before escaping; escaping can grow it, so leave room under the 3,000 limit. */
const SECTION_SOURCE = 2400;

const KIND_PREFIX: Partial<Record<Reply['kind'], string>> = { warning: '⚠️ ', finished: '🎉 ' };

export const header = (text: string): Block => ({
  type: 'header',
  text: { type: 'plain_text', text: clipText(toPlain(text), LIMITS.header), emoji: true },
});

/** Sections of mrkdwn, split to fit the per-section limit. */
export const sections = (text: string): Block[] =>
  splitText(text, SECTION_SOURCE).map((piece) => ({
    type: 'section',
    text: { type: 'mrkdwn', text: clipText(toMrkdwn(piece), LIMITS.section) },
  }));

const button = (b: Button) => ({
  type: 'button' as const,
  action_id: b.id,
  value: b.id,
  text: { type: 'plain_text' as const, text: clipText(toPlain(b.label), LIMITS.buttonText), emoji: true },
  ...(b.style ? { style: b.style } : {}),
});

/** Actions blocks of at most 25 elements each. */
const actions = (elements: types.ActionsBlockElement[]): Block[] => {
  const blocks: Block[] = [];
  for (let i = 0; i < elements.length; i += LIMITS.actionsElements)
    blocks.push({ type: 'actions', elements: elements.slice(i, i + LIMITS.actionsElements) });
  return blocks;
};

export const buttonRows = (buttons: Button[]): Block[] => actions(buttons.map(button));

const checklistItem = (item: ChecklistItemView, words: RenderWords): Block => {
  const line = `${checkMark(item.ticked)} ${item.label}`;
  const text = { type: 'mrkdwn' as const, text: clipText(toMrkdwn(line), LIMITS.section) };
  if (!item.action) return { type: 'section', text };
  return {
    type: 'section',
    text,
    accessory: button({ id: item.action, label: item.ticked ? words.untick : words.tick }),
  };
};

function checklist(reply: Reply, words: RenderWords): Block[] {
  const list = reply.checklist;
  if (!list || list.items.length === 0) return [];
  if (list.items.every((item) => !item.action)) {
    return sections(`**${list.title}**\n${list.items.map((i) => `• ${i.label}`).join('\n')}`);
  }
  return [...sections(`**${list.title}**`), ...list.items.map((item) => checklistItem(item, words))];
}

/** Links open their page in the browser: URL buttons (Slack still sends a click, which we acknowledge). */
const links = (reply: Reply): Block[] =>
  actions(
    (reply.links ?? [])
      .filter((l) => l.url.length <= LIMITS.url)
      .map((l, i) => ({
        type: 'button' as const,
        action_id: `link:${i}`,
        url: l.url,
        text: {
          type: 'plain_text' as const,
          text: clipText(`🔗 ${toPlain(l.label)}`, LIMITS.buttonText),
          emoji: true,
        },
      })),
  );

const images = (reply: Reply): Block[] =>
  (reply.images ?? [])
    .filter((i) => i.url.length <= LIMITS.url)
    .map((i) => ({ type: 'image', image_url: i.url, alt_text: clipText(i.alt || ' ', LIMITS.altText) }));

/** One reply as one message: header, text, screenshots, links, checklist, buttons, footer. */
export function renderReply(reply: Reply, words: RenderWords): SlackMessage {
  const text = `${KIND_PREFIX[reply.kind] ?? ''}${reply.text}`;
  const body: Block[] = [
    ...(reply.title ? [header(reply.title)] : []),
    ...sections(text),
    ...images(reply),
    ...links(reply),
    ...checklist(reply, words),
  ];
  const tail: Block[] = [
    ...buttonRows(reply.buttons ?? []),
    ...(reply.footer
      ? [
          {
            type: 'context',
            elements: [{ type: 'mrkdwn', text: clipText(toMrkdwn(reply.footer), 3000) }],
          } as Block,
        ]
      : []),
  ];
  // Never lose the buttons: if a message would pass 50 blocks, the body gives way.
  const blocks = [...body.slice(0, LIMITS.messageBlocks - tail.length), ...tail];
  const fallback = reply.title ? `${reply.title}\n${text}` : text;
  return { text: toFallback(clipText(fallback, SECTION_SOURCE)), blocks };
}

/** The same message with its screenshots as link buttons: for when Slack cannot fetch an image. */
export function withoutImages(reply: Reply): Reply {
  const images = reply.images ?? [];
  return {
    ...reply,
    images: [],
    links: [...(reply.links ?? []), ...images.map((i) => ({ label: i.alt, url: i.url }))],
  };
}
