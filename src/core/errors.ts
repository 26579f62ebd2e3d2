/**
 * Every failure Guidepost names on purpose. The code is what a program matches on; the message is written
 * for the person who can fix it (it names the setting or file, never a secret or what anybody typed).
 */
export type ErrorCode =
  // Settings and start-up
  | 'CONFIG_INVALID'
  | 'STARTUP_FAILED'
  | 'HEALTH_PORT'
  | 'DASHBOARD_PORT'
  | 'DATABASE_URL'
  | 'USAGE'
  | `${Uppercase<string>}_START_FAILED`
  // Content
  | 'FLOW_INVALID'
  | 'LOCALE_INVALID'
  | 'GUIDE_INVALID'
  // The store
  | 'STORE_WRITE_FAILED'
  | 'STORE_UNREADABLE'
  | 'STORE_LOCKED'
  | 'STORE_FILE_CHANGED'
  | 'STORE_COPY_RACE'
  | 'STORE_COPY_MISMATCH'
  | 'BACKUP_FAILED'
  | 'RESTORE_REFUSED';

/** The base of every error above: `code` from the union, `name` the class's own name. */
export abstract class GuidepostError extends Error {
  abstract readonly code: ErrorCode;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A plain Guidepost error for a one-off failure that needs no class of its own. */
export class NamedError extends GuidepostError {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const isGuidepostError = (error: unknown): error is GuidepostError => error instanceof GuidepostError;
