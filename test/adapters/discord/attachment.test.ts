import { randomBytes } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { expect, it } from 'vitest';
import { ATTACHMENT_LIMIT_BYTES } from '../../../adapters/discord/attachment.js';
import { packFiles, renderReplies } from '../../../adapters/discord/render.js';
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

/** Text in chunks of about 64 KiB, as a streamed export hands it over, counting how often it is read. */
function streamed(content: string) {
  const reads = { count: 0 };
  async function* body() {
    reads.count += 1;
    for (let at = 0; at < content.length; at += 65_536) yield content.slice(at, at + 65_536);
  }
  return { body, reads };
}

const exportReply = (content: string): Reply => ({
  kind: 'admin',
  language: 'en',
  text: 'Export ready.',
  file: { name: 'progress.csv', mimeType: 'text/csv', body: streamed(content).body },
});

const render = async (replies: Reply[]) => renderReplies(await packFiles(replies), { labels });

it('an export over Discord’s 10 MiB upload limit goes as a gzipped CSV that gives back every line', async () => {
  const content = csv(120_000);
  expect(Buffer.byteLength(content)).toBeGreaterThan(ATTACHMENT_LIMIT_BYTES);
  const [message] = await render([exportReply(content)]);
  const [file] = message?.files ?? [];
  expect(file?.name).toBe('progress.csv.gz');
  expect(file?.mimeType).toBe('application/gzip');
  expect(file?.data.length).toBeLessThanOrEqual(ATTACHMENT_LIMIT_BYTES);
  expect(gunzipSync(file?.data as Buffer).toString('utf8')).toBe(content);
});

it('a small export goes as it is, and one that does not fit even gzipped is explained in words', async () => {
  const [small] = await render([exportReply(csv(3))]);
  expect(small?.files?.map((f) => [f.name, f.data.toString('utf8')])).toEqual([['progress.csv', csv(3)]]);
  // Random bytes do not compress: the file cannot be sent, and the message says so instead.
  const noise = randomBytes(ATTACHMENT_LIMIT_BYTES).toString('base64');
  const [big] = await render([exportReply(noise)]);
  expect(big?.files ?? []).toEqual([]);
  expect(big?.content).toBe('Too large.');
  expect(big?.embeds.length).toBeGreaterThan(0);
});

it('reads each file once, and stops reading one that cannot fit even gzipped', async () => {
  const fits = streamed(csv(3));
  const noise = randomBytes(3 * ATTACHMENT_LIMIT_BYTES).toString('base64');
  let chunksRead = 0;
  async function* endless() {
    for (let at = 0; at < noise.length; at += 65_536) {
      chunksRead += 1;
      yield noise.slice(at, at + 65_536);
    }
  }
  const reply = (body: () => AsyncIterable<string>): Reply => ({
    ...exportReply(''),
    file: { name: 'progress.csv', mimeType: 'text/csv', body },
  });
  const packed = await packFiles([reply(fits.body), reply(endless)]);
  expect(fits.reads.count).toBe(1);
  expect(packed.map((r) => (r.attachment === 'too-large' ? r.attachment : r.attachment?.name))).toEqual([
    'progress.csv',
    'too-large',
  ]);
  // Noise of four times the limit: the reading stopped about when the gzipped bytes passed the limit.
  expect(chunksRead * 65_536).toBeLessThan(noise.length * 0.5);
});
