import { GuidepostError } from './errors.js';
/**
 * A change the store could not make durable (disk full, folder not writable): nothing was changed, and
 * the same change may simply be tried again later. The bot answers with `common:errors.not-saved`.
 */
export class StoreWriteError extends GuidepostError {
  readonly code = 'STORE_WRITE_FAILED' as const;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Whether the store can write now: false from a failed write until the next one succeeds. */
export interface StoreHealth {
  writable: boolean;
  /** What failed last, naming the file and the error code (never any person's data). */
  lastError?: string;
}
