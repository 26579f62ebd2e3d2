import type { APIEmbed } from 'discord.js';
import type { Reply, Translator } from '../../src/core/index.js';
import { clipText } from '../kit/index.js';
import { attachment, type OutgoingFile } from './attachment.js';
import { type Row, replyRows } from './components.js';
import { type EmbedLabels, embedLength, replyEmbeds } from './embeds.js';
import { LIMITS } from './text.js';

/** One Discord message, ready to send; `content` is only used for the adapter's own notes. */
export interface OutgoingMessage {
  content: string;
  embeds: APIEmbed[];
  components: Row[];
  /** Attachments, uploaded with the message (multipart). */
  files?: OutgoingFile[];
}

export interface RenderOptions {
  labels: EmbedLabels & { fileTooLarge: string };
  /** Offer "continue in DMs" under steps (in servers only), with this translated label. */
  dmLabel?: string;
  /** A note above the replies, e.g. that DMs are closed. */
  note?: string;
}

/** The adapter's own embed headings in one language. */
export const labelsIn = (translator: Translator, language: string): RenderOptions['labels'] => ({
  moreLinks: translator.t(language, 'discord:render.more-links'),
  moreScreenshots: translator.t(language, 'discord:render.more-screenshots'),
  fileTooLarge: translator.t(language, 'discord:render.file-too-large'),
});

/** A reply ready to lay out: its file, if it had one, already read and packed for Discord. */
export type PackedReply = Omit<Reply, 'file'> & { attachment?: OutgoingFile | 'too-large' };

/**
 * Reads each reply's file once, one file at a time, as Discord can take it (see `attachment`); the
 * layout itself then stays synchronous and can be done more than once (e.g. for DMs, then in place).
 */
export async function packFiles(replies: readonly Reply[]): Promise<PackedReply[]> {
  const packed: PackedReply[] = [];
  for (const { file, ...reply } of replies) {
    if (file) packed.push({ ...reply, attachment: (await attachment(file)) ?? 'too-large' });
    else packed.push(reply);
  }
  return packed;
}

const empty = (): OutgoingMessage => ({ content: '', embeds: [], components: [] });

/**
 * Replies to as few messages as Discord's limits allow (10 embeds and 6,000 embed characters and 5 rows
 * per message). A reply's buttons and file go with its last embed; the first message is the answer, the rest
 * follow up.
 */
export function renderReplies(replies: readonly PackedReply[], options: RenderOptions): OutgoingMessage[] {
  const messages: OutgoingMessage[] = [];
  let current = empty();
  let used = new Set<string>();
  let size = 0;
  const next = () => {
    messages.push(current);
    current = empty();
    used = new Set();
    size = 0;
  };
  if (options.note) current.content = clipText(options.note, LIMITS.content);
  const dm = options.dmLabel !== undefined ? { dmLabel: options.dmLabel } : {};

  for (const reply of replies) {
    const probe = replyRows(reply, { ...dm, used: new Set(used) });
    if (current.components.length + probe.rows.length > LIMITS.rows) next();
    for (const embed of replyEmbeds(reply, options.labels, probe.linkUrls)) {
      const length = embedLength(embed);
      if (current.embeds.length >= LIMITS.embeds || size + length > LIMITS.embedTotal) next();
      current.embeds.push(embed);
      size += length;
    }
    const { rows } = replyRows(reply, { ...dm, used });
    current.components.push(...rows);
    if (reply.attachment === 'too-large')
      current.content = clipText(
        [current.content, options.labels.fileTooLarge].filter(Boolean).join('\n'),
        LIMITS.content,
      );
    else if (reply.attachment) current.files = [...(current.files ?? []), reply.attachment];
  }
  if (current.content || current.embeds.length || current.components.length || current.files)
    messages.push(current);
  return messages;
}
