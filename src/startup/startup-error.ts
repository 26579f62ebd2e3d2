import { GuidepostError } from '../core/errors.js';
/**
 * Guidepost cannot start because of one setting: names it, says what is wrong and how to fix it, in one
 * line, never with the setting's value (it may be a secret). `main` prints the message and exits 1.
 */
export class StartupError extends GuidepostError {
  readonly code = 'STARTUP_FAILED' as const;
  constructor(
    readonly setting: string,
    readonly problem: string,
    readonly fix: string,
  ) {
    super(`${setting}: ${problem}. Fix: ${fix}`);
  }
}

/** The errno-style code of a Node error (`EADDRINUSE`, `ENOSPC`, …), if it has one. */
export function errnoOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) ? code : undefined;
}
