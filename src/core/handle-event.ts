import type { AdminInput, createAdmin } from './admin/handle.js';
import { adminInput } from './admin/handle.js';
import type { BotContext } from './bot-context.js';
import { parseAction, parseText } from './commands.js';
import { describeError } from './describe-error.js';
import { newProgress, type Outcome, transition } from './engine.js';
import type { Flow } from './flow.js';
import { switchFlow } from './flow-parts.js';
import { matchLanguage } from './languages.js';
import { cleanDisplayName } from './person.js';
import type { HandleHooks } from './ports.js';
import { StoreWriteError } from './store-error.js';
import { knownTimeZone } from './time-zone.js';
import { type Command, type IncomingEvent, inLanguage, type Progress, type Reply } from './types.js';

/** Runs staff commands for a staff member (see admin/handle.ts). */
export type RunAdmin = ReturnType<typeof createAdmin>;

/**
 * One event; a failure is logged and answered with a warning, never thrown.
 *
 * What guarantees what: the person's record changes only inside `store.update`, which runs one
 * person's changes one after another on the fresh record and claims the delivery id in the same
 * durable write; that alone makes a platform retry count once (even one arriving while the first is
 * being saved, and even one reaching another bot over the same store) and loses no change. The
 * in-process queue (`ctx.serialize`) adds what the store cannot: one person's replies and side effects
 * (the staff notice, a staff command's answer) come out in the order the events arrived.
 */
export function handleEvent(
  ctx: BotContext,
  admin: RunAdmin,
  event: IncomingEvent,
  hooks: HandleHooks = {},
): Promise<Reply[]> {
  return ctx.serialize(event.user, () =>
    process(ctx, admin, event, hooks).catch((error: unknown): Reply[] => {
      ctx.logger.error({ err: describeError(error), user: event.user }, 'event failed');
      const language = ctx.languageOf(undefined, event.locale);
      return [{ kind: 'warning', text: ctx.translator.t(language, failureKey(error)), language }];
    }),
  );
}

/** A save the store refused changed nothing: the person is told so, not that all is well. */
const failureKey = (error: unknown) =>
  error instanceof StoreWriteError ? 'common:errors.not-saved' : 'common:errors.internal';

/** What the change decided on the fresh record; acted on only once the update has resolved. */
type Decision =
  | { kind: 'person'; progress: Progress; outcomes: Outcome[] }
  | { kind: 'staff'; before: Progress; input: AdminInput }
  | { kind: 'refused'; before: Progress };

async function process(
  ctx: BotContext,
  admin: RunAdmin,
  event: IncomingEvent,
  hooks: HandleHooks,
): Promise<Reply[]> {
  if (event.view === 'status') {
    hooks.claimed?.(); // a look claims nothing: it is answered wherever it arrives
    return look(ctx, event);
  }
  const now = ctx.clock.now();
  const command =
    event.action !== undefined ? parseAction(event.action) : parseText(event.text ?? '', ctx.vocabulary);
  let decision: Decision | undefined;
  // `decide` only computes: a shared store may batch this change with other people's.
  const options = { pure: true, ...(event.deliveryId !== undefined ? { deliveryId: event.deliveryId } : {}) };
  const { duplicate } = await ctx.store.update(
    event.user,
    (current) => {
      const made = decide(ctx, event, command, current, now);
      decision = made.decision;
      return made.write;
    },
    options,
  );
  // A repeat of a delivery already handled: it changed nothing, and is answered with nothing.
  if (duplicate || !decision) return [];
  hooks.claimed?.();
  return afterUpdate(ctx, admin, event, decision, now);
}

/**
 * The transition on the fresh record (or a staff command's first part), and the record to write: the
 * new one when it changed, or when there is a delivery id to claim with it; else nothing.
 */
