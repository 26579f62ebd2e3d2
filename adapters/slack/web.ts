import type { RespondArguments, RespondFn, webApi } from '@slack/bolt';
import type { Logger, ReplyFile } from '../../src/core/index.js';
import { withTimeout } from '../kit/index.js';
import type { HomeView } from './home.js';
import type { SlackMessage } from './render.js';

/** What a failed call tells us, for logs and fallbacks: the SDK's code and Slack's own error word. */
export interface WebFailure {
  method: string;
  code: string;
  error?: string;
}

export function describeFailure(method: string, error: unknown): WebFailure {
  const e = error as { code?: unknown; data?: { error?: unknown }; retryAfter?: unknown };
  const code = typeof e?.code === 'string' ? e.code : 'unknown';
  const slackError = typeof e?.data?.error === 'string' ? e.data.error : undefined;
  const reason = slackError ?? (code === 'slack_webapi_rate_limited_error' ? 'ratelimited' : undefined);
  return { method, code, ...(reason ? { error: reason } : {}) };
}

const RESPOND_TIMEOUT_MS = 10_000;

/** A file's text chunks as one Buffer; each chunk becomes bytes as it arrives and leaves the heap. */
async function bytesOf(chunks: AsyncIterable<string>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(Buffer.from(chunk, 'utf8'));
  return Buffer.concat(parts);
}

const timedOut = (): never => {
  throw Object.assign(new Error('timed out'), { code: 'timeout' });
};

/** What users.info tells us about a person: their language, time zone, and whether they run the workspace. */
export interface Profile {
  locale?: string;
  timeZone?: string;
  /** Their name in the workspace (display name, else full name, else handle), for staff views. */
  displayName?: string;
  /** An admin or owner of the app's own workspace: the platform vouches that they are staff. */
  staff: boolean;
}

/** A time zone the core can compute with (Slack sends IANA names; anything else is ignored). */
function validTimeZone(tz: unknown): string | undefined {
  if (typeof tz !== 'string' || tz === '') return undefined;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return tz;
  } catch {
    return undefined;
  }
}

/** The name Slack shows for a person: their display name, else their full name, else their handle. */
function nameOf(u: webApi.UsersInfoResponse['user']): string | undefined {
  const names = [u?.profile?.display_name, u?.profile?.real_name, u?.real_name, u?.name];
  return names.find((name): name is string => typeof name === 'string' && name.trim() !== '');
}

export type Result<T> = { ok: true; value: T } | { ok: false; failure: WebFailure };

/**
 * The Web API calls the adapter makes. None throws: a failure is logged with its code (never the token
 * or the text) and returned as a value, so every caller decides how to answer gracefully.
 */
export function createWeb(client: webApi.WebClient, logger: Logger) {
  async function call<T>(method: string, context: object, run: () => Promise<T>): Promise<Result<T>> {
    try {
      return { ok: true, value: await run() };
    } catch (error) {
      const failure = describeFailure(method, error);
      logger.error({ ...context, ...failure }, 'slack web api call failed');
      return { ok: false, failure };
    }
  }

  return {
    post: (channel: string, message: SlackMessage) =>
      call('chat.postMessage', { channel }, async () => {
        const r = await client.chat.postMessage({ channel, text: message.text, blocks: message.blocks });
        return r.ts ?? '';
      }),
    update: (channel: string, ts: string, message: SlackMessage) =>
      call('chat.update', { channel }, () =>
        client.chat.update({ channel, ts, text: message.text, blocks: message.blocks }),
      ),
    publishHome: (userId: string, view: HomeView) =>
      call('views.publish', { slackUser: userId }, () => client.views.publish({ user_id: userId, view })),
    openDm: (userId: string) =>
      call('conversations.open', { slackUser: userId }, async () => {
        const r = await client.conversations.open({ users: userId });
        if (!r.channel?.id) throw Object.assign(new Error('no channel'), { code: 'no_channel' });
        return r.channel.id;
      }),
    /**
     * users.info. `staff` needs an admin or owner of `workspace` (the app's own): an admin of another
     * organisation met in a shared channel is not ours, nor is a deactivated account.
     */
    profile: (userId: string, workspace: string | undefined) =>
      call('users.info', { slackUser: userId }, async (): Promise<Profile> => {
        const r = await client.users.info({ user: userId, include_locale: true });
        const u = r.user;
        const timeZone = validTimeZone(u?.tz);
        const displayName = nameOf(u);
        const admin = u?.is_admin === true || u?.is_owner === true;
        const ours = workspace !== undefined && u?.team_id === workspace && u?.deleted !== true;
        return {
          ...(typeof u?.locale === 'string' ? { locale: u.locale } : {}),
          ...(timeZone ? { timeZone } : {}),
          ...(displayName ? { displayName } : {}),
          staff: admin && ours,
        };
      }),
    /**
     * files.uploadV2: files.getUploadURLExternal, the bytes to its upload_url, files.completeUploadExternal.
     * The SDK needs the length first and holds the whole file in one Buffer whatever it is given (a path it
     * reads with readFileSync, a stream it concatenates), so the chunks are gathered as Buffers: outside
     * the V8 heap, and no temporary file to clean up or blocking read.
     */
    upload: (channel: string, file: ReplyFile) =>
      call('files.uploadV2', { channel }, async () => {
        await client.filesUploadV2({
          channel_id: channel,
          filename: file.name,
          title: file.name,
          file: await bytesOf(file.body()),
        });
      }),
    /** Bolt posts to the response_url without a timeout of its own: bound it like the Web API calls. */
    respond: (respond: RespondFn, message: RespondArguments) =>
      call('response_url', {}, () => withTimeout(respond(message), RESPOND_TIMEOUT_MS, timedOut)),
  };
}

export type Web = ReturnType<typeof createWeb>;
