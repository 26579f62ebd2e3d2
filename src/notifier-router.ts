import { type Notifier, type Platform, platformOf } from './core/index.js';

/**
 * Sends each proactive message through the adapter that owns the person's platform: the first part of
 * their user key names it (`slack`, `discord`, `console`, or any adapter's name).
 */
export function routeNotifications(
  byPlatform: Record<Platform, Notifier>,
  fallbackStaff?: Notifier,
): Notifier {
  const route = (user: string): Notifier | undefined =>
    Object.hasOwn(byPlatform, platformOf(user)) ? byPlatform[platformOf(user)] : undefined;
  return {
    async notify(user, replies) {
      const notifier = route(user);
      return notifier ? notifier.notify(user, replies) : false;
    },
    async notifyStaff(about, replies) {
      const notifier = route(about) ?? fallbackStaff;
      await notifier?.notifyStaff(about, replies);
    },
  };
}
