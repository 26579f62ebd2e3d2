import { randomBytes } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { expect, it } from 'vitest';
import { ATTACHMENT_LIMIT_BYTES } from '../../../adapters/discord/attachment.js';
import { renderReplies } from '../../../adapters/discord/render.js';
import type { Reply } from '../../../src/core/index.js';

const labels = { moreLinks: 'More links', moreScreenshots: 'More screenshots', fileTooLarge: 'Too large.' };

/** An export as `admin export` makes it: a header and one line per person. */
function csv(people: number): string {
  const lines = ['user,platform,locale,current,done,total,started,finished'];
  for (let i = 0; i < people; i++)
    lines.push(
      `discord:dm:${1_300_000_000_000_000_000 + i},discord,en,verify-license,4,11,2026-11-2${i % 10}T10:00:00.000Z,`,
    );
  return `${lines.join('\n')}\n`;
}

const exportReply = (content: string): Reply => ({
  kind: 'admin',
  language: 'en',
  text: 'Export ready.',
  file: { name: 'progress.csv', mimeType: 'text/csv', content },
});

it('an export over Discord’s 10 MiB upload limit goes as a gzipped CSV that gives back every line', () => {
  const content = csv(120_000);
  expect(Buffer.byteLength(content)).toBeGreaterThan(ATTACHMENT_LIMIT_BYTES);
  const [message] = renderReplies([exportReply(content)], { labels });
  const [file] = message?.files ?? [];
  expect(file?.name).toBe('progress.csv.gz');
  expect(file?.mimeType).toBe('application/gzip');
  expect(file?.data.length).toBeLessThanOrEqual(ATTACHMENT_LIMIT_BYTES);
  expect(gunzipSync(file?.data as Buffer).toString('utf8')).toBe(content);
});

it('a small export goes as it is, and one that does not fit even gzipped is explained in words', () => {
  const [small] = renderReplies([exportReply(csv(3))], { labels });
  expect(small?.files?.map((f) => [f.name, f.data.toString('utf8')])).toEqual([['progress.csv', csv(3)]]);
  // Random bytes do not compress: the file cannot be sent, and the message says so instead.
  const noise = randomBytes(ATTACHMENT_LIMIT_BYTES).toString('base64');
  const [big] = renderReplies([exportReply(noise)], { labels });
  expect(big?.files ?? []).toEqual([]);
  expect(big?.content).toBe('Too large.');
  expect(big?.embeds.length).toBeGreaterThan(0);
});
