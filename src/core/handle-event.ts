import type { AdminInput, createAdmin } from './admin/handle.js';
import { adminInput } from './admin/handle.js';
import type { BotContext } from './bot-context.js';
import { parseAction, parseText } from './commands.js';
import { describeError } from './describe-error.js';
import { newProgress, transition } from './engine.js';
import { matchLanguage } from './languages.js';
import { StoreWriteError } from './store-error.js';
import { knownTimeZone } from './time-zone.js';
import { type IncomingEvent, inLanguage, type Progress, type Reply } from './types.js';

/** Runs staff commands for a staff member (see admin/handle.ts). */
export type RunAdmin = ReturnType<typeof createAdmin>;

/** One event, in the person's queue; a failure is logged and answered with a warning, never thrown. */
export function handleEvent(ctx: BotContext, admin: RunAdmin, event: IncomingEvent): Promise<Reply[]> {
  return ctx.serialize(event.user, () =>
    process(ctx, admin, event).catch((error: unknown): Reply[] => {
      ctx.logger.error({ err: describeError(error), user: event.user }, 'event failed');
      const language = ctx.languageOf(undefined, event.locale);
      return [{ kind: 'warning', text: ctx.translator.t(language, failureKey(error)), language }];
    }),
  );
}

/** A save the store refused changed nothing: the person is told so, not that all is well. */
const failureKey = (error: unknown) =>
  error instanceof StoreWriteError ? 'common:errors.not-saved' : 'common:errors.internal';

async function process(ctx: BotContext, admin: RunAdmin, event: IncomingEvent): Promise<Reply[]> {
  const { flow, store, clock, translator } = ctx;
  if (event.view === 'status') return look(ctx, event);
  if (event.deliveryId && (await store.seen(event.deliveryId))) return [];
  const now = clock.now();
  const loaded = (await store.load(event.user)) ?? newProgress(flow, event.user, now);
  const before = withPlatformFacts(ctx, loaded, event);
  const command =
    event.action !== undefined ? parseAction(event.action) : parseText(event.text ?? '', ctx.vocabulary);
  const input = adminInput(event, command, before);
  if (input) return staffBranch(ctx, admin, { event, loaded, before, input, now });

  const { progress, outcomes } = transition(flow, before, command, now, translator.languages);
  if (progress !== loaded || event.deliveryId) await store.save(progress, event.deliveryId);
  if (outcomes.some((o) => o.show === 'escalated' && !o.already)) {
    await ctx.notifier.notifyStaff(progress.user, [
      ctx.notices.staffNotice(progress, ctx.defaultLanguage, 'escalation'),
    ]);
  }
  const answerLanguage = ctx.languageOf(progress, event.locale);
  return inLanguage(ctx.present(outcomes, progress, answerLanguage), answerLanguage);
}

/** A staff command or answer: the event, the record as loaded and with the platform facts, the time. */
interface StaffEvent {
  event: IncomingEvent;
  loaded: Progress;
  before: Progress;
  input: AdminInput;
  now: Date;
}

/** Staff only: anyone else is refused; the platform facts and the delivery id are saved first. */
async function staffBranch(ctx: BotContext, admin: RunAdmin, s: StaffEvent): Promise<Reply[]> {
  const { event, loaded, before } = s;
  const language = ctx.languageOf(before, event.locale);
  if (!ctx.admins.includes(event.user) && event.staff !== true) {
    ctx.logger.warn({ user: event.user }, 'admin command refused: not staff');
    return [{ kind: 'warning', text: ctx.translator.t(language, 'admin:refused'), language }];
  }
  if (event.deliveryId || before !== loaded) await ctx.store.save(before, event.deliveryId);
  return inLanguage(await admin(before, s.input, s.now, language), language);
}

/** A look (`view: 'status'`): the person's status in their language; nothing saved, no activity. */
async function look(ctx: BotContext, event: IncomingEvent): Promise<Reply[]> {
  const progress = (await ctx.store.load(event.user)) ?? newProgress(ctx.flow, event.user, ctx.clock.now());
  const language = ctx.languageOf(progress, event.locale);
  return inLanguage(ctx.present([{ show: 'status' }], progress, language), language);
}

/** What the platform told us about the person (time zone, language), kept for proactive messages. */
function withPlatformFacts(ctx: BotContext, p: Progress, event: IncomingEvent): Progress {
  const platformLocale = matchLanguage(event.locale, ctx.translator.languages);
  const zone = knownTimeZone(event.timeZone);
  const timeZone = zone && zone !== p.timeZone ? zone : undefined;
  const locale = platformLocale && platformLocale !== p.platformLocale ? platformLocale : undefined;
  if (!timeZone && !locale) return p;
  return { ...p, ...(timeZone ? { timeZone } : {}), ...(locale ? { platformLocale: locale } : {}) };
}
