import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { Reply } from '../../src/core/index.js';
import { checkMark, clipText, splitText } from '../kit/index.js';
import { asPlain, withMentions, withNames } from './people.js';
import { LIMITS } from './text.js';

/** Adapter-only headings, already translated. */
export interface EmbedLabels {
  moreLinks: string;
  moreScreenshots: string;
}

const COLORS: Record<Reply['kind'], number> = {
  step: 0x5865f2,
  status: 0x3498db,
  help: 0x95a5a6,
  info: 0x95a5a6,
  warning: 0xf1c40f,
  finished: 0x57f287,
  confirm: 0xed4245,
  reminder: 0xe67e22,
  admin: 0x2c3e50,
};

/** Discord shows up to four images from embeds that share one `url` as a single gallery. */
const GALLERY = 4;
const ZERO_WIDTH = '\u200b';

/** The characters Discord counts towards an embed's 6,000. */
export function embedLength(embed: APIEmbed): number {
  const fields = (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    fields
  );
}

/** Lines under one heading, split into fields of at most 1,024 characters without cutting a line's words. */
function fieldsFor(name: string, lines: string[]): APIEmbedField[] {
  const pieces: string[] = [];
  let current = '';
  for (const line of lines.flatMap((l) => splitText(l, LIMITS.fieldValue))) {
    const joined = current ? `${current}\n${line}` : line;
    if (joined.length > LIMITS.fieldValue && current) {
      pieces.push(current);
      current = line;
    } else current = joined;
  }
  if (current) pieces.push(current);
  return pieces.map((value, i) => ({ name: i === 0 ? clipText(name, LIMITS.fieldName) : ZERO_WIDTH, value }));
}

const markdownLink = (label: string, url: string) => `[${label.replace(/[[\]]/g, '')}](${url})`;

function checklistFields(reply: Reply): APIEmbedField[] {
  const list = reply.checklist;
  if (!list || list.items.length === 0) return [];
  const lines = list.items.map((item, i) =>
    item.action ? `${checkMark(item.ticked)} ${i + 1}. ${item.label}` : `• ${item.label}`,
  );
  return fieldsFor(list.title, lines);
}

/** Links that do not fit as link buttons, and screenshots beyond the gallery, are listed in fields. */
function overflowFields(reply: Reply, labels: EmbedLabels, linkUrls: ReadonlySet<string>): APIEmbedField[] {
  const links = (reply.links ?? [])
    .filter((l) => !linkUrls.has(l.url))
    .map((l) => markdownLink(l.label, l.url));
  const images = (reply.images ?? []).slice(GALLERY).map((i) => markdownLink(i.alt, i.url));
  return [
    ...(links.length ? fieldsFor(labels.moreLinks, links) : []),
    ...(images.length ? fieldsFor(labels.moreScreenshots, images) : []),
  ];
}

/**
 * One reply as embeds: the first carries the title and the screenshot, up to three more share its `url`
 * to form a gallery, long text continues in further embeds, and the last carries fields and the footer.
 */
export function replyEmbeds(reply: Reply, labels: EmbedLabels, linkUrls: ReadonlySet<string>): APIEmbed[] {
  const color = COLORS[reply.kind];
  const images = (reply.images ?? []).filter((i) => i.url.length <= LIMITS.url);
  const anchor = reply.links?.[0]?.url ?? images[0]?.url;
  const [firstText = '', ...moreText] = splitText(withMentions(reply.text), LIMITS.description);
  const first: APIEmbed = {
    color,
    ...(reply.title ? { title: clipText(withNames(reply.title), LIMITS.title) } : {}),
    ...(firstText ? { description: firstText } : {}),
    ...(images[0] && anchor && anchor.length <= LIMITS.url
      ? { url: anchor, image: { url: images[0].url } }
      : {}),
  };
  const galleryUrl = first.url;
  const gallery: APIEmbed[] = galleryUrl
    ? images.slice(1, GALLERY).map((image) => ({ url: galleryUrl, image: { url: image.url } }))
    : [];
  const continued: APIEmbed[] = moreText.map((description) => ({ color, description }));
  const embeds = [first, ...gallery, ...continued];

  const footer = reply.footer ? { text: clipText(asPlain(reply.footer), LIMITS.footer) } : undefined;
  let used = footer?.text.length ?? 0;
  const fields = [...checklistFields(reply), ...overflowFields(reply, labels, linkUrls)]
    .slice(0, LIMITS.fields)
    .filter((f) => {
      const size = f.name.length + f.value.length;
      if (used + size > LIMITS.embedTotal) return false;
      used += size;
      return true;
    });
  if (fields.length === 0 && !footer) return embeds;
  // Gallery embeds are folded into the first one on screen, so fields go on a text embed.
  const holder = continued[continued.length - 1] ?? first;
  const target = embedLength(holder) + used <= LIMITS.embedTotal ? holder : { color };
  if (target !== holder) embeds.push(target);
  if (fields.length) target.fields = fields;
  if (footer) target.footer = footer;
  return embeds;
}
