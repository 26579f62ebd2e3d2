import { DiscordAPIError, RESTJSONErrorCodes } from 'discord.js';

/** Discord's "Cannot send messages to this user": the person does not accept DMs from us. */
export const isDmClosed = (error: unknown): boolean =>
  error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.CannotSendMessagesToThisUser;

/**
 * An error for the logs: its name, code, status and message. Never its request: a failed interaction
 * callback's URL holds the interaction token, and its body holds what we were about to say.
 */
export function describeError(error: unknown): object {
  if (!(error instanceof Error)) return { message: String(error) };
  const { code, status } = error as { code?: unknown; status?: unknown };
  return {
    name: error.name,
    message: error.message,
    ...(code !== undefined ? { code } : {}),
    ...(typeof status === 'number' ? { status } : {}),
  };
}
