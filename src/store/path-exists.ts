import { stat } from 'node:fs/promises';
import { isCode } from './fs-durable.js';

/** Whether `path` exists; any failure other than ENOENT is passed on. */
export const exists = (path: string): Promise<boolean> =>
  stat(path).then(
    () => true,
    (e: unknown) => (isCode(e, 'ENOENT') ? false : Promise.reject(e)),
  );
