import type { APIUser } from 'discord-api-types/v10';
import { GatewayDispatchEvents, InteractionResponseType, MessageFlags } from 'discord-api-types/v10';
import { type DiscordTuning, type RunningDiscord, startDiscord } from '../../../adapters/discord/index.js';
import { discordConfigOf } from '../../../src/adapter-configs.js';
import { parseConfig } from '../../../src/config.js';
import type { DashboardLinks, ProgressStore, UserKey } from '../../../src/core/index.js';
import type { ConnectionReporter } from '../../../src/health/connection.js';
import { adapterDeps } from '../../helpers/adapter-deps.js';
import { botWithDiscordNotifier } from './bot.js';
import { FakeDiscord, type Recorded } from './fake-discord.js';
import { IDS } from './fixtures/gateway.js';
import { click, type SentBody, shownMessage, type Where } from './fixtures/interactions.js';
import { type RecordingLogger, recordingLogger } from './recording-logger.js';

export const TOKEN = 'fake-bot-token.never-logged';

/** The adapter's last log line for an interaction, once everything has been sent. */
const FINAL = new Set(['discord interaction answered', 'discord interaction failed']);
/** How many times an adapter has finished with interaction `id` (answered it, or left it to another). */
export const finishedCount = (logs: Pick<RecordingLogger, 'entries'>, id: string) =>
  logs.entries.filter((e) => e.context.interaction === id && FINAL.has(e.message)).length;

/**
 * The defer window tests use unless they set one: long enough that an answer never races it, so a test
 * sees the immediate path (type 4 or 7) on any machine. Tests of the deferred path set `deferAfterMs: 0`.
 */
export const ANSWER_AT_ONCE_MS = 60_000;
/** Always defer first, then edit or follow up (as a slow answer is sent). */
export const ALWAYS_DEFER_MS = 0;

export interface HarnessOptions {
  store?: ProgressStore;
  /** Timings; `deferAfterMs` is pinned to ANSWER_AT_ONCE_MS unless given. */
  tuning?: Partial<DiscordTuning>;
  env?: Record<string, string>;
  /** ADMIN_IDS. */
  admins?: UserKey[];
  /** Sets the fake Discord up before the adapter starts (e.g. command sets an earlier start left). */
  prepare?: (fake: FakeDiscord) => void;
  /** Where the bot's fake clock starts (default Friday 27 Nov 2026, 10:00 UTC). */
  at?: Date;
  /** Told when the gateway is ready and when it is lost. */
  connection?: ConnectionReporter;
  /** Sign-in links for `admin dashboard` (unset: the dashboard is off). */
  dashboard?: DashboardLinks;
  /** Joins this loopback Discord (another instance's) instead of starting one; `stop()` leaves it running. */
  fake?: FakeDiscord;
}

/** The real adapter and discord.js client against a loopback Discord, with the real bot on a memory store. */
export async function startHarness(options: HarnessOptions = {}) {
  const owned = !options.fake;
  const fake = options.fake ?? (await FakeDiscord.start());
  options.prepare?.(fake);
  const { test, connect } = await botWithDiscordNotifier(options);
  const logs = recordingLogger();
  // The test server is the operator's (its managers are staff) unless a test says otherwise.
  const config = parseConfig({
    DISCORD_TOKEN: TOKEN,
    DISCORD_API_URL: fake.apiUrl,
    DISCORD_STAFF_GUILD_IDS: IDS.guild,
    ...options.env,
  });
  let adapter: RunningDiscord | undefined;
  try {
    const tuning = {
      restRetries: 0,
      restTimeoutMs: 5_000,
      readyTimeoutMs: 10_000,
      deferAfterMs: ANSWER_AT_ONCE_MS,
      ...options.tuning,
    };
    adapter = await startDiscord(
      { ...discordConfigOf(config), tuning },
      adapterDeps(test, logs.logger, options.connection ? { connection: options.connection } : {}),
    );
  } catch (error) {
    if (owned) await fake.close();
    throw error;
  }
  const running = adapter;
  connect(running.notifier);

  /** Dispatches INTERACTION_CREATE and waits until the adapter has finished answering it (this time). */
  async function interact(payload: { id: string }): Promise<Recorded[]> {
    const before = finishedCount(logs, payload.id);
    await fake.gateway.dispatch(GatewayDispatchEvents.InteractionCreate, payload);
    await logs.until(
      () => finishedCount(logs, payload.id) > before,
      `the answer to interaction ${payload.id}`,
    );
    return fake.answersTo(payload.id);
  }

  return {
    fake,
    test,
    logs,
    interact,
    notifier: running.notifier,
    /** Stops everything; fails the test if Discord's spec refused any body the adapter sent. */
    async stop() {
      await running.stop();
      if (!owned) return;
      await fake.close();
      if (fake.refused.length > 0)
        throw new Error(`Discord would refuse these bodies: ${JSON.stringify(fake.refused)}`);
    },
  };
}
export type Harness = Awaited<ReturnType<typeof startHarness>>;

