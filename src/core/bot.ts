import { createAdmin } from './admin/handle.js';
import { adminDeps } from './admin-deps.js';
import { type BotDeps, createBotContext } from './bot-context.js';
import { handleEvent } from './handle-event.js';
import type { Handle } from './ports.js';
import { remind } from './reminder-sweep.js';
import type { StaffViews } from './staff-views/types.js';
import { createStaffViews } from './staff-views/views.js';

export type { BotDeps } from './bot-context.js';

export interface Bot {
  /**
   * One event in, translated replies out, each carrying its language. The change is saved before this
   * resolves; it never throws. An event with `view: 'status'` only looks: it saves nothing.
   */
  handle: Handle;
  /**
   * Sends every reminder and staff notice due now; returns how many went out. Never throws (the
   * scheduler's). Once `signal` is aborted, the person being reminded is finished and saved and nobody
   * else is taken; the next sweep (after a restart too) goes on with whoever is still due. A call while
   * a sweep runs joins that sweep rather than starting a second one over the same people.
   */
  remind(options?: { signal?: AbortSignal }): Promise<number>;
  /** What staff see in the dashboard, read from the store's counts and pages. */
  views: StaffViews;
}

const noYield = () => Promise.resolve();

/** The bot: one context shared by event handling (handle-event.ts) and the reminder sweep (reminder-sweep.ts). */
export function createBot(deps: BotDeps): Bot {
  const ctx = createBotContext(deps);
  const admin = createAdmin(adminDeps(ctx));
  const yieldNow = deps.yieldNow ?? noYield;
  let sweeping: Promise<number> | undefined;
  return {
    views: createStaffViews(ctx),
    handle(event, hooks = {}) {
      return handleEvent(ctx, admin, event, hooks);
    },
    remind(options = {}) {
      sweeping ??= remind(ctx, { ...options, yieldNow }).finally(() => {
        sweeping = undefined;
      });
      return sweeping;
    },
  };
}
