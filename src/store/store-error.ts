/** A file-system failure names the store file (ENOSPC or EISDIR alone name nothing). */
export function namedError(file: string, error: unknown, what: string): unknown {
  const e = error as NodeJS.ErrnoException;
  if (!(error instanceof Error) || typeof e.syscall !== 'string' || e.message.includes(file)) return error;
  const reason = FS_REASONS[e.code ?? ''] ?? e.message;
  return Object.assign(new Error(`Store ${file} ${what}: ${reason}`, { cause: error }), {
    code: e.code,
  });
}

const FS_REASONS: Record<string, string> = {
  ENOSPC: 'the disk is full (ENOSPC); free some space',
  EISDIR: 'a folder is in the way of one of its files (EISDIR)',
  EACCES: 'not allowed to write in its folder (EACCES)',
  EPERM: 'not allowed to write in its folder (EPERM)',
  EROFS: 'its folder is on a read-only file system (EROFS)',
};