/** What a recorded answer shows: a callback's `data`, or the body of an edit or a follow-up. */
export function shown(record: Recorded | undefined): SentBody & { allowed_mentions?: { parse?: string[] } } {
  if (!record) throw new Error('no answer was recorded');
  if (record.path.endsWith('/callback')) return (record.body.data ?? {}) as SentBody;
  return record.body;
}

const DEFERRALS = new Set<unknown>([
  InteractionResponseType.DeferredChannelMessageWithSource,
  InteractionResponseType.DeferredMessageUpdate,
]);
const isDeferral = (r: Recorded) => r.path.endsWith('/callback') && DEFERRALS.has(r.body.type);

/**
 * The first message the person sees in the answers to one interaction: the callback's message, or,
 * after a defer (which shows nothing), the edit or follow-up that carries the answer.
 */
export function visible(answers: Recorded[]): Recorded | undefined {
  return answers.find((r) => !isDeferral(r));
}

/** Whether only the person sees the answer: flagged on the message, or on the defer that preceded it. */
export function ephemeral(answers: Recorded[]): boolean {
  const flagged = (r: Recorded | undefined) => ((shown(r).flags ?? 0) & MessageFlags.Ephemeral) !== 0;
  const deferral = answers.find(isDeferral);
  if (deferral?.body.type === InteractionResponseType.DeferredChannelMessageWithSource)
    return flagged(deferral);
  return flagged(visible(answers));
}

/** The callback type Discord was sent (4 message, 5 deferred, 6 deferred update, 7 update). */
export const callbackType = (record: Recorded | undefined): unknown => record?.body.type;

/** Every custom_id on a shown message, in order. */
export const customIdsOf = (body: SentBody): string[] =>
  (body.components ?? []).flatMap((row) =>
    row.components.flatMap((c) => ('custom_id' in c ? [c.custom_id] : [])),
  );

/** All embed text of a shown message: titles, descriptions, fields and footers. */
export const textOf = (body: SentBody): string =>
  [
    body.content ?? '',
    ...(body.embeds ?? []).flatMap((e) => [
      e.title ?? '',
      e.description ?? '',
      ...(e.fields ?? []).flatMap((f) => [f.name, f.value]),
      e.footer?.text ?? '',
    ]),
  ].join('\n');

/** Every message body the bot sent (callbacks with data, edits, follow-ups, DMs) that says something. */
export function sentMessages(fake: FakeDiscord): Recorded[] {
  return fake.requests.filter((r) => {
    if (r.method === 'GET' || r.path.endsWith('/commands')) return false;
    const body = shown(r);
    return Boolean(body.content || body.embeds?.length || body.components?.length);
  });
}

let sequence = 1_900_000_000_000_000_000n;
/** A fresh snowflake for each interaction or message a test makes up. */
export const nextId = () => String(++sequence);

/** Who presses, where (a server unless told), and with which server permissions. */
export interface PressOptions {
  where?: Where;
  who?: APIUser;
  permissions?: string;
}

/** Presses the button with this custom_id on the message an answer showed; returns the answers to the press. */
export async function pressOn(h: Harness, view: SentBody, customId: string, o: PressOptions = {}) {
  if (!customIdsOf(view).includes(customId)) throw new Error(`no button "${customId}" on the message`);
  const where = o.where ?? 'guild';
  const message = shownMessage(nextId(), view, where);
  return h.interact(click({ id: nextId(), customId, message, where, ...o }));
}
