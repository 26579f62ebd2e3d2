import { DiscordAPIError, RESTJSONErrorCodes } from 'discord.js';

/** Discord's "Cannot send messages to this user": the person does not accept DMs from us. */
export const isDmClosed = (error: unknown): boolean =>
  error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.CannotSendMessagesToThisUser;

/**
 * An error for the logs (the kit's: name, code, status, message and stack). Never its request: a failed
 * interaction callback's URL holds the interaction token, and its body holds what we were about to say.
 */
export { describeError } from '../kit/index.js';
