import type { RespondFn } from '@slack/bolt';
import type { Reply, Translator } from '../../src/core/index.js';
import { type RenderWords, renderReply, type SlackMessage, withoutImages } from './render.js';
import type { Result, Web } from './web.js';

/**
 * Puts replies on screen: new messages, a message updated in place, or answers through a response_url.
 * If Slack cannot fetch a screenshot it refuses the whole message (`invalid_blocks`): we send it again
 * with the screenshots as links, so the step still arrives.
 */
export function createDelivery(web: Web, translator: Translator) {
  const words = (language: string): RenderWords => ({
    tick: translator.t(language, 'slack:buttons.tick'),
    untick: translator.t(language, 'slack:buttons.untick'),
  });

  async function send(reply: Reply, language: string, put: (m: SlackMessage) => Promise<Result<unknown>>) {
    const first = await put(renderReply(reply, words(language)));
    if (first.ok || first.failure.error !== 'invalid_blocks' || !reply.images?.length) return first.ok;
    return (await put(renderReply(withoutImages(reply), words(language)))).ok;
  }

  /** Posts each reply as a new message; true when all of them arrived. */
  async function post(channel: string, replies: Reply[], language: string): Promise<boolean> {
    let all = true;
    for (const reply of replies) all = (await send(reply, language, (m) => web.post(channel, m))) && all;
    return all;
  }

  /** Replaces a message with a reply; if that fails (deleted, too old), posts it instead. */
  async function replace(channel: string, ts: string, reply: Reply, language: string): Promise<boolean> {
    if (await send(reply, language, (m) => web.update(channel, ts, m))) return true;
    return post(channel, [reply], language);
  }

  /** Answers only the person can see (response_url), optionally replacing the message they clicked. */
  async function respond(fn: RespondFn, replies: Reply[], language: string, replaceFirst = false) {
    let all = true;
    for (const [i, reply] of replies.entries()) {
      const asReplacement = replaceFirst && i === 0;
      const ok = await send(reply, language, (m) =>
        web.respond(fn, {
          ...m,
          ...(asReplacement
            ? { replace_original: true }
            : { response_type: 'ephemeral', replace_original: false }),
        }),
      );
      all = ok && all;
    }
    return all;
  }

  /** A short text of the adapter's own (already translated), only for the person to see. */
  const notice = (fn: RespondFn, text: string, language: string) =>
    respond(fn, [{ kind: 'info', text, language }], language);

  return { post, replace, respond, notice };
}

export type Delivery = ReturnType<typeof createDelivery>;

/** A click's replies: a step (or the finish) replaces the clicked message; anything else is a new message. */
export const replacesClicked = (reply: Reply | undefined): boolean =>
  reply !== undefined && (reply.kind === 'step' || reply.kind === 'finished');
