import type { FlowCatalogue } from './flow-catalogue.js';
import type { ProgressStore } from './ports.js';
import { withReminderTime } from './reminder-time.js';
import type { ReminderSettings } from './reminders.js';

/**
 * The store as the bot uses it: every record it writes carries its reminder time (`remindAt`), so the
 * store's index can answer "who is due now" without reading everyone.
 */
export function stampingReminderTimes(
  store: ProgressStore,
  flows: FlowCatalogue,
  settings: ReminderSettings,
): ProgressStore {
  const stamp = (p: Parameters<typeof withReminderTime>[1]) => withReminderTime(flows.of(p), p, settings);
  return {
    ...store,
    save: (progress, deliveryId) => store.save(stamp(progress), deliveryId),
    record: (draft, progress) => store.record(draft, progress && stamp(progress)),
    update: (user, change, options) =>
      store.update(
        user,
        async (current) => {
          const next = await change(current);
          return next && stamp(next);
        },
        options,
      ),
  };
}
