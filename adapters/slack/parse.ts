import { z } from 'zod';
import { type UserKey, userKey } from '../../src/core/index.js';
import { unescapeMrkdwn } from './mrkdwn.js';

/** Slack payloads, validated: only the fields we read. Anything else is ignored, never trusted. */

const Id = z.string().regex(/^[A-Z0-9]{2,32}$/);

/** The person's key: `slack:<team>:<user>`. */
const slackUser = (teamId: string, userId: string): UserKey =>
  userKey({ platform: 'slack', space: teamId, id: userId });

/** A payload we act on, one that is fine but not for us (`skip`), or one that is malformed (`invalid`). */
export type Parsed<T> = T | 'skip' | 'invalid';

export interface Who {
  user: UserKey;
  teamId: string;
  userId: string;
}
const who = (teamId: string, userId: string): Who => ({ user: slackUser(teamId, userId), teamId, userId });

const SlashCommandSchema = z.object({
  command: z.string(),
  text: z.string().max(4000).default(''),
  team_id: Id,
  user_id: Id,
  channel_id: Id,
  trigger_id: z.string().min(1),
});

export interface SlashCommandIn extends Who {
  text: string;
  channelId: string;
  deliveryId: string;
}

/** The slash commands, as in slack-manifest.json. */
export const COMMAND = '/onboard';
export const ADMIN_COMMAND = '/onboard-admin';

/**
 * `/onboard [words]`: `/onboard` alone means "start, or pick up where I left off".
 * `/onboard-admin [words]`: the staff command `admin [words]` (alone: `admin`, which lists the commands).
 * Mentions arrive escaped (`<@U123|name>`, the manifest sets `should_escape`) and reach the core as
 * people's keys (`slack:T1:U123`), which is how the core names everyone.
 */
/** What the person typed: mentions (real `<` and `>`) become keys, then `&lt;` `&gt;` `&amp;` turn back. */
function typedText(raw: string, teamId: string): string {
  return unescapeMrkdwn(
    raw.replace(/<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g, (_, id: string) => slackUser(teamId, id)),
  );
}

export function parseSlashCommand(body: unknown): Parsed<SlashCommandIn> {
  const parsed = SlashCommandSchema.safeParse(body);
  if (!parsed.success) return 'invalid';
  const c = parsed.data;
  const typed = typedText(c.text, c.team_id).trim();
  const text = c.command === ADMIN_COMMAND ? `admin ${typed}`.trim() : typed === '' ? 'start' : typed;
  return {
    ...who(c.team_id, c.user_id),
    text,
    channelId: c.channel_id,
    deliveryId: `slack:${c.trigger_id}`,
  };
}

const EnvelopeSchema = z.object({
  type: z.literal('event_callback'),
  team_id: Id,
  event_id: z.string().min(1),
});

const MessageSchema = z.object({
  event: z.object({
    type: z.literal('message'),
    channel_type: z.string().optional(),
    channel: Id,
    user: Id.optional(),
    text: z.string().max(40_000).optional(),
    subtype: z.string().optional(),
    bot_id: z.string().optional(),
  }),
});

export interface DirectMessageIn extends Who {
  text: string;
  channel: string;
  deliveryId: string;
}

/** A person typing in the app's DM (message.im). Edits, joins, bots and other subtypes are not for us. */
export function parseDirectMessage(body: unknown): Parsed<DirectMessageIn> {
  const envelope = EnvelopeSchema.safeParse(body);
  const parsed = MessageSchema.safeParse(body);
  if (!envelope.success || !parsed.success) return 'invalid';
  const { event } = parsed.data;
  if (event.channel_type !== 'im' || event.subtype || event.bot_id || !event.user) return 'skip';
  return {
    ...who(envelope.data.team_id, event.user),
    text: typedText(event.text ?? '', envelope.data.team_id),
    channel: event.channel,
    deliveryId: `slack:${envelope.data.event_id}`,
  };
}

const HomeOpenedSchema = z.object({
  event: z.object({ type: z.literal('app_home_opened'), user: Id, tab: z.string().optional() }),
});

/** The Home tab was opened (the Messages tab sends the same event with `tab: 'messages'`). */
export function parseHomeOpened(body: unknown): Parsed<Who> {
  const envelope = EnvelopeSchema.safeParse(body);
  const parsed = HomeOpenedSchema.safeParse(body);
  if (!envelope.success || !parsed.success) return 'invalid';
  if (parsed.data.event.tab !== undefined && parsed.data.event.tab !== 'home') return 'skip';
  return who(envelope.data.team_id, parsed.data.event.user);
}

const BlockActionSchema = z.object({
  type: z.literal('block_actions'),
  team: z.object({ id: Id }).nullable().optional(),
  user: z.object({ id: Id, team_id: Id.optional() }),
  trigger_id: z.string().min(1),
  actions: z
    .array(
      z.object({
        type: z.string(),
        action_id: z.string().max(255),
        action_ts: z.string(),
        url: z.string().optional(),
      }),
    )
    .min(1),
  container: z.object({
    type: z.string(),
    channel_id: Id.optional(),
    message_ts: z.string().optional(),
    is_ephemeral: z.boolean().optional(),
  }),
});

/** Where the clicked button was: a message (maybe only visible to the person), or the Home tab. */
export type Clicked = { kind: 'message'; channel: string; ts: string; ephemeral: boolean } | { kind: 'home' };

export interface ClickIn extends Who {
  action: string;
  deliveryId: string;
  where: Clicked;
}

/** A button click. Link buttons (which open a page) and other elements are not commands: skipped. */
export function parseBlockAction(body: unknown): Parsed<ClickIn> {
  const parsed = BlockActionSchema.safeParse(body);
  if (!parsed.success) return 'invalid';
  const b = parsed.data;
  const action = b.actions[0];
  const teamId = b.team?.id ?? b.user.team_id;
  if (!teamId) return 'invalid';
  if (action?.type !== 'button' || action.url !== undefined) return 'skip';
  const { container: c } = b;
  const where: Clicked | undefined =
    c.type === 'view'
      ? { kind: 'home' }
      : c.channel_id && c.message_ts
        ? { kind: 'message', channel: c.channel_id, ts: c.message_ts, ephemeral: c.is_ephemeral === true }
        : undefined;
  if (!where) return 'skip';
  return { ...who(teamId, b.user.id), action: action.action_id, deliveryId: `slack:${b.trigger_id}`, where };
}
