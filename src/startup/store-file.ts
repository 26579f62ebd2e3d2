import { dirname } from 'node:path';
import { StoreFileError } from '../store/file-schema.js';
import { errnoOf, StartupError } from './startup-error.js';

/**
 * A file-system failure opening the store at `file` as a StartupError naming STORE_FILE; anything else
 * (a store locked by another process, a damaged snapshot: they explain themselves) unchanged. The path is
 * named (it is not secret): which folder to fix is the whole point.
 */
export function storeFileError(storeFile: string, error: unknown): unknown {
  // A file the store could not read (the snapshot, its journal) keeps the file-system error as its cause.
  const wrapped = error instanceof StoreFileError && error.cause !== undefined;
  const file = wrapped ? error.file : storeFile;
  const folder = dirname(file);
  switch (errnoOf(wrapped ? error.cause : error)) {
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new StartupError(
        'STORE_FILE',
        `this user may not write in the folder ${folder} (or read the files in it)`,
        'let the user running guidepost write there (or mount it read-write), or point STORE_FILE at a writable folder',
      );
    case 'ENOSPC':
    case 'EDQUOT':
      return new StartupError(
        'STORE_FILE',
        `the disk holding ${folder} is full`,
        'free space on that disk, or point STORE_FILE at a folder on another disk',
      );
    case 'EISDIR':
      return new StartupError(
        'STORE_FILE',
        `${file} is a folder, not a file`,
        `point STORE_FILE at a file, e.g. ${file}/onboarding.json`,
      );
    case 'ENOTDIR':
    case 'EEXIST':
      return new StartupError(
        'STORE_FILE',
        `part of the folder path ${folder} is a file, not a folder`,
        'move that file away, or point STORE_FILE at a file in a folder',
      );
    default:
      return error;
  }
}
