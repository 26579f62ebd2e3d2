import type { Reply, Translator } from '../../src/core/index.js';
import type { Web } from './web.js';

/**
 * Files the bot hands over (the admin export) go to the person's DM with the app, never to the channel
 * where they asked: staff data must not leak. The reply that carried the file then says where it is, or,
 * if Slack refused the upload (logged with its code by `web`), that it did not arrive.
 */
export function createFileDelivery(
  web: Web,
  dmOf: (userId: string) => Promise<string | undefined>,
  translator: Translator,
) {
  return async function withFiles(
    replies: Reply[],
    userId: string,
    language: string,
    askedInDm: boolean,
  ): Promise<Reply[]> {
    const out: Reply[] = [];
    for (const reply of replies) {
      const { file, ...rest } = reply;
      if (!file) {
        out.push(reply);
        continue;
      }
      const dm = await dmOf(userId);
      const uploaded = dm !== undefined && (await web.upload(dm, file)).ok;
      const vars = { name: file.name };
      if (uploaded) {
        const where = translator.t(
          language,
          askedInDm ? 'slack:export.uploaded-here' : 'slack:export.uploaded-dm',
          vars,
        );
        out.push({ ...rest, text: `${rest.text}\n${where}` });
      } else {
        out.push({ kind: 'warning', text: translator.t(language, 'slack:export.failed', vars), language });
      }
    }
    return out;
  };
}

export type WithFiles = ReturnType<typeof createFileDelivery>;
