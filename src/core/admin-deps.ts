import type { AdminDeps } from './admin/handle.js';
import type { BotContext } from './bot-context.js';
import type { AuditEntry, Progress } from './types.js';

/** What staff commands get from the bot: its ports, replies in a person's language, and queued updates. */
export function adminDeps(ctx: BotContext): AdminDeps {
  const { flows, store, translator, notifier, notices, logger, present, languageOf, settings, dashboard } =
    ctx;
  return {
    ...(dashboard ? { dashboard } : {}),
    flows,
    store,
    translator,
    notifier,
    notices,
    logger,
    present: (outcomes, p) => present(outcomes, p, languageOf(p)),
    languageOf: (p) => languageOf(p),
    // A read-modify-write in the person's store update, so no change of theirs (nor a reminder) is lost;
    // the record goes out with its audit entry in one write (`record`), so the update writes nothing more.
    update: async (user, change) => {
      let done: { progress: Progress; entry: AuditEntry } | undefined;
      await store.update(user, async (fresh) => {
        const next = fresh && (await change(fresh));
        if (!next) return undefined;
        // A staff member acted on them: an open "talk to a person" of theirs counts as answered.
        const progress = { ...next.progress, staffAt: next.audit.at };
        done = { progress, entry: await store.record(next.audit, progress) };
        return undefined;
      });
      return done;
    },
    view: (staff, now, language, flow) => ({
      flow,
      now,
      staff,
      t: (key, vars) => translator.t(language, key, vars),
      stepTitle: (stepId) => translator.t(language, `${flow.id}:steps.${stepId}.title`),
      ...settings,
    }),
  };
}
