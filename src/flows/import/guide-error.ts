import { GuidepostError } from '../../core/errors.js';

/** A guide the importer cannot turn into a flow: the file and line to look at, and why. */
export class GuideError extends GuidepostError {
  readonly code = 'GUIDE_INVALID' as const;
  constructor(
    readonly file: string,
    readonly line: number,
    detail: string,
  ) {
    super(`${file}:${line}: ${detail}`);
  }
}
