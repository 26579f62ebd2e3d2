import { type Notifier, type Platform, platformOf } from './core/index.js';

/** Sends each proactive message through the adapter that owns the person's platform. */
export function routeNotifications(
  byPlatform: Partial<Record<Platform, Notifier>>,
  fallbackStaff?: Notifier,
): Notifier {
  return {
    async notify(user, replies) {
      const notifier = byPlatform[platformOf(user)];
      return notifier ? notifier.notify(user, replies) : false;
    },
    async notifyStaff(about, replies) {
      const notifier = byPlatform[platformOf(about)] ?? fallbackStaff;
      await notifier?.notifyStaff(about, replies);
    },
  };
}