function decide(
  ctx: BotContext,
  event: IncomingEvent,
  command: Command,
  current: Progress | undefined,
  now: Date,
): { decision: Decision; write: Progress | undefined } {
  const loaded = current ?? newProgress(ctx.flows.default, event.user, now);
  const platformed = withPlatformFacts(ctx, loaded, event);
  const claim = event.deliveryId !== undefined;
  const input = adminInput(event, command, platformed);
  if (input) {
    if (!ctx.admins.includes(event.user) && event.staff !== true) {
      return { decision: { kind: 'refused', before: platformed }, write: undefined };
    }
    // Staff: the platform facts and the delivery id are saved first; the command runs afterwards.
    return {
      decision: { kind: 'staff', before: platformed, input },
      write: claim || platformed !== loaded ? platformed : undefined,
    };
  }
  const { flow, before, asked } = inFlowFor(ctx, platformed, command);
  const { progress, outcomes } = transition(flow, before, asked, now, ctx.translator.languages);
  return {
    decision: { kind: 'person', progress, outcomes },
    write: claim || progress !== loaded ? progress : undefined,
  };
}

/**
 * The flow the command acts in, and the record in it: `start <flow>` moves the person into that flow
 * (their place in the one they leave is kept); a name that is no flow lists the flows instead. A record
 * of a flow the bot no longer runs is moved into the default flow, its part kept.
 */
function inFlowFor(
  ctx: BotContext,
  p: Progress,
  command: Command,
): { flow: Flow; before: Progress; asked: Command } {
  const wanted = command.type === 'start' && command.flowId !== undefined ? command.flowId : undefined;
  const target = wanted === undefined ? ctx.flows.of(p) : ctx.flows.get(wanted);
  if (!target) return { flow: ctx.flows.of(p), before: p, asked: { type: 'flows', unknown: wanted ?? '' } };
  return { flow: target, before: switchFlow(p, target), asked: command };
}

/** The side effects and replies of what the change decided, now that it is saved. */
async function afterUpdate(
  ctx: BotContext,
  admin: RunAdmin,
  event: IncomingEvent,
  decision: Decision,
  now: Date,
): Promise<Reply[]> {
  if (decision.kind !== 'person') {
    const language = ctx.languageOf(decision.before, event.locale);
    if (decision.kind === 'staff') {
      return inLanguage(await admin(decision.before, decision.input, now, language), language);
    }
    ctx.logger.warn({ user: event.user }, 'admin command refused: not staff');
    return [{ kind: 'warning', text: ctx.translator.t(language, 'admin:refused'), language }];
  }
  const { progress, outcomes } = decision;
  if (outcomes.some((o) => o.show === 'escalated' && !o.already)) {
    await ctx.notifier.notifyStaff(progress.user, [
      ctx.notices.staffNotice(progress, ctx.defaultLanguage, 'escalation'),
    ]);
  }
  const answerLanguage = ctx.languageOf(progress, event.locale);
  return inLanguage(ctx.present(outcomes, progress, answerLanguage), answerLanguage);
}

/** A look (`view: 'status'`): the person's status in their language; nothing saved, no activity. */
async function look(ctx: BotContext, event: IncomingEvent): Promise<Reply[]> {
  const stored = await ctx.store.load(event.user);
  const progress = stored ?? newProgress(ctx.flows.default, event.user, ctx.clock.now());
  const language = ctx.languageOf(progress, event.locale);
  return inLanguage(ctx.present([{ show: 'status' }], progress, language), language);
}

/**
 * What the platform told us about the person (time zone, language, name), kept for proactive messages
 * and staff views; the record is the same object when nothing differs, so nothing is written.
 */
function withPlatformFacts(ctx: BotContext, p: Progress, event: IncomingEvent): Progress {
  const platformLocale = matchLanguage(event.locale, ctx.translator.languages);
  const zone = knownTimeZone(event.timeZone);
  const name = cleanDisplayName(event.displayName);
  const facts: Partial<Progress> = {
    ...(zone && zone !== p.timeZone ? { timeZone: zone } : {}),
    ...(platformLocale && platformLocale !== p.platformLocale ? { platformLocale } : {}),
    ...(name && name !== p.displayName ? { displayName: name } : {}),
  };
  return Object.keys(facts).length ? { ...p, ...facts } : p;
}
