import { errnoOf, StartupError } from './startup-error.js';

/**
 * A listen failure on `setting` (PORT, or another port setting) as a StartupError; anything else unchanged.
 * The port number is not secret and is named, so the operator knows which one to free.
 */
export function portError(setting: string, port: number, error: unknown): unknown {
  switch (errnoOf(error)) {
    case 'EADDRINUSE':
      return new StartupError(
        setting,
        `port ${port} is already in use by another program`,
        `stop that program, or set ${setting} to a free port`,
      );
    case 'EACCES':
    case 'EPERM':
      return new StartupError(
        setting,
        `this user may not listen on port ${port}`,
        `set ${setting} to 1024 or above, or grant the process CAP_NET_BIND_SERVICE`,
      );
    case 'EADDRNOTAVAIL':
      return new StartupError(
        setting,
        `port ${port} cannot be opened on this machine`,
        `set ${setting} to a free port`,
      );
    default:
      return error;
  }
}
