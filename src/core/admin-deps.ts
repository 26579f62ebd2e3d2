import type { AdminDeps } from './admin/handle.js';
import type { BotContext } from './bot-context.js';

/** What staff commands get from the bot: its ports, replies in a person's language, and queued updates. */
export function adminDeps(ctx: BotContext): AdminDeps {
  const { flow, store, translator, notifier, notices, logger, present, languageOf, settings } = ctx;
  return {
    flow,
    store,
    translator,
    notifier,
    notices,
    logger,
    present: (outcomes, p) => present(outcomes, p, languageOf(p)),
    languageOf: (p) => languageOf(p),
    update: (user, change, staff) => {
      const work = async () => {
        const fresh = await store.load(user);
        const next = fresh && (await change(fresh));
        if (!next) return undefined;
        const entry = await store.record(next.audit, next.progress);
        return { progress: next.progress, entry };
      };
      // The staff member's own record is already theirs to change: their queue is the one running.
      return user === staff ? work() : ctx.serialize(user, work);
    },
    view: (staff, now, language) => ({
      flow,
      now,
      staff,
      t: (key, vars) => translator.t(language, key, vars),
      stepTitle: (stepId) => translator.t(language, `${flow.id}:steps.${stepId}.title`),
      ...settings,
    }),
  };
}
